// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test-policydb.c - unit tests of our own complete read of binary Xen
 * policies (policydb_check), on fixtures built by checkpolicy from Xen
 * 4.17's policy sources:
 *   xenpolicy-4.17       the default policy, version 30
 *   xenpolicy-v24        the same, version 24 (32-bit iomem, no names in
 *                        constraints, no class defaults)
 *   xenpolicy-mls        the default policy with CONFIG_MLS=y
 *   xenpolicy-ocontexts  the default policy plus one static label of each
 *                        kind: pirqcon 33, ioportcon 0x1000-0x10ff,
 *                        iomemcon 0xfeb00-0xfeb1f, pcidevicecon 0x318,
 *                        devicetreecon /soc/eth0 (all nic_dev_t)
 * and from Xen 4.20.4's and 4.22.0's policy sources:
 *   xenpolicy-4.20, xenpolicy-4.22  their default policies, version 30
 * Offsets named below are of those files, as checked in.
 */

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <sepol/booleans.h>
#include <sepol/context.h>
#include <sepol/context_record.h>
#include <sepol/debug.h>
#include <sepol/handle.h>
#include <sepol/policydb.h>

#include "policydb.h"

#define POLICY SRCDIR "/tests/unit/policy"

static const char *const fixtures[] = {
	"xenpolicy-4.17", "xenpolicy-v24", "xenpolicy-mls",
	"xenpolicy-ocontexts", "xenpolicy-4.20", "xenpolicy-4.22",
};

/* Reads the whole of fixture name (to free) and its length. */
static unsigned char *fixture(const char *name, size_t *len)
{
	char path[512];
	unsigned char *buf;
	FILE *fp;
	long n;

	snprintf(path, sizeof(path), "%s/%s", POLICY, name);
	fp = fopen(path, "re");
	assert_non_null(fp);
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	n = ftell(fp);
	assert_true(n > 0);
	rewind(fp);
	buf = malloc(n + 1);	/* + 1: room for a byte appended */
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, n, fp), (size_t)n);
	fclose(fp);
	*len = n;
	return buf;
}

/* Checks name with the byte at off set to v: refused with a reason containing want. */
static void refused_with(const char *name, size_t off, unsigned char v,
			 const char *want)
{
	unsigned char *buf;
	char why[256];
	size_t len;

	buf = fixture(name, &len);
	assert_true(off < len);
	assert_int_not_equal(buf[off], v);
	buf[off] = v;
	assert_int_equal(policydb_check(buf, len, NULL, why, sizeof(why)), -EINVAL);
	if (!strstr(why, want))
		fail_msg("offset %#zx = %#x: got \"%s\", want \"%s\"", off, v,
			 why, want);
	free(buf);
}

static void fixtures_pass(void **state)
{
	unsigned char *buf;
	char why[256];
	size_t len, i;

	(void)state;
	for (i = 0; i < sizeof(fixtures) / sizeof(fixtures[0]); i++) {
		buf = fixture(fixtures[i], &len);
		if (policydb_check(buf, len, NULL, why, sizeof(why)) != 0)
			fail_msg("%s: %s", fixtures[i], why);
		free(buf);
	}
}

/*
 * The two files of the reliability report: the boolean count 2 -> 16 (Xen
 * loaded it, then panicked; libsepol crashed), and the sensitivity count
 * 0 -> 0x400000 (libsepol read for minutes).
 */
static void counts_without_entries(void **state)
{
	(void)state;
	refused_with("xenpolicy-4.17", 0x1695, 0x10,
		     "at offset 0x1695: booleans: 16 declared, 2 present");
	refused_with("xenpolicy-4.17", 0x16d9, 0x40,
		     "sensitivities: 4194304 declared, 0 present");
}

/* Each way a file can point outside itself or its own tables. */
static void references(void **state)
{
	(void)state;
	/* the class count, and the entries that cannot fit */
	refused_with("xenpolicy-ocontexts", 0x40, 0xff,
		     "classes: 255 declared, 13 present");
	refused_with("xenpolicy-ocontexts", 0x46, 0xff,
		     "entries cannot fit");
	/* a class's value, and its permission count (at most 32) */
	refused_with("xenpolicy-ocontexts", 0x50, 0xff,
		     "classes: value 255 outside 1..13");
	refused_with("xenpolicy-ocontexts", 0x54, 0xff,
		     "permissions: 255 declared, 13 present (at most 32)");
	/* bitmaps naming users, roles and types that do not exist */
	refused_with("xenpolicy-ocontexts", 0x75f, 0xff,
		     "a bitmap names user 8 of 4");
	refused_with("xenpolicy-ocontexts", 0x1075, 0xff,
		     "a bitmap names role 8 of 3");
	refused_with("xenpolicy-ocontexts", 0x1091, 0xff,
		     "a bitmap names type 40 of 39");
	/* a rule's source type, and a type rule's result */
	refused_with("xenpolicy-ocontexts", 0x16eb, 0xff,
		     "rule: type 255 does not exist (1..39)");
	refused_with("xenpolicy-ocontexts", 0x16f3, 0xff,
		     "type rule: type 255 does not exist (1..39)");
	/* an initial SID 0, an MLS range of 255 levels */
	refused_with("xenpolicy-ocontexts", 0x2527, 0x00, "initial SID 0");
	refused_with("xenpolicy-ocontexts", 0x1587, 0xff,
		     "MLS range of 255 levels");
}

/* Expressions Xen would BUG() on or evaluate off its stack. */
static void expressions(void **state)
{
	(void)state;
	refused_with("xenpolicy-ocontexts", 0x5c, 0xff,
		     "a constraint expression Xen cannot evaluate");
	refused_with("xenpolicy-ocontexts", 0x246b, 0xff,
		     "a conditional expression Xen cannot evaluate");
}

/* What Xen itself refuses: tables it has none of, versions it does not read. */
static void what_xen_refuses(void **state)
{
	(void)state;
	refused_with("xenpolicy-ocontexts", 0x251f, 0xff,
		     "filename transitions (Xen has none)");
	refused_with("xenpolicy-ocontexts", 0x27dc, 0xff,
		     "genfs contexts (Xen has none)");
	refused_with("xenpolicy-4.17", 0x10, 25,
		     "policy version 25: Xen reads Xen policies of version "
		     "24 and 30 only");
	refused_with("xenpolicy-4.17", 0x18, 9,
		     "table sizes 9 and 6 do not match version 30");
}

/* The static labels' context checks: a context Xen would not accept. */
static void ocontext_contexts(void **state)
{
	(void)state;
	/* iomemcon 0xfeb00-0xfeb1f: low above high */
	refused_with("xenpolicy-ocontexts", 0x2753, 0x20,
		     "iomemcon: range 0xfeb20-0xfeb1f ends before it starts");
	/* its context system_u:object_r:nic_dev_t, user 1 role 1 type 37:
	   role 2 (system_r) may not have nic_dev_t */
	refused_with("xenpolicy-ocontexts", 0x2767, 0x02,
		     "iomemcon: role 2 may not have type 37");
	refused_with("xenpolicy-ocontexts", 0x2763, 0x07,
		     "iomemcon: user 7 does not exist (1..4)");
}

/* The static labels a policy compiles in, as policydb_labels() gives them. */
/*
 * Contexts as Xen's security_context_to_sid() takes them (found by the
 * oracle): no attribute as the type; an MLS range read as
 * mls_context_to_sid() reads it and valid as mls_context_isvalid() says,
 * the high level dominating the low one.
 */
static void contexts_as_xen(void **state)
{
	static const struct {
		const char *file, *context;
		int valid;
	} t[] = {
		{ "xenpolicy-4.17", "system_u:object_r:nic_dev_t", 1 },
		{ "xenpolicy-4.17", "system_u:object_r:domain_type", 0 },
		{ "xenpolicy-4.17", "user_3:object_r:domain_target_type", 0 },
		{ "xenpolicy-4.17", "system_u:object_r:nic_dev_t:", 0 },
		{ "xenpolicy-mls", "user_3:object_r:isolated_domU_t:s4-s11", 1 },
		{ "xenpolicy-mls", "user_3:object_r:isolated_domU_t:s11-s4", 0 },
		{ "xenpolicy-mls", "system_u:object_r:nic_dev_t:s0:c0,c3", 1 },
		{ "xenpolicy-mls", "system_u:object_r:nic_dev_t:s0:c3.c5,c7",
		  1 },
		{ "xenpolicy-mls", "system_u:object_r:nic_dev_t:s0:c5.c3", 0 },
		{ "xenpolicy-mls", "system_u:object_r:nic_dev_t:s0:c0,", 0 },
		{ "xenpolicy-mls", "system_u:object_r:nic_dev_t:s0-s0:c0,c3",
		  1 },
		{ "xenpolicy-mls", "system_u:object_r:nic_dev_t:s1:c0-s0", 0 },
	};
	struct policydb *db;
	unsigned char *buf;
	char why[256];
	size_t len, i;
	int rc;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		buf = fixture(t[i].file, &len);
		assert_int_equal(policydb_open(buf, len, NULL, &db, why,
					       sizeof(why)), 0);
		rc = policydb_check_context(db, t[i].context);
		if ((rc == 0) != t[i].valid)
			fail_msg("%s: '%s': %d", t[i].file, t[i].context, rc);
		policydb_close(db);
		free(buf);
	}
}

static void static_labels(void **state)
{
	static const struct { int kind; uint64_t low, high; } want[] = {
		{ 1, 33, 33 },			/* pirqcon 33 */
		{ 2, 0x1000, 0x10ff },		/* ioportcon */
		{ 3, 0xfeb00, 0xfeb1f },	/* iomemcon */
		{ 4, 0x318, 0x318 },		/* pcidevicecon */
	};
	struct policydb_label *l;
	unsigned char *buf;
	char why[256];
	size_t len, n, i;

	(void)state;
	buf = fixture("xenpolicy-ocontexts", &len);
	assert_int_equal(policydb_labels(buf, len, NULL, &l, &n, why, sizeof(why)),
			 0);
	assert_int_equal(n, 4);	/* devicetreecon is not one of them */
	for (i = 0; i < n; i++) {
		assert_int_equal(l[i].kind, want[i].kind);
		assert_int_equal(l[i].low, want[i].low);
		assert_int_equal(l[i].high, want[i].high);
		assert_string_equal(l[i].context,
				    "system_u:object_r:nic_dev_t");
	}
	policydb_labels_free(l, n);
	free(buf);

	/* none in the default policy; a corrupt one gives none either */
	buf = fixture("xenpolicy-4.17", &len);
	assert_int_equal(policydb_labels(buf, len, NULL, &l, &n, why, sizeof(why)),
			 0);
	assert_int_equal(n, 0);
	policydb_labels_free(l, n);
	buf[0x1695] = 0x10;
	assert_int_equal(policydb_labels(buf, len, NULL, &l, &n, why, sizeof(why)),
			 -EINVAL);
	assert_non_null(strstr(why, "booleans: 16 declared, 2 present"));
	free(buf);
}

/*
 * libsepol (3.4, Debian 12's) as the oracle of what the tools now do
 * themselves: it reads a policy, sets a default the way checkpolicy and
 * setsebool do (re-evaluating the conditionals), and writes it back in its
 * own order.  So an image is compared through libsepol's rewrite of it.
 */
struct sepol {
	sepol_handle_t *h;
	sepol_policydb_t *db;
};

static void quiet(void *arg, sepol_handle_t *h, const char *fmt, ...)
{
	(void)arg, (void)h, (void)fmt;
}

/* Reads buf with libsepol. Returns 0, or -1 (nothing to free) when refused. */
static int sepol_try(struct sepol *s, const void *buf, size_t len)
{
	sepol_policy_file_t *pf;
	int rc;

	s->h = sepol_handle_create();
	assert_non_null(s->h);
	sepol_msg_set_callback(s->h, quiet, NULL);
	sepol_debug(0);
	assert_int_equal(sepol_policy_file_create(&pf), 0);
	sepol_policy_file_set_mem(pf, (char *)buf, len);
	sepol_policy_file_set_handle(pf, s->h);
	assert_int_equal(sepol_policydb_create(&s->db), 0);
	rc = sepol_policydb_read(s->db, pf);
	sepol_policy_file_free(pf);
	if (rc < 0) {
		sepol_policydb_free(s->db);
		sepol_handle_destroy(s->h);
		return -1;
	}
	return 0;
}

static void sepol_open(struct sepol *s, const void *buf, size_t len)
{
	assert_int_equal(sepol_try(s, buf, len), 0);
}

static void sepol_close(struct sepol *s)
{
	sepol_policydb_free(s->db);
	sepol_handle_destroy(s->h);
}

/*
 * A libsepol that refuses Xen policies cannot be the oracle: 3.8 validates
 * every policy it reads, and its table of Xen's initial SIDs lacks xenboot,
 * so Xen's last one (domDM, 13) fails "sid < XEN_SID_SZ" and the policy is
 * an "Invalid ocontext".  The test is then skipped, and says why.
 */
static void need_oracle(void)
{
	unsigned char *buf;
	struct sepol s;
	size_t len;
	int rc;

	buf = fixture("xenpolicy-4.17", &len);
	rc = sepol_try(&s, buf, len);
	free(buf);
	if (rc == 0) {
		sepol_close(&s);
		return;
	}
	print_message("# this libsepol refuses Xen policies (3.8 does: its "
		      "Xen initial SIDs stop at 12): no oracle, skipped\n");
	skip();
}


/* libsepol's rewrite of an image (to free), its length in *len. */
static void *sepol_rewrite(const void *buf, size_t len, size_t *out)
{
	struct sepol s;
	void *image;

	sepol_open(&s, buf, len);
	assert_int_equal(sepol_policydb_to_image(s.h, s.db, &image, out), 0);
	sepol_close(&s);
	return image;
}

static void sepol_set(struct sepol *s, const char *name, int value)
{
	sepol_bool_key_t *key;
	sepol_bool_t *b;

	assert_int_equal(sepol_bool_key_create(s->h, name, &key), 0);
	assert_int_equal(sepol_bool_query(s->h, s->db, key, &b), 0);
	assert_non_null(b);
	sepol_bool_set_value(b, value);
	assert_int_equal(sepol_bool_set(s->h, s->db, key, b), 0);
	sepol_bool_free(b);
	sepol_bool_key_free(key);
}

static int count_bool(const char *name, int value, void *arg)
{
	char (*names)[64] = arg;
	int i;

	(void)value;
	for (i = 0; names[i][0]; i++)
		;
	snprintf(names[i], sizeof(names[i]), "%s", name);
	return 0;
}

/*
 * Every default of every boolean of every fixture, set to 0 and to 1 in
 * place, gives the policy libsepol gives (through its rewrite); and the
 * comparison sees a default set without its conditionals.
 */
static void set_bool_as_libsepol(void **state)
{
	char names[8][64];
	size_t f, len, n1, n2, ours_len;
	int i, v;

	(void)state;
	need_oracle();
	for (f = 0; f < sizeof(fixtures) / sizeof(fixtures[0]); f++) {
		unsigned char *buf = fixture(fixtures[f], &len);
		struct policydb *db;
		char why[256];

		memset(names, 0, sizeof(names));
		assert_int_equal(policydb_open(buf, len, NULL, &db, why,
					       sizeof(why)), 0);
		policydb_bools(db, count_bool, names);
		policydb_close(db);
		assert_true(names[0][0]);
		for (i = 0; names[i][0]; i++)
			for (v = 0; v < 2; v++) {
				struct sepol s;
				void *want, *got, *theirs;
				const void *ours;

				assert_int_equal(policydb_open(buf, len, NULL, &db,
							       why,
							       sizeof(why)),
						 0);
				assert_int_equal(policydb_set_bool(db,
								   names[i], v),
						 0);
				ours = policydb_image(db, &ours_len);
				assert_int_equal(ours_len, len);
				got = sepol_rewrite(ours, ours_len, &n1);
				policydb_close(db);
				sepol_open(&s, buf, len);
				sepol_set(&s, names[i], v);
				assert_int_equal(sepol_policydb_to_image(s.h,
					s.db, &theirs, &n2), 0);
				sepol_close(&s);
				want = sepol_rewrite(theirs, n2, &n2);
				if (n1 != n2 || memcmp(got, want, n1))
					fail_msg("%s: %s=%d differs from "
						 "libsepol's", fixtures[f],
						 names[i], v);
				free(got);
				free(want);
				free(theirs);
			}
		free(buf);
	}
	/* a default changed without its conditionals is seen */
	{
		unsigned char *buf = fixture("xenpolicy-4.17", &len);
		struct sepol s;
		void *a, *b, *theirs;
		unsigned char *state_word = memmem(buf, len, "prot_doms_locked",
						    16);

		assert_non_null(state_word);
		sepol_open(&s, buf, len);
		sepol_set(&s, "prot_doms_locked", 1);
		assert_int_equal(sepol_policydb_to_image(s.h, s.db, &theirs,
							 &n2), 0);
		sepol_close(&s);
		state_word[-8] = 1;
		a = sepol_rewrite(buf, len, &n1);
		b = sepol_rewrite(theirs, n2, &n2);
		assert_true(n1 != n2 || memcmp(a, b, n1));
		free(a);
		free(b);
		free(theirs);
		free(buf);
	}
}

/* Contexts: valid or not as libsepol's sepol_context_check() says. */
static void contexts_as_libsepol(void **state)
{
	static const char *const contexts[] = {
		"system_u:object_r:nic_dev_t", "system_u:system_r:domU_t",
		"system_u:system_r:dom0_t", "system_u:object_r:nope_t",
		"system_u:system_r:nic_dev_t", "nobody:object_r:nic_dev_t",
		"system_u:nobody_r:domU_t", "system_u:object_r:domU_t",
		"system_u:object_r:nic_dev_t:s0", "system_u:object_r:nic_dev_t:s0:c0",
		"system_u:object_r:nic_dev_t:s0-s0:c0.c255",
		"system_u:object_r:nic_dev_t:s0-s15:c0.c1023",
		"system_u:object_r:nic_dev_t:s99", "system_u:system_r:domU_t:s0",
		"system_u:object_r:nic_dev_t:s0:c9999", "system_u:object_r",
		"system_u", "",
	};
	static const char *const files[] = { "xenpolicy-4.17", "xenpolicy-mls" };
	size_t f, i, len;

	(void)state;
	need_oracle();
	for (f = 0; f < 2; f++) {
		unsigned char *buf = fixture(files[f], &len);
		struct policydb *db;
		struct sepol s;
		char why[256];

		assert_int_equal(policydb_open(buf, len, NULL, &db, why, sizeof(why)),
				 0);
		sepol_open(&s, buf, len);
		for (i = 0; i < sizeof(contexts) / sizeof(contexts[0]); i++) {
			sepol_context_t *c = NULL;
			int theirs = sepol_context_from_string(s.h, contexts[i],
							       &c) == 0 &&
				     sepol_context_check(s.h, s.db, c) == 0;
			int ours = policydb_check_context(db, contexts[i]) == 0;

			sepol_context_free(c);
			if (ours != theirs)
				fail_msg("%s: '%s': ours %d, libsepol %d",
					 files[f], contexts[i], ours, theirs);
		}
		sepol_close(&s);
		policydb_close(db);
		free(buf);
	}
}

/* Every prefix of every fixture is refused with a reason; so is a byte more. */
static void prefixes_and_trailing_bytes(void **state)
{
	unsigned char *buf;
	char why[256];
	size_t len, n, i;

	(void)state;
	for (i = 0; i < sizeof(fixtures) / sizeof(fixtures[0]); i++) {
		buf = fixture(fixtures[i], &len);
		for (n = 0; n < len; n++) {
			why[0] = '\0';
			if (policydb_check(buf, n, NULL, why, sizeof(why)) != -EINVAL
			    || !why[0])
				fail_msg("%s cut at %zu: not refused",
					 fixtures[i], n);
		}
		buf[len] = 0;
		assert_int_equal(policydb_check(buf, len + 1, NULL, why,
						sizeof(why)), -EINVAL);
		assert_non_null(strstr(why, "1 bytes after the end"));
		free(buf);
	}
}

/*
 * Every one-byte change of every fixture (seven values per byte) is either
 * taken or refused with a reason that fits; under the sanitizers (make
 * check builds the unit tests with ASan and UBSan too) nothing reads out
 * of bounds.  Prints how many were checked.
 */
static void one_byte_changes(void **state)
{
	static const int values[] = { 0x00, 0xff, 0x01, 0x80, 0x40, 0x10, -1 };
	unsigned long tried = 0, taken = 0;
	unsigned char *buf;
	char why[64];
	size_t len, off, i, k;

	(void)state;
	for (i = 0; i < sizeof(fixtures) / sizeof(fixtures[0]); i++) {
		buf = fixture(fixtures[i], &len);
		for (off = 0; off < len; off++) {
			unsigned char old = buf[off];

			for (k = 0; k < sizeof(values) / sizeof(values[0]);
			     k++) {
				int rc;

				buf[off] = values[k] < 0 ? old + 1 : values[k];
				if (buf[off] == old)
					continue;
				memset(why, 'x', sizeof(why));
				rc = policydb_check(buf, len, NULL, why, sizeof(why));
				assert_true(rc == 0 || rc == -EINVAL);
				assert_non_null(memchr(why, '\0', sizeof(why)));
				assert_true(rc == 0 || why[0]);
				tried++;
				taken += rc == 0;
			}
			buf[off] = old;
		}
		free(buf);
	}
	print_message("# %lu one-byte changes checked, %lu taken (names, "
		      "permission bits, defaults), %lu refused\n", tried,
		      taken, tried - taken);
}

/*
 * Checks fixture name with the little-endian word at off set to v, for
 * Xen xen: refused with a reason containing want, or, when want is NULL,
 * taken.
 */
static void word_set(const char *name, const struct xen_classes *xen,
		     size_t off, uint32_t v, const char *want)
{
	unsigned char *buf;
	char why[512];
	size_t len;
	int rc;

	buf = fixture(name, &len);
	assert_true(off + 4 <= len);
	buf[off] = v & 0xff;
	buf[off + 1] = v >> 8 & 0xff;
	buf[off + 2] = v >> 16 & 0xff;
	buf[off + 3] = v >> 24;
	why[0] = '\0';
	rc = policydb_check(buf, len, xen, why, sizeof(why));
	if (!want && rc != 0)
		fail_msg("%s: word %#zx = %#x refused: %s", name, off, v, why);
	if (want && (rc != -EINVAL || !strstr(why, want)))
		fail_msg("%s: word %#zx = %#x: got \"%s\", want \"%s\"", name,
			 off, v, rc ? why : "taken", want);
	free(buf);
}

/*
 * An ebitmap's high bit as Xen rounds it: up to a multiple of 128, in 32
 * bits.  The two files of the report: type 18's attribute bitmap
 * (0x28b3, 64 -> 0xffffffbf) panicked Xen 4.17.5 on load, type 39's
 * (0x2aab -> 0xffffff90) made Xen skip its node and read the file
 * otherwise; both were taken by our old reader.  0xffffff80 is the
 * largest that does not wrap.
 */
static void ebitmap_wrap(void **state)
{
	(void)state;
	word_set("xenpolicy-4.17", NULL, 0x28b3, 0xffffffbf,
		 "type attributes: bitmap high bit 0xffffffbf, which Xen's "
		 "rounding wraps to 0");
	word_set("xenpolicy-4.17", NULL, 0x2aab, 0xffffff90, "wraps to 0");
	word_set("xenpolicy-4.17", NULL, 0x2aab, 0xffffff81, "wraps to 0");
	word_set("xenpolicy-4.17", NULL, 0x2aab, 0xffffff80, NULL);
	word_set("xenpolicy-4.17", NULL, 0x2aab, 0x80, NULL);
}

/* What Xen's loader refuses beyond the layout (its hashtabs, sidtab, bounds, MLS checks). */
static void what_xen_loader_refuses(void **state)
{
	static const char add[] = "mtrr_add", del[] = "mtrr_del";
	unsigned char *buf, *at;
	char why[512];
	size_t len;

	(void)state;
	refused_with("xenpolicy-ocontexts", 0x16eb, 2,
		 "two rules for the same types, class and kind");
	refused_with("xenpolicy-ocontexts", 0x2527, 2,
		 "initial SID 2 given twice");
	/* Xen's object_r is its own, with no types */
	refused_with("xenpolicy-ocontexts", 0x105d, 1,
		 "role 'vm_r': violates its bound 'object_r'");
	refused_with("xenpolicy-ocontexts", 0x10c9, 2,
		 "role 'system_r': violates its bound 'vm_r'");
	refused_with("xenpolicy-ocontexts", 0x1119, 1,
		 "type 'unlabeled_t': bounds nested too deep or in a loop");
	refused_with("xenpolicy-ocontexts", 0x1563, 2,
		 "user 'system_u': violates its bound");
	/* MLS: ranges as mls_context_isvalid() holds them */
	refused_with("xenpolicy-mls", 0x3b0f, 0,
		 "initial SID: an MLS range that is not valid");
	/* the user's range: its low categories' high bit past its nodes
	   (Xen's ebitmap_contains() compares high bits) */
	refused_with("xenpolicy-mls", 0x16f6, 4,
		     "initial SID: an MLS range outside user 1's");
	/* a pirq Xen would keep in 16 bits: another pirq */
	word_set("xenpolicy-ocontexts", NULL, 0x26ff, 0x10021,
		 "pirqcon: pirq 0x10021 above 0xffff (Xen would label pirq "
		 "0x21)");
	/* Xen keeps its own object_r of value 1 beside a renamed one */
	refused_with("xenpolicy-4.22", 0x10c3, 'f',
		     "roles: value 1 must be object_r");
	/* a policy that says MLS and has no sensitivities */
	refused_with("xenpolicy-ocontexts", 0x14, 1,
		 "an MLS range that is not valid");
	/* a permission name twice in a class (Xen's hashtab_insert) */
	buf = fixture("xenpolicy-4.17", &len);
	at = memmem(buf, len, add, sizeof(add) - 1);
	assert_non_null(at);
	memcpy(at, del, sizeof(del) - 1);
	assert_int_equal(policydb_check(buf, len, NULL, why, sizeof(why)),
			 -EINVAL);
	assert_non_null(strstr(why, "permissions: the name 'mtrr_del' twice"));
	free(buf);
}

/*
 * Each Xen holds a policy to the classes and permissions it compiles in
 * (validate_classes()): 4.17's policy lacks 4.20's get_dom0_console,
 * 4.22 dropped xen's privprofile and nonprivprofile (the bits after them
 * moved); 4.20's adds only at the ends, so 4.17 takes it.  Without a
 * version, any Xen flask-utils knows.
 */
static void classes_per_version(void **state)
{
	static const struct {
		const char *file, *xen, *want;
	} t[] = {
		{ "xenpolicy-4.17", "4.17", NULL },
		{ "xenpolicy-4.17", "4.20.4", "built for another Xen than "
		  "4.20: class xen2 lacks get_dom0_console" },
		{ "xenpolicy-4.17", "4.22.0", "built for another Xen than "
		  "4.22: class xen has kexec at another place" },
		{ "xenpolicy-4.20", "4.17.5", NULL },
		{ "xenpolicy-4.20", "4.20", NULL },
		{ "xenpolicy-4.20", "4.22", "class xen has kexec at another "
		  "place" },
		{ "xenpolicy-4.22", "4.17", "built for another Xen than 4.17: "
		  "class xen lacks privprofile" },
		{ "xenpolicy-4.22", "4.20", "class xen lacks privprofile" },
		{ "xenpolicy-4.22", "4.22", NULL },
		{ "xenpolicy-4.22", NULL, NULL },
	};
	unsigned char *buf;
	char why[512];
	size_t len, i;
	int rc;

	(void)state;
	assert_null(xen_classes_find("4.19"));
	assert_null(xen_classes_find("4.170"));
	assert_null(xen_classes_find("nosetbool"));
	assert_string_equal(xen_classes_find("4.20.4+63-gabc")->version,
			    "4.20");
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		const struct xen_classes *xen = NULL;

		if (t[i].xen) {
			xen = xen_classes_find(t[i].xen);
			assert_non_null(xen);
		}
		buf = fixture(t[i].file, &len);
		why[0] = '\0';
		rc = policydb_check(buf, len, xen, why, sizeof(why));
		if (t[i].want ? rc != -EINVAL || !strstr(why, t[i].want)
			      : rc != 0)
			fail_msg("%s for %s: got \"%s\"", t[i].file,
				 t[i].xen ? t[i].xen : "any", rc ? why : "taken");
		free(buf);
	}
	/* a class none of them has at its place */
	buf = fixture("xenpolicy-4.17", &len);
	assert_true(buf[0x60] == 'm' && buf[0x61] == 'm');
	buf[0x60] = 'n';
	assert_int_equal(policydb_check(buf, len, NULL, why, sizeof(why)),
			 -EINVAL);
	assert_string_equal(why, "built for a Xen that flask-utils does not "
			    "know (not 4.17: class 6 is nmu, not mmu; not "
			    "4.20: class 6 is nmu, not mmu; not 4.22: class 6 "
			    "is nmu, not mmu)");
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fixtures_pass),
		cmocka_unit_test(ebitmap_wrap),
		cmocka_unit_test(what_xen_loader_refuses),
		cmocka_unit_test(classes_per_version),
		cmocka_unit_test(contexts_as_xen),
		cmocka_unit_test(counts_without_entries),
		cmocka_unit_test(references),
		cmocka_unit_test(expressions),
		cmocka_unit_test(what_xen_refuses),
		cmocka_unit_test(ocontext_contexts),
		cmocka_unit_test(static_labels),
		cmocka_unit_test(set_bool_as_libsepol),
		cmocka_unit_test(contexts_as_libsepol),
		cmocka_unit_test(prefixes_and_trailing_bytes),
		cmocka_unit_test(one_byte_changes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
