// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz-oracle.c - our policy reader against Xen's own, one Xen version per
 * binary (fuzz-oracle-4.17, -4.20, -4.22; linked with that version's
 * tests/oracle/bin/VERSION/libxenss-fuzz.a; tests/oracle/README.md).
 *
 * Every input policydb_check() accepts for that version goes to Xen's
 * security_load_policy(), a first load, which must accept it, read every
 * byte of it, and give the same booleans (names, defaults), the same
 * static labels (pirqcon, ioportcon, iomemcon, pcidevicecon) and the same
 * verdict on contexts (those of the labels, and user:role:type[:range]
 * made of the policy's own names) as policydb_open(), policydb_bools(),
 * policydb_labels() and policydb_check_context().  Then Xen uses it, so
 * that ASan sees a crash there: access decisions for pairs of SIDs in
 * every class, new-SID computations, the SIDs of I/O resources, adding
 * and removing labels, booleans set and committed, SIDs back to contexts;
 * a reload of the same file (booleans preserved, SIDs converted), and a
 * load of it over the version's default policy; then the state is reset.
 * A difference aborts with "ERROR: oracle: Xen V: [KIND] ..." and what Xen
 * printed; KIND is classes (Xen refuses the class definitions), refused
 * (anything else), consumed, bools, labels, contexts, reload or
 * over-default.  FUZZ_ORACLE_ALLOW=KIND,... counts those kinds instead
 * (to look past a known one; never for a crash), one line for the first
 * of each; with FUZZ_ORACLE_SAVE=DIR, each allowed input whose kind and
 * last Xen message (digits aside) are new is written to DIR/KIND-HASH
 * (up to 500).  At exit: "oracle: Xen V: N inputs, A accepted by ours, L
 * loaded by Xen, S without a difference" (and the allowed divergences).
 */

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "oracle.h"
#include "policydb.h"
#include "xenclasses.h"

#ifndef ORACLE_BASE
#define ORACLE_BASE ""
#endif

/* Bounds on the work per input. */
#define MAX_NAMES 6		/* users, roles; types: 3 times as many */
#define MAX_SIDS 10		/* SIDs paired for access decisions */
#define MAX_CONTEXTS 400

int LLVMFuzzerInitialize(int *argc, char ***argv);

static const struct xen_classes *xen;
static const char *xen_version;
static unsigned long n_inputs, n_ours, n_loaded, n_same;
/* this version's default policy, for a load over it (may be absent) */
static uint8_t *base;
static size_t base_len;

/* The input being checked, for the report. */
static size_t cur_size;

/* The kinds of divergence, as FUZZ_ORACLE_ALLOW names them. */
enum { D_CLASSES, D_REFUSED, D_CONSUMED, D_BOOLS, D_LABELS, D_CONTEXTS,
       D_RELOAD, D_OVER_DEFAULT, D_KINDS };
static const char *const kind_names[D_KINDS] = {
	"classes", "refused", "consumed", "bools", "labels", "contexts",
	"reload", "over-default",
};
static int allowed[D_KINDS];
static unsigned long n_allowed[D_KINDS];

/* Prints the statistics line (and the allowed divergences).  Returns nothing. */
static void stats(void)
{
	int k;

	fprintf(stderr, "oracle: Xen %s: %lu inputs, %lu accepted by ours, "
		"%lu loaded by Xen, %lu without a difference",
		xen_version ? xen_version : "?", n_inputs, n_ours, n_loaded,
		n_same);
	for (k = 0; k < D_KINDS; k++)
		if (n_allowed[k])
			fprintf(stderr, ", %lu allowed [%s]", n_allowed[k],
				kind_names[k]);
	fprintf(stderr, "\n");
}

/* Prints what Xen printed, one message per line, indented. */
static void print_xen_log(void)
{
	const char *p = oracle_log();

	if (!*p) {
		fprintf(stderr, "  (Xen printed nothing)\n");
		return;
	}
	while (*p) {
		const char *end = strchr(p, '\n');
		size_t n = end ? (size_t)(end - p) : strlen(p);

		if (n >= 3 && p[0] == '<' && p[2] == '>')
			p += 3, n -= 3;
		if (n)
			fprintf(stderr, "  Xen: %.*s\n", (int)n, p);
		p += end ? (size_t)(end - p) + 1 : strlen(p);
	}
}

/* The input being checked, for save(). */
static const uint8_t *cur_data;

/*
 * FUZZ_ORACLE_SAVE: writes the input to DIR/KIND-HASH when no input of
 * that kind with the same last Xen message (digits aside) was written.
 */
static void save(int kind)
{
	static uint32_t seen[500];
	static size_t nseen;
	const char *dir = getenv("FUZZ_ORACLE_SAVE"), *p, *last;
	uint32_t key = 2166136261u ^ (uint32_t)kind;
	char path[4096];
	size_t i;
	FILE *f;

	if (!dir || !*dir || nseen == sizeof(seen) / sizeof(seen[0]))
		return;
	/* the last line Xen printed */
	for (p = last = oracle_log(); *p; p++)
		if (*p == '\n' && p[1])
			last = p + 1;
	for (p = last; *p && *p != '\n'; p++)
		if (*p < '0' || *p > '9')
			key = (key ^ (uint8_t)*p) * 16777619u;
	for (i = 0; i < nseen; i++)
		if (seen[i] == key)
			return;
	seen[nseen++] = key;
	snprintf(path, sizeof(path), "%s/%s-%08x", dir, kind_names[kind], key);
	f = fopen(path, "wb");
	if (f) {
		fwrite(cur_data, 1, cur_size, f);
		fclose(f);
	}
}

/*
 * A divergence of a kind: unless FUZZ_ORACLE_ALLOW allows it, says what
 * it is, with Xen's messages, and aborts.  Returns when allowed.
 */
static void __attribute__((format(printf, 2, 3)))
diverge(int kind, const char *fmt, ...)
{
	va_list ap;

	if (allowed[kind])
		save(kind);
	if (allowed[kind] && n_allowed[kind]++)
		return;
	fprintf(stderr, "%s: Xen %s: [%s] ", allowed[kind] ?
		"oracle: allowed" : "ERROR: oracle", xen_version,
		kind_names[kind]);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (input of %zu bytes)\n", cur_size);
	if (allowed[kind])
		return;
	print_xen_log();
	stats();
	abort();
}

/* Returns the file's bytes (malloc'ed, *len), or NULL. */
static uint8_t *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n)) &&
	    fread(buf, 1, (size_t)n, f) == (size_t)n) {
		*len = (size_t)n;
	} else {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

/*
 * Once: the class definitions of this Xen version, the kinds allowed, the
 * default policy (it must load).  Returns 0.
 */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *path = getenv("FUZZ_ORACLE_BASE");
	const char *allow = getenv("FUZZ_ORACLE_ALLOW");
	int k;

	(void)argc;
	(void)argv;
	for (k = 0; allow && k < D_KINDS; k++) {
		const char *p = strstr(allow, kind_names[k]);
		size_t n = strlen(kind_names[k]);

		/* whole words of the comma-separated list */
		while (p && ((p != allow && p[-1] != ',') ||
			     (p[n] && p[n] != ',')))
			p = strstr(p + 1, kind_names[k]);
		allowed[k] = p != NULL;
	}
	xen_version = oracle_xen_version();
	xen = xen_classes_find(xen_version);
	if (!xen) {
		fprintf(stderr, "ERROR: oracle: flask-utils has no class "
			"definitions for Xen %s (xen_classes_find)\n",
			xen_version);
		abort();
	}
	if (!path || !*path)
		path = ORACLE_BASE;
	if (*path) {
		base = slurp(path, &base_len);
		oracle_reset();
		if (base && oracle_load(base, base_len) != 0) {
			free(base);
			base = NULL;
		}
		oracle_reset();
	}
	if (!base)
		fprintf(stderr, "oracle: no default policy of Xen %s (%s): "
			"loads over it not exercised\n", xen_version,
			*path ? path : "FUZZ_ORACLE_BASE unset");
	atexit(stats);
	return 0;
}

/* A list of strings (names, contexts). */
struct strs {
	char **s;
	size_t n;
};

/* Appends a copy of s.  Returns 0, or -ENOMEM. */
static int strs_add(struct strs *l, const char *s)
{
	char **bigger = realloc(l->s, (l->n + 1) * sizeof(*l->s));

	if (!bigger)
		return -ENOMEM;
	l->s = bigger;
	if (!(l->s[l->n] = strdup(s)))
		return -ENOMEM;
	l->n++;
	return 0;
}

/* Frees the list. */
static void strs_free(struct strs *l)
{
	while (l->n)
		free(l->s[--l->n]);
	free(l->s);
	l->s = NULL;
}

/* oracle_names() callback: keeps a name.  Returns 0 or -ENOMEM. */
static int keep_name(const char *name, int primary, void *arg)
{
	(void)primary;
	return strs_add(arg, name);
}

/* --- booleans ----------------------------------------------------------- */

struct bool_list {
	struct strs names;
	int values[4096];
	int truncated;
};

/* Booleans callback (ours and Xen's): keeps one.  Returns 0 or -ENOMEM. */
static int keep_bool(const char *name, int value, void *arg)
{
	struct bool_list *b = arg;

	if (b->names.n >= sizeof(b->values) / sizeof(b->values[0])) {
		b->truncated = 1;
		return 0;
	}
	b->values[b->names.n] = value;
	return strs_add(&b->names, name);
}

/* Compares our booleans with Xen's.  Returns 0 when they are the same. */
static int compare_bools(const struct policydb *db)
{
	static struct bool_list ours, xens;
	size_t i;
	int same = 1;

	ours.truncated = xens.truncated = 0;
	CHECK(policydb_bools(db, keep_bool, &ours) == 0);
	CHECK(oracle_bools(keep_bool, &xens) == 0);
	if (ours.names.n != xens.names.n) {
		diverge(D_BOOLS, "%zu booleans read by ours, %zu by Xen",
			ours.names.n, xens.names.n);
		same = 0;
	}
	for (i = 0; same && i < ours.names.n; i++) {
		if (strcmp(ours.names.s[i], xens.names.s[i]) != 0) {
			diverge(D_BOOLS, "boolean %zu: %s read by ours, %s by "
				"Xen", i + 1, ours.names.s[i],
				xens.names.s[i]);
			same = 0;
		} else if (!!ours.values[i] != !!xens.values[i]) {
			diverge(D_BOOLS, "boolean %s: default %d read by ours, "
				"%d by Xen", ours.names.s[i], ours.values[i],
				xens.values[i]);
			same = 0;
		}
	}
	strs_free(&ours.names);
	strs_free(&xens.names);
	return same ? 0 : -1;
}

/* --- static labels ------------------------------------------------------ */

struct label {
	int kind;
	uint64_t low, high;
	char *context;
};

struct label_list {
	struct label *l;
	size_t n;
};

static const char *const kind_name[] = { "?", "pirqcon", "ioportcon",
					 "iomemcon", "pcidevicecon" };

/* oracle_labels() callback: keeps one of Xen's labels.  Returns 0 or -ENOMEM. */
static int keep_label(int kind, uint64_t low, uint64_t high,
		      const char *context, void *arg)
{
	struct label_list *x = arg;
	struct label *bigger = realloc(x->l, (x->n + 1) * sizeof(*x->l));

	if (!bigger)
		return -ENOMEM;
	x->l = bigger;
	x->l[x->n].kind = kind;
	x->l[x->n].low = low;
	x->l[x->n].high = high;
	if (!(x->l[x->n].context = strdup(context)))
		return -ENOMEM;
	x->n++;
	return 0;
}

/* qsort() order of labels: kind, low, high, context. */
static int label_cmp(const void *a, const void *b)
{
	const struct label *x = a, *y = b;

	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (x->low != y->low)
		return x->low < y->low ? -1 : 1;
	if (x->high != y->high)
		return x->high < y->high ? -1 : 1;
	return strcmp(x->context, y->context);
}

/* Formats a label into buf.  Returns buf. */
static const char *label_str(char *buf, size_t size, const struct label *l)
{
	snprintf(buf, size, "%s %#" PRIx64 "-%#" PRIx64 " %s",
		 kind_name[l->kind >= 1 && l->kind <= 4 ? l->kind : 0],
		 l->low, l->high, l->context);
	return buf;
}

/*
 * Compares our static labels with Xen's, as sets (Xen sorts overlapping
 * I/O ranges as it reads them).  Returns Xen's, which the caller frees;
 * *same 0 when they differ.
 */
static struct label_list compare_labels(const uint8_t *buf, size_t size,
					struct strs *contexts, int *same)
{
	struct label_list ours = { NULL, 0 }, xens = { NULL, 0 };
	struct policydb_label *pl;
	char why[256], a[512], b[512];
	size_t n, i;

	CHECK(policydb_labels(buf, size, xen, &pl, &n, why, sizeof(why)) == 0);
	CHECK(oracle_labels(keep_label, &xens) == 0);
	*same = 1;
	if (oracle_mls()) {
		/* ours gives no labels of an MLS policy */
		CHECK(n == 0);
		policydb_labels_free(pl, n);
		return xens;
	}
	ours.l = calloc(n ? n : 1, sizeof(*ours.l));
	CHECK(ours.l != NULL);
	for (i = 0; i < n; i++) {
		ours.l[i].kind = pl[i].kind;
		ours.l[i].low = pl[i].low;
		ours.l[i].high = pl[i].high;
		ours.l[i].context = pl[i].context;
		CHECK(strs_add(contexts, pl[i].context) == 0);
	}
	ours.n = n;
	if (ours.n)
		qsort(ours.l, ours.n, sizeof(*ours.l), label_cmp);
	if (xens.n)
		qsort(xens.l, xens.n, sizeof(*xens.l), label_cmp);
	*same = 1;
	for (i = 0; *same && i < ours.n && i < xens.n; i++)
		if (label_cmp(&ours.l[i], &xens.l[i]) != 0) {
			diverge(D_LABELS, "static labels differ: ours read %s, "
				"Xen %s", label_str(a, sizeof(a), &ours.l[i]),
				label_str(b, sizeof(b), &xens.l[i]));
			*same = 0;
		}
	if (*same && ours.n != xens.n) {
		diverge(D_LABELS, "%zu static labels read by ours, %zu by Xen "
			"(%s)", ours.n, xens.n, ours.n > xens.n ?
			label_str(a, sizeof(a), &ours.l[i]) :
			label_str(b, sizeof(b), &xens.l[i]));
		*same = 0;
	}
	free(ours.l);
	policydb_labels_free(pl, n);
	return xens;
}

/* Frees a label list. */
static void labels_free(struct label_list *x)
{
	while (x->n)
		free(x->l[--x->n].context);
	free(x->l);
	x->l = NULL;
}

/* --- contexts ----------------------------------------------------------- */

/* FNV-1a of the input: which names the contexts are made of. */
static uint32_t input_hash(const uint8_t *data, size_t size)
{
	uint32_t h = 2166136261u;

	while (size--)
		h = (h ^ *data++) * 16777619u;
	return h;
}

/* Appends "a:b:c" (and the MLS suffix sfx) to l, up to MAX_CONTEXTS. */
static void add_context(struct strs *l, const char *u, const char *r,
			const char *t, const char *sfx)
{
	char *s;

	if (l->n >= MAX_CONTEXTS)
		return;
	CHECK(asprintf(&s, "%s:%s:%s%s", u, r, t, sfx) >= 0);
	CHECK(strs_add(l, s) == 0);
	free(s);
}

/*
 * The contexts to ask both readers about: the labels', and
 * user:role:type made of a few of the policy's users, roles (object_r
 * too) and types (aliases and attributes too), chosen by the input's
 * hash; in an MLS policy each with ranges made of its sensitivities and
 * categories (in and out of order), in another with one range too.
 */
static void make_contexts(struct strs *ctx, uint32_t h)
{
	struct strs name[ORACLE_NSYMS] = { { NULL, 0 } }, sfx = { NULL, 0 };
	size_t nu, nr, nt, i, j, k, x;
	char *s;
	int sym;

	for (sym = 0; sym < ORACLE_NSYMS; sym++)
		CHECK(oracle_names(sym, keep_name, &name[sym]) == 0);
	if (oracle_mls() && name[ORACLE_SENS].n) {
		struct strs *se = &name[ORACLE_SENS], *ca = &name[ORACLE_CATS];
		const char *s0 = se->s[h % se->n];
		const char *s1 = se->s[(h / 7) % se->n];

		CHECK(asprintf(&s, ":%s", s0) >= 0 && !strs_add(&sfx, s));
		free(s);
		CHECK(asprintf(&s, ":%s-%s", s0, s1) >= 0 && !strs_add(&sfx, s));
		free(s);
		CHECK(asprintf(&s, ":%s-%s", s1, s0) >= 0 && !strs_add(&sfx, s));
		free(s);
		if (ca->n) {
			const char *c0 = ca->s[(h / 3) % ca->n];
			const char *c1 = ca->s[(h / 11) % ca->n];

			CHECK(asprintf(&s, ":%s:%s", s0, c0) >= 0 &&
			      !strs_add(&sfx, s));
			free(s);
			CHECK(asprintf(&s, ":%s:%s.%s", s1, c0, c1) >= 0 &&
			      !strs_add(&sfx, s));
			free(s);
			CHECK(asprintf(&s, ":%s-%s:%s,%s", s0, s1, c0, c1) >= 0
			      && !strs_add(&sfx, s));
			free(s);
		}
	} else {
		CHECK(!strs_add(&sfx, ""));
	}
	nu = name[ORACLE_USERS].n < MAX_NAMES ? name[ORACLE_USERS].n : MAX_NAMES;
	nr = name[ORACLE_ROLES].n < MAX_NAMES ? name[ORACLE_ROLES].n : MAX_NAMES;
	nt = name[ORACLE_TYPES].n < 3 * MAX_NAMES ? name[ORACLE_TYPES].n :
	     3 * MAX_NAMES;
	for (i = 0; i < nu; i++)
		for (j = 0; j <= nr; j++)
			for (k = 0; k < nt; k++) {
				const char *u = name[ORACLE_USERS].s[
					(h + i) % name[ORACLE_USERS].n];
				const char *r = j == nr ? "object_r" :
					name[ORACLE_ROLES].s[
					(h / 5 + j) % name[ORACLE_ROLES].n];
				const char *t = name[ORACLE_TYPES].s[
					(h / 13 + k) % name[ORACLE_TYPES].n];

				x = (i + j + k) % sfx.n;
				add_context(ctx, u, r, t, sfx.s[x]);
			}
	/* a range where there must be none, and the other way round */
	if (nu && nr && nt)
		add_context(ctx, name[ORACLE_USERS].s[0],
			    name[ORACLE_ROLES].s[0], name[ORACLE_TYPES].s[0],
			    oracle_mls() ? "" : ":s0");
	for (sym = 0; sym < ORACLE_NSYMS; sym++)
		strs_free(&name[sym]);
	strs_free(&sfx);
}

/*
 * Asks ours and Xen whether each context is valid; they must agree.
 * Keeps up to MAX_SIDS of the SIDs Xen gives.  Returns 0 when they agree.
 */
static int compare_contexts(const struct policydb *db, struct strs *ctx,
			    uint32_t *sids, size_t *nsids)
{
	size_t i;
	int same = 1;

	for (i = 0; i < ctx->n; i++) {
		const char *c = ctx->s[i];
		uint32_t sid = 0;
		int ours = policydb_check_context(db, c);
		int xens = oracle_context_to_sid(c, strlen(c), &sid);

		if ((ours == 0) != (xens == 0)) {
			diverge(D_CONTEXTS, "context %s: %s by ours (%d), %s by "
				"Xen (%d)", c, ours ? "refused" : "valid", ours,
				xens ? "refused" : "valid", xens);
			same = 0;
		}
		if (xens == 0 && *nsids < MAX_SIDS)
			sids[(*nsids)++] = sid;
	}
	return same ? 0 : -1;
}

/* --- what Xen does with a policy ---------------------------------------- */

/* An iterate callback: counts ranges.  Returns 0 (1 after many, to stop). */
static int count_range(void *arg, uint32_t sid, unsigned long start,
		       unsigned long end)
{
	unsigned long *n = arg;
	char *s;
	uint32_t len;

	(void)start;
	(void)end;
	if (oracle_sid_to_context(sid, &s, &len) == 0)
		free(s);
	return ++*n > 64;
}

/* Adds sid to sids[] unless there or full. */
static void add_sid(uint32_t *sids, size_t *n, uint32_t sid)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (sids[i] == sid)
			return;
	if (*n < MAX_SIDS)
		sids[(*n)++] = sid;
}

/*
 * Uses the loaded policy as Xen does: SIDs of resources, access decisions,
 * new SIDs, transitions, labels added and removed, booleans committed,
 * contexts of SIDs.  Only crashes (ASan, UBSan, BUG) are findings here.
 */
static void exercise(uint32_t *sids, size_t *nsids,
		     const struct label_list *labels, uint32_t h)
{
	static const unsigned long probes[] = { 0, 1, 0xff, 0x3f8, 0xffff,
						0x10000, 0xfee00,
						0xffffffffUL };
	unsigned int ncls = oracle_nclasses(), c;
	unsigned long ranges;
	uint32_t sid, av, out;
	size_t i, j, n = *nsids;
	int nb, b, *values;
	char *s;
	uint32_t len;

	for (sid = 1; sid < oracle_ninitial_sids(); sid++)
		if (oracle_sid_to_context(sid, &s, &len) == 0) {
			free(s);
			add_sid(sids, &n, sid);
		}
	for (i = 0; i < labels->n; i++) {
		const struct label *l = &labels->l[i];

		switch (l->kind) {
		case ORACLE_PIRQ:
			if (oracle_irq_sid((int)l->low, &sid) == 0)
				add_sid(sids, &n, sid);
			break;
		case ORACLE_IOPORT:
			if (oracle_ioport_sid((uint32_t)l->high, &sid) == 0)
				add_sid(sids, &n, sid);
			break;
		case ORACLE_IOMEM:
			if (oracle_iomem_sid(l->low, &sid) == 0)
				add_sid(sids, &n, sid);
			break;
		case ORACLE_DEVICE:
			if (oracle_device_sid((uint32_t)l->low, &sid) == 0)
				add_sid(sids, &n, sid);
			break;
		}
	}
	for (i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
		oracle_irq_sid((int)probes[i], &sid);
		oracle_ioport_sid((uint32_t)probes[i], &sid);
		oracle_iomem_sid(probes[i], &sid);
		oracle_device_sid((uint32_t)probes[i], &sid);
	}
	ranges = 0;
	oracle_iterate_iomem_sids(0, ~0UL, count_range, &ranges);
	ranges = 0;
	oracle_iterate_ioport_sids(0, 0xffff, count_range, &ranges);

	/* access decisions, every class, and new SIDs */
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++) {
			for (c = 1; c <= ncls; c++)
				oracle_compute_av(sids[i], sids[j], (uint16_t)c,
						  0xffffffffu, &av);
			c = 1 + (h + (uint32_t)(i * n + j)) % (ncls ? ncls : 1);
			oracle_transition_sid(sids[i], sids[j], (uint16_t)c,
					      &out);
			oracle_member_sid(sids[i], sids[j], (uint16_t)c, &out);
			oracle_change_sid(sids[i], sids[j], (uint16_t)c, &out);
			oracle_validate_transition(sids[i], sids[j], sids[0],
						   (uint16_t)c);
		}
	for (i = 0; i < n; i++)
		if (oracle_sid_to_context(sids[i], &s, &len) == 0)
			free(s);

	/* labels added and removed, as flask-label-pci asks */
	if (n) {
		sid = sids[h % n];
		if (oracle_ocontext_add(ORACLE_PIRQ, 0x3ff, 0x3ff, sid) == 0)
			oracle_ocontext_del(ORACLE_PIRQ, 0x3ff, 0x3ff);
		if (oracle_ocontext_add(ORACLE_IOPORT, 0xe000, 0xe0ff, sid) == 0)
			oracle_ocontext_del(ORACLE_IOPORT, 0xe000, 0xe0ff);
		if (oracle_ocontext_add(ORACLE_IOMEM, 0xfe000, 0xfe0ff, sid) == 0)
			oracle_ocontext_del(ORACLE_IOMEM, 0xfe000, 0xfe0ff);
		if (oracle_ocontext_add(ORACLE_DEVICE, 0x310, 0x310, sid) == 0)
			oracle_ocontext_del(ORACLE_DEVICE, 0x310, 0x310);
	}

	/* booleans: each flipped, committed, read back */
	nb = 0;
	while (oracle_bool_value((unsigned int)nb) >= 0)
		nb++;
	values = calloc((size_t)nb + 1, sizeof(*values));
	CHECK(values != NULL);
	for (b = 0; b < nb; b++)
		values[b] = !oracle_bool_value((unsigned int)b);
	CHECK(oracle_set_bools(nb, values) == 0);
	for (b = 0; b < nb; b++)
		CHECK(oracle_bool_value((unsigned int)b) == values[b]);
	free(values);
	for (i = 0; i < n && i < 3; i++)
		for (c = 1; c <= ncls; c++)
			oracle_compute_av(sids[i], sids[n - 1 - i], (uint16_t)c,
					  0xffffffffu, &av);
	*nsids = n;
}

/*
 * Loads buf once more (the reload path); it must load as the first time
 * did.  Returns 0 when it does.
 */
static int reload(const uint8_t *buf, size_t size)
{
	int rc;

	oracle_log_clear();
	rc = oracle_load(buf, size);
	if (rc)
		diverge(D_RELOAD, "Xen refuses (%d) to reload onto itself a "
			"policy it loaded first", rc);
	else if (oracle_consumed() != size)
		diverge(D_RELOAD, "Xen read %zu of the %zu bytes at a reload",
			oracle_consumed(), size);
	return rc || oracle_consumed() != size ? -1 : 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *buf = malloc(size ? size : 1);
	struct strs contexts = { NULL, 0 };
	struct label_list labels = { NULL, 0 };
	struct policydb *db = NULL;
	uint32_t sids[MAX_SIDS], h = input_hash(data, size), av;
	size_t nsids = 0, i;
	char why[256];
	int rc, same = 1, lsame;

	if (!buf)
		return 0;
	/* an exact copy, so that ASan sees a read past its end */
	memcpy(buf, data, size);
	cur_data = data;
	cur_size = size;
	n_inputs++;
	why[0] = '\0';
	rc = policydb_check(buf, size, xen, why, sizeof(why));
	CHECK(rc == 0 || rc == -EINVAL);
	if (rc) {
		free(buf);
		return 0;
	}
	n_ours++;
	CHECK(policydb_open(buf, size, xen, &db, why, sizeof(why)) == 0);

	/* Xen's first load */
	oracle_reset();
	oracle_log_clear();
	rc = oracle_load(buf, size);
	if (rc) {
		diverge(strstr(oracle_log(), "definition of a class") ?
			D_CLASSES : D_REFUSED,
			"Xen refuses (%d) a policy ours accepts", rc);
		goto out;
	}
	n_loaded++;
	if (oracle_consumed() != size) {
		diverge(D_CONSUMED, "Xen read %zu of the %zu bytes ours read "
			"(it ignores the rest: it read another structure)",
			oracle_consumed(), size);
		same = 0;
	}
	if (compare_bools(db))
		same = 0;
	labels = compare_labels(buf, size, &contexts, &lsame);
	same &= lsame;
	make_contexts(&contexts, h);
	if (compare_contexts(db, &contexts, sids, &nsids))
		same = 0;

	/* what Xen does with it */
	exercise(sids, &nsids, &labels, h);
	if (reload(buf, size))
		same = 0;
	for (i = 0; i < nsids; i++) {
		char *s;
		uint32_t len;

		if (oracle_sid_to_context(sids[i], &s, &len) == 0)
			free(s);
		oracle_compute_av(sids[i], sids[0], (uint16_t)(1 + i % 3),
				  0xffffffffu, &av);
	}
	labels_free(&labels);

	/* over the version's default policy, as at a flask-loadpolicy */
	if (base) {
		oracle_reset();
		CHECK(oracle_load(base, base_len) == 0);
		nsids = 0;
		CHECK(oracle_labels(keep_label, &labels) == 0);
		exercise(sids, &nsids, &labels, h);
		oracle_log_clear();
		rc = oracle_load(buf, size);
		/* Xen keeps MLS or not across loads; the default is not MLS */
		if (rc && !strstr(oracle_log(), "Cannot switch between")) {
			diverge(D_OVER_DEFAULT, "Xen refuses (%d) to load over "
				"its default policy a policy it loads first",
				rc);
			same = 0;
		}
		for (i = 0; i < nsids; i++)
			oracle_compute_av(sids[i], sids[nsids - 1 - i],
					  (uint16_t)(1 + i % 3), 0xffffffffu,
					  &av);
	}
	if (same)
		n_same++;
out:
	labels_free(&labels);
	oracle_reset();
	strs_free(&contexts);
	policydb_close(db);
	free(buf);
	return 0;
}
