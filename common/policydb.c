// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * policydb.c - our own complete read of a binary Xen policy, before
 * anything trusts it.  The layout follows Xen 4.17's
 * xen/xsm/flask/ss/policydb.c (policydb_read and the *_read helpers),
 * avtab.c, conditional.c and ebitmap.c; what Xen checks is checked here
 * too, and so is what Xen takes on trust.
 */

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policydb.h"
#include "xenclasses.h"

#define MAGIC 0xf97cff8cU
#define CONFIG_MLS 1
#define VERSION_XEN 24		/* POLICYDB_VERSION_BOUNDARY */
#define VERSION_ROLETRANS 26
#define VERSION_OBJECT_DEFAULTS 27
#define VERSION_FILENAME_TRANS 25
#define VERSION_DEFAULT_TYPE 28
#define VERSION_CONSTRAINT_NAMES 29
#define VERSION_DEVICETREE 30

enum { SYM_COMMONS, SYM_CLASSES, SYM_ROLES, SYM_TYPES, SYM_USERS, SYM_BOOLS,
       SYM_LEVELS, SYM_CATS, SYM_NUM };
enum { OCON_ISID, OCON_PIRQ, OCON_IOPORT, OCON_IOMEM, OCON_DEVICE,
       OCON_DTREE };

static const char *const sym_what[SYM_NUM] = {
	"commons", "classes", "roles", "types", "users", "booleans",
	"sensitivities", "categories",
};
static const char *const sym_one[SYM_NUM] = {
	"common", "class", "role", "type", "user", "boolean", "sensitivity",
	"category",
};

/* Constraint expressions (constraint.h). */
#define CEXPR_MAXDEPTH 5
enum { CEXPR_NOT = 1, CEXPR_AND, CEXPR_OR, CEXPR_ATTR, CEXPR_NAMES };
#define CEXPR_USER 1
#define CEXPR_ROLE 2
#define CEXPR_TYPE 4
#define CEXPR_TARGET 8
#define CEXPR_XTARGET 16
#define CEXPR_MLS_ATTRS (32 | 64 | 128 | 256 | 512 | 1024)
enum { CEXPR_EQ = 1, CEXPR_NEQ, CEXPR_DOM, CEXPR_DOMBY, CEXPR_INCOMP };

/* Conditional expressions (conditional.h). */
#define COND_EXPR_MAXDEPTH 10
enum { COND_BOOL = 1, COND_NOT, COND_OR, COND_AND, COND_XOR, COND_EQ,
       COND_NEQ };

/* Rule kinds (avtab.h): exactly one per rule. */
#define AVTAB_KINDS (1 | 2 | 4 | 16 | 32 | 64)
#define AVTAB_TYPE (16 | 32 | 64)
#define AVTAB_ENABLED 0x8000

/*
 * Xen's ebitmap node (EBITMAP_SIZE on x86-64: two 64-bit words): it rounds
 * a bitmap's high bit up to a multiple of it, in 32 bits, and groups the
 * file's 64-bit nodes by it; ebitmap_contains() compares those groups.
 */
#define XEN_EBITMAP_SIZE 128U

/* POLICYDB_BOUNDS_MAXDEPTH: how deep Xen follows bounds. */
#define BOUNDS_MAXDEPTH 4

/* TYPEDATUM_PROPERTY_*: a type entry's properties. */
#define TYPE_PRIMARY 1
#define TYPE_ATTRIBUTE 2

/* An MLS level as Xen reads it: a sensitivity and where its categories are. */
struct level {
	uint32_t sens;
	size_t cats;
};

struct name {
	size_t off;
	uint32_t len;
	uint32_t value;		/* aliases: their primary's */
	uint32_t bounds;	/* roles, types, users: the bounding entry */
	int attribute;		/* types: an attribute */
};

struct sym {
	uint32_t nprim;		/* the count the table declares */
	unsigned char *seen;	/* [nprim]: value present */
	struct name *names;
	size_t nnames;
	struct name *byval;	/* [nprim]: the name of each value */
	size_t *at;		/* [nprim]: where roles' types, users' roles,
				   classes' permissions, sensitivities'
				   categories are in the image */
	uint32_t *count;	/* [nprim]: classes' permissions */
	struct level (*range)[2]; /* [nprim]: users' MLS ranges */
};

/* A type rule of a conditional: its key, which conditional and list. */
struct cond_rule {
	uint64_t key;
	uint32_t cond;
	uint32_t seq;		/* the order it was read in */
	int list;		/* 0 true list, 1 false list */
};

struct rd {
	const unsigned char *p;
	size_t len, off;
	uint32_t vers;
	int mls;
	char *why;
	size_t size;
	struct sym sym[SYM_NUM];
	/* the largest bit + 1 seen in bitmaps of users, roles, types,
	   categories; and the largest sensitivity: checked at the end */
	uint32_t extent[SYM_NUM];
	uint32_t max_sens;
	int zero_sens;
	/* policydb_labels(): the static labels, when collected */
	int collect;
	struct policydb_label *labels;
	size_t nlabels;
	/* the Xen the policy is for (NULL: any flask-utils knows) */
	const struct xen_classes *xen;
	/* the unconditional rules' keys, the conditional type rules, the
	   initial SIDs: for the checks of Xen's avtab, cond and sidtab */
	uint64_t *keys;
	size_t nkeys;
	struct cond_rule *crules;
	size_t ncrules;
	uint32_t *isids;
	size_t nisids;
	/* policydb_open(): where the booleans and conditionals are */
	struct policydb *db;
	size_t state;		/* the offset of a boolean's default */
};

/* Where a conditional lives in the image. */
struct cond_at {
	size_t cur;		/* its cur_state word */
	size_t expr;		/* its expression: nexpr (type, boolean) pairs */
	uint32_t nexpr;
	size_t rules[2];	/* its true and false rules: the first one */
	uint32_t nrules[2];
};

struct policydb {
	unsigned char *image;	/* a copy, changed in place */
	size_t len;
	int mls;
	struct sym sym[SYM_NUM];
	size_t *bool_state;	/* [booleans]: offset of each default */
	struct cond_at *conds;
	size_t nconds;
};

static int fail_at(struct rd *r, size_t off, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Describes the first problem, found at offset off, in r->why. Returns -EINVAL. */
static int fail_at(struct rd *r, size_t off, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (r->why[0])
		return -EINVAL;
	n = snprintf(r->why, r->size, "at offset %#zx: ", off);
	if (n >= 0 && (size_t)n < r->size) {
		va_start(ap, fmt);
		vsnprintf(r->why + n, r->size - n, fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

#define fail(r, ...) fail_at(r, (r)->off, __VA_ARGS__)

static uint32_t le32(const unsigned char *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Takes n bytes, *out pointing at them. Returns 0 or -EINVAL. */
static int take(struct rd *r, size_t n, const unsigned char **out)
{
	if (out)
		*out = r->p + r->off;
	if (r->len - r->off < n)
		return fail(r, "truncated (%zu bytes wanted, %zu left)", n,
			    r->len - r->off);
	r->off += n;
	return 0;
}

static int u32(struct rd *r, uint32_t *v)
{
	const unsigned char *b;

	if (take(r, 4, &b) < 0)
		return -EINVAL;
	*v = le32(b);
	return 0;
}

static int u64(struct rd *r, uint64_t *v)
{
	uint32_t lo, hi;

	if (u32(r, &lo) < 0 || u32(r, &hi) < 0)
		return -EINVAL;
	*v = (uint64_t)hi << 32 | lo;
	return 0;
}

/* Reads n words into w[]. */
static int words(struct rd *r, uint32_t *w, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (u32(r, &w[i]) < 0)
			return -EINVAL;
	return 0;
}

/* A count of entries of at least min bytes each: no more than fit. */
static int count(struct rd *r, uint32_t *n, size_t min, const char *what)
{
	if (u32(r, n) < 0)
		return -EINVAL;
	if (*n > (r->len - r->off) / min)
		return fail(r, "%s: %u entries cannot fit in the %zu bytes "
			    "left", what, *n, r->len - r->off);
	return 0;
}

/*
 * Reads an ebitmap as Xen's ebitmap_read() does: map unit 64; the high
 * bit rounded up to a multiple of XEN_EBITMAP_SIZE in 32 bits, where a
 * value that wraps to 0 is refused (Xen would skip the nodes and read
 * their bytes as what follows); nodes at multiples of 64, increasing, below
 * the rounded high bit.  Raises *extent to the highest set bit + 1 when
 * extent is not NULL.
 */
static int ebitmap(struct rd *r, uint32_t *extent, const char *what)
{
	uint32_t w[3] = { 0 }, n, i, start, high;
	uint64_t map, prev = 0;
	int first = 1;

	if (words(r, w, 3) < 0)
		return -EINVAL;
	/* offsets of the words themselves */
	if (w[0] != 64)
		return fail_at(r, r->off - 12, "%s: bitmap unit %u, not 64",
			       what, w[0]);
	if (w[1] > UINT32_MAX - (XEN_EBITMAP_SIZE - 1))
		return fail_at(r, r->off - 8, "%s: bitmap high bit %#x, which "
			       "Xen's rounding wraps to 0", what, w[1]);
	high = w[1] + XEN_EBITMAP_SIZE - 1;
	high -= high % XEN_EBITMAP_SIZE;
	if (w[2] > (r->len - r->off) / 12)
		return fail(r, "%s: bitmap of %u nodes cannot fit", what, w[2]);
	n = w[2];
	if (high == 0 && n)
		return fail(r, "%s: empty bitmap with %u nodes (Xen would read "
			    "them as what follows)", what, n);
	for (i = 0; i < n; i++) {
		if (u32(r, &start) < 0 || u64(r, &map) < 0)
			return -EINVAL;
		if (start % 64 || start > high - 64 ||
		    (!first && start <= prev))
			return fail(r, "%s: bitmap node at bit %u out of "
				    "place", what, start);
		first = 0;
		prev = start;
		if (map && extent) {
			uint64_t top = (uint64_t)start + 64 -
				       __builtin_clzll(map);

			if (top > *extent)
				*extent = top > UINT32_MAX ? UINT32_MAX
							   : (uint32_t)top;
		}
	}
	return 0;
}

/* The rounded high bit of the (already checked) ebitmap at offset off. */
static uint32_t ebitmap_high(const struct rd *r, size_t off)
{
	uint32_t high = le32(r->p + off + 4) + XEN_EBITMAP_SIZE - 1;

	return high - high % XEN_EBITMAP_SIZE;
}

/*
 * Finds the node of the (already checked) ebitmap at offset off that
 * starts at bit start: its map, or 0 (*found says whether there is one).
 * Binary search: the nodes are increasing, 12 bytes each.
 */
static uint64_t ebitmap_node(const struct rd *r, size_t off, uint32_t start,
			     int *found)
{
	const unsigned char *p = r->p + off + 12;
	uint32_t lo = 0, hi = le32(r->p + off + 8);

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2, s = le32(p + 12 * mid);

		if (s == start) {
			*found = 1;
			return (uint64_t)le32(p + 12 * mid + 8) << 32 |
			       le32(p + 12 * mid + 4);
		}
		if (s < start)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = 0;
	return 0;
}

/* Whether bit is set in the (already checked) ebitmap at offset off. */
static int ebitmap_has(const struct rd *r, size_t off, uint32_t bit)
{
	int found;

	return !!(ebitmap_node(r, off, bit - bit % 64, &found) >> (bit % 64) &
		  1);
}

/* Whether every bit set in ebitmap a is set in ebitmap b (ebitmap_get_bit). */
static int ebitmap_subset(const struct rd *r, size_t a, size_t b)
{
	const unsigned char *p = r->p + a + 12;
	uint32_t n = le32(r->p + a + 8), i;
	int found;

	for (i = 0; i < n; i++, p += 12) {
		uint64_t map = (uint64_t)le32(p + 8) << 32 | le32(p + 4);

		if (map & ~ebitmap_node(r, b, le32(p), &found))
			return 0;
	}
	return 1;
}

/*
 * Xen's ebitmap_contains(e1, e2): e1's rounded high bit is not below
 * e2's, and each of e2's nodes of XEN_EBITMAP_SIZE bits (one for each
 * group its file nodes fall in, even an empty one) has a node at the
 * same bit in e1 whose maps hold its maps.
 */
static int ebitmap_contains(const struct rd *r, size_t e1, size_t e2)
{
	const unsigned char *p = r->p + e2 + 12;
	uint32_t n = le32(r->p + e2 + 8), i;
	int found, other;

	if (ebitmap_high(r, e1) < ebitmap_high(r, e2))
		return 0;
	for (i = 0; i < n; i++, p += 12) {
		uint32_t start = le32(p);
		uint64_t map = (uint64_t)le32(p + 8) << 32 | le32(p + 4);

		if (map & ~ebitmap_node(r, e1, start, &found))
			return 0;
		/* e1 has that group when it has either half of it */
		ebitmap_node(r, e1, start ^ 64, &other);
		if (!found && !other)
			return 0;
	}
	return 1;
}

/* Reads a name of len bytes into the table's list of names. */
static int name(struct rd *r, struct sym *s, uint32_t len, const char *what)
{
	const unsigned char *b;

	if (len == 0)
		return fail(r, "%s: an empty name", what);
	if (take(r, len, &b) < 0)
		return -EINVAL;
	if (memchr(b, '\0', len))
		return fail(r, "%s: a name with a NUL byte", what);
	if (s) {
		s->names[s->nnames].off = b - r->p;
		s->names[s->nnames++].len = len;
	}
	return 0;
}

/* Records value of a symbol table entry (primary: counts towards nprim). */
static int value(struct rd *r, struct sym *s, int i, uint32_t v, int primary)
{
	if (v == 0 || v > s->nprim)
		return fail(r, "%s: value %u outside 1..%u", sym_what[i], v,
			    s->nprim);
	s->names[s->nnames - 1].value = v;
	if (!primary)
		return 0;
	if (s->seen[v - 1])
		return fail(r, "%s: value %u given twice", sym_what[i], v);
	s->seen[v - 1] = 1;
	s->byval[v - 1] = s->names[s->nnames - 1];
	if (i == SYM_BOOLS && r->db)
		r->db->bool_state[v - 1] = r->state;
	return 0;
}

/* Reads an MLS level (mls_read_level): a sensitivity and categories. */
static int level(struct rd *r, const char *what, struct level *l)
{
	if (u32(r, &l->sens) < 0)
		return -EINVAL;
	if (l->sens > r->max_sens)
		r->max_sens = l->sens;
	if (l->sens == 0)
		r->zero_sens = 1;
	l->cats = r->off;
	return ebitmap(r, &r->extent[SYM_CATS], what);
}

/*
 * Reads an MLS range (mls_read_range_helper): one or two levels, the high
 * one a copy of the low one when only one is given.
 */
static int range(struct rd *r, const char *what, struct level l[2])
{
	uint32_t items, sens[2], i;

	if (u32(r, &items) < 0)
		return -EINVAL;
	if (items < 1 || items > 2)
		return fail(r, "%s: MLS range of %u levels", what, items);
	if (words(r, sens, items) < 0)
		return -EINVAL;
	for (i = 0; i < items; i++) {
		if (sens[i] > r->max_sens)
			r->max_sens = sens[i];
		if (sens[i] == 0)
			r->zero_sens = 1;
		l[i].sens = sens[i];
		l[i].cats = r->off;
		if (ebitmap(r, &r->extent[SYM_CATS], what) < 0)
			return -EINVAL;
	}
	if (items == 1)
		l[1] = l[0];
	return 0;
}

/*
 * mls_level_isvalid(): the sensitivity exists and the level's categories
 * are among those the sensitivity may have.
 */
static int level_valid(const struct rd *r, const struct level *l)
{
	const struct sym *s = &r->sym[SYM_LEVELS];

	return l->sens >= 1 && l->sens <= s->nprim &&
	       ebitmap_subset(r, l->cats, s->at[l->sens - 1]);
}

/* mls_level_dom(): l1 dominates l2. */
static int level_dom(const struct rd *r, const struct level *l1,
		     const struct level *l2)
{
	return l1->sens >= l2->sens && ebitmap_contains(r, l1->cats, l2->cats);
}

/* mls_range_isvalid(): both levels valid, the high one dominating. */
static int range_valid(const struct rd *r, const struct level l[2])
{
	return level_valid(r, &l[0]) && level_valid(r, &l[1]) &&
	       (!r->mls || level_dom(r, &l[1], &l[0]));
}

/* A value that must name an entry of table i (1..nprim). */
static int ref(struct rd *r, int i, uint32_t v, const char *what)
{
	if (v == 0 || v > r->sym[i].nprim)
		return fail(r, "%s: %s %u does not exist (1..%u)", what,
			    sym_one[i], v, r->sym[i].nprim);
	return 0;
}

/*
 * Reads a context (context_read_and_validate) and checks it as Xen does
 * (policydb_context_isvalid); its user, role and type values go to c.
 */
static int context(struct rd *r, const char *what, uint32_t c[3])
{
	struct level l[2];
	const struct level *u;

	if (words(r, c, 3) < 0 || ref(r, SYM_USERS, c[0], what) < 0 ||
	    ref(r, SYM_ROLES, c[1], what) < 0 ||
	    ref(r, SYM_TYPES, c[2], what) < 0)
		return -EINVAL;
	if (c[1] != 1) {	/* object_r may go with any type */
		if (!ebitmap_has(r, r->sym[SYM_ROLES].at[c[1] - 1],
				 c[2] - 1))
			return fail(r, "%s: role %u may not have type %u",
				    what, c[1], c[2]);
		if (!ebitmap_has(r, r->sym[SYM_USERS].at[c[0] - 1],
				 c[1] - 1))
			return fail(r, "%s: user %u may not have role %u",
				    what, c[0], c[1]);
	}
	if (range(r, what, l) < 0)
		return -EINVAL;
	if (!r->mls)		/* mls_context_isvalid(): only MLS */
		return 0;
	if (!range_valid(r, l))
		return fail(r, "%s: an MLS range that is not valid", what);
	u = r->sym[SYM_USERS].range[c[0] - 1];
	if (c[1] != 1 && !(level_dom(r, &l[0], &u[0]) &&
			   level_dom(r, &u[1], &l[1])))
		return fail(r, "%s: an MLS range outside user %u's", what,
			    c[0]);
	return 0;
}

/* Reads ncons constraints (read_cons_helper). */
static int constraints(struct rd *r, uint32_t ncons, int xtarget)
{
	uint32_t i, j, nexpr, w[3];
	int depth;

	for (i = 0; i < ncons; i++) {
		if (u32(r, &w[0]) < 0 || count(r, &nexpr, 12,
					       "constraint") < 0)
			return -EINVAL;
		for (j = 0, depth = 0; j < nexpr; j++) {
			uint32_t type, attr, op, kind;

			if (words(r, w, 3) < 0)
				return -EINVAL;
			type = w[0], attr = w[1], op = w[2];
			switch (type) {
			case CEXPR_NOT:
				if (depth < 1)
					goto bad;
				continue;
			case CEXPR_AND:
			case CEXPR_OR:
				if (depth < 2)
					goto bad;
				depth--;
				continue;
			case CEXPR_ATTR:
				if (++depth > CEXPR_MAXDEPTH)
					goto bad;
				if (attr == CEXPR_USER || attr == CEXPR_TYPE) {
					if (op != CEXPR_EQ && op != CEXPR_NEQ)
						goto bad;
				} else if (attr == CEXPR_ROLE ||
					   (attr & CEXPR_MLS_ATTRS &&
					    !(attr & (attr - 1)))) {
					if (op < CEXPR_EQ || op > CEXPR_INCOMP)
						goto bad;
				} else {
					goto bad;
				}
				continue;
			case CEXPR_NAMES:
				if (++depth > CEXPR_MAXDEPTH ||
				    (op != CEXPR_EQ && op != CEXPR_NEQ) ||
				    (!xtarget && attr & CEXPR_XTARGET))
					goto bad;
				kind = attr & CEXPR_USER ? SYM_USERS :
				       attr & CEXPR_ROLE ? SYM_ROLES :
				       attr & CEXPR_TYPE ? SYM_TYPES : SYM_NUM;
				if (kind == SYM_NUM ||
				    ebitmap(r, &r->extent[kind],
					    "constraint names") < 0)
					goto bad;
				if (r->vers < VERSION_CONSTRAINT_NAMES)
					continue;
				/* the type set the names came from */
				if (ebitmap(r, NULL, "constraint types") < 0 ||
				    ebitmap(r, NULL, "constraint types") < 0 ||
				    u32(r, &w[0]) < 0)
					return -EINVAL;
				continue;
			default:
				goto bad;
			}
		}
		if (depth != 1)
			goto bad;
	}
	return 0;
bad:
	return fail(r, "a constraint expression Xen cannot evaluate");
}

/*
 * Reads the permissions of a class or common: values 1..nprim <= 32,
 * names unique (Xen's hashtab_insert() refuses a second one).
 */
static int perms(struct rd *r, uint32_t nprim, uint32_t nel)
{
	uint32_t seen = 0, w[2], i, j;
	size_t at[32];

	if (nprim > 32 || nel != nprim)
		return fail(r, "permissions: %u declared, %u present (at most "
			    "32)", nprim, nel);
	for (i = 0; i < nel; i++) {
		at[i] = r->off;
		if (words(r, w, 2) < 0 || name(r, NULL, w[0],
					       "permissions") < 0)
			return -EINVAL;
		if (w[1] == 0 || w[1] > nprim || seen & 1U << (w[1] - 1))
			return fail(r, "permissions: value %u out of place",
				    w[1]);
		seen |= 1U << (w[1] - 1);
		for (j = 0; j < i; j++)
			if (le32(r->p + at[j]) == w[0] &&
			    !memcmp(r->p + at[j] + 8, r->p + at[i] + 8, w[0]))
				return fail(r, "permissions: the name '%.*s' "
					    "twice", (int)w[0],
					    (const char *)r->p + at[i] + 8);
	}
	return 0;
}

/* Reads one entry of symbol table i (the *_read functions of Xen). */
static int entry(struct rd *r, int i)
{
	struct sym *s = &r->sym[i];
	struct level l[2], dflt;
	uint32_t w[6], v;
	size_t at;
	int primary = 1;

	switch (i) {
	case SYM_COMMONS:
		if (words(r, w, 4) < 0 || name(r, s, w[0], sym_what[i]) < 0 ||
		    perms(r, w[2], w[3]) < 0)
			return -EINVAL;
		v = w[1];
		break;
	case SYM_CLASSES:
		if (words(r, w, 6) < 0 || name(r, s, w[0], sym_what[i]) < 0)
			return -EINVAL;
		if (w[1])
			return fail(r, "classes: a common prefix (Xen has "
				    "none)");
		v = w[2];
		if (v >= 1 && v <= s->nprim) {
			s->at[v - 1] = r->off;
			s->count[v - 1] = w[4];
		}
		if (perms(r, w[3], w[4]) < 0 || constraints(r, w[5], 0) < 0 ||
		    u32(r, &w[0]) < 0 || constraints(r, w[0], 1) < 0)
			return -EINVAL;
		if (r->vers >= VERSION_OBJECT_DEFAULTS &&
		    words(r, w, 3) < 0)
			return -EINVAL;
		if (r->vers >= VERSION_DEFAULT_TYPE && u32(r, &w[0]) < 0)
			return -EINVAL;
		break;
	case SYM_ROLES:
		if (words(r, w, 3) < 0 || name(r, s, w[0], sym_what[i]) < 0)
			return -EINVAL;
		v = w[1];
		if (w[2] > s->nprim)
			return fail(r, "roles: bound %u does not exist", w[2]);
		s->names[s->nnames - 1].bounds = w[2];
		if (ebitmap(r, &r->extent[SYM_ROLES], "role dominance") < 0)
			return -EINVAL;
		at = r->off;
		if (ebitmap(r, &r->extent[SYM_TYPES], "role types") < 0)
			return -EINVAL;
		/* Xen has its own object_r, of value 1, whatever the file says */
		if ((w[0] == 8 && !memcmp(r->p + s->names[s->nnames - 1].off,
					  "object_r", 8)) != (v == 1))
			return fail(r, "roles: value 1 must be object_r, and "
				    "object_r value 1 (Xen's own), not "
				    "'%.*s' %u", (int)w[0],
				    (const char *)r->p +
				    s->names[s->nnames - 1].off, v);
		if (v >= 1 && v <= s->nprim)
			s->at[v - 1] = at;
		break;
	case SYM_TYPES:
		if (words(r, w, 4) < 0 || name(r, s, w[0], sym_what[i]) < 0)
			return -EINVAL;
		v = w[1];
		primary = w[2] & TYPE_PRIMARY;
		if (w[3] > s->nprim)
			return fail(r, "types: bound %u does not exist", w[3]);
		s->names[s->nnames - 1].bounds = w[3];
		s->names[s->nnames - 1].attribute = !!(w[2] & TYPE_ATTRIBUTE);
		break;
	case SYM_USERS:
		if (words(r, w, 3) < 0 || name(r, s, w[0], sym_what[i]) < 0)
			return -EINVAL;
		v = w[1];
		if (w[2] > s->nprim)
			return fail(r, "users: bound %u does not exist", w[2]);
		s->names[s->nnames - 1].bounds = w[2];
		at = r->off;
		if (ebitmap(r, &r->extent[SYM_ROLES], "user roles") < 0 ||
		    range(r, "user range", l) < 0 ||
		    level(r, "user level", &dflt) < 0)
			return -EINVAL;
		if (v >= 1 && v <= s->nprim) {
			s->at[v - 1] = at;
			memcpy(s->range[v - 1], l, sizeof(l));
		}
		break;
	case SYM_BOOLS:
		r->state = r->off + 4;
		if (words(r, w, 3) < 0 || name(r, s, w[2], sym_what[i]) < 0)
			return -EINVAL;
		v = w[0];
		if (w[1] > 1)
			return fail(r, "booleans: default value %u", w[1]);
		break;
	case SYM_LEVELS:
		if (words(r, w, 2) < 0 || name(r, s, w[0], sym_what[i]) < 0 ||
		    level(r, "level", &l[0]) < 0)
			return -EINVAL;
		v = l[0].sens;
		primary = !w[1];
		if (primary && v >= 1 && v <= s->nprim)
			s->at[v - 1] = l[0].cats;
		break;
	default:
		if (words(r, w, 3) < 0 || name(r, s, w[0], sym_what[i]) < 0)
			return -EINVAL;
		v = w[1];
		primary = !w[2];
		break;
	}
	return value(r, s, i, v, primary);
}

static int cmp_name(const void *a, const void *b, void *arg)
{
	const struct name *x = a, *y = b;
	const unsigned char *p = arg;

	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return memcmp(p + x->off, p + y->off, x->len);
}

/* Reads symbol table i: every value 1..nprim once, names unique. */
static int symtab(struct rd *r, int i)
{
	struct sym *s = &r->sym[i];
	uint32_t nel, j, present = 0;
	size_t at = r->off;

	if (u32(r, &s->nprim) < 0 || count(r, &nel, 8, sym_what[i]) < 0)
		return -EINVAL;
	if (s->nprim > nel)
		return fail_at(r, at, "%s: %u declared, %u present",
			       sym_what[i], s->nprim, nel);
	s->seen = calloc(s->nprim + 1, 1);
	s->names = calloc(nel + 1, sizeof(*s->names));
	s->at = calloc(s->nprim + 1, sizeof(*s->at));
	s->byval = calloc(s->nprim + 1, sizeof(*s->byval));
	if (i == SYM_CLASSES)
		s->count = calloc(s->nprim + 1, sizeof(*s->count));
	if (i == SYM_USERS)
		s->range = calloc(s->nprim + 1, sizeof(*s->range));
	if (!s->seen || !s->names || !s->at || !s->byval ||
	    (i == SYM_CLASSES && !s->count) || (i == SYM_USERS && !s->range))
		return -ENOMEM;
	if (i == SYM_BOOLS && r->db &&
	    !(r->db->bool_state = calloc(s->nprim + 1, sizeof(size_t))))
		return -ENOMEM;
	for (j = 0; j < nel; j++)
		if (entry(r, i) < 0)
			return -EINVAL;
	for (j = 0; j < s->nprim; j++)
		present += s->seen[j];
	if (present != s->nprim)
		return fail_at(r, at, "%s: %u declared, %u present",
			       sym_what[i], s->nprim, present);
	qsort_r(s->names, s->nnames, sizeof(*s->names), cmp_name,
		(void *)r->p);
	for (j = 1; j < s->nnames; j++)
		if (!cmp_name(&s->names[j - 1], &s->names[j], (void *)r->p))
			return fail(r, "%s: the name '%.*s' twice",
				    sym_what[i], (int)s->names[j].len,
				    (const char *)r->p + s->names[j].off);
	return 0;
}

/* Appends v to the growing array *a of *n elements of size sz. */
static int append(void *a, size_t *n, size_t sz, const void *v)
{
	void **arr = a, *bigger;

	/* grow at powers of two */
	if ((*n & (*n - 1)) == 0) {
		bigger = realloc(*arr, (*n ? *n * 2 : 16) * sz);
		if (!bigger)
			return -ENOMEM;
		*arr = bigger;
	}
	memcpy((char *)*arr + *n * sz, v, sz);
	(*n)++;
	return 0;
}

/*
 * Reads one type enforcement rule (avtab_read_item, new format); its key
 * (source, target, class, kind) goes to *key.
 */
static int rule(struct rd *r, uint64_t *key)
{
	const unsigned char *b;
	uint32_t spec, datum;

	if (take(r, 8, &b) < 0 || u32(r, &datum) < 0)
		return -EINVAL;
	spec = b[6] | b[7] << 8;
	if (ref(r, SYM_TYPES, b[0] | b[1] << 8, "rule") < 0 ||
	    ref(r, SYM_TYPES, b[2] | b[3] << 8, "rule") < 0 ||
	    ref(r, SYM_CLASSES, b[4] | b[5] << 8, "rule") < 0)
		return -EINVAL;
	if (spec & ~(AVTAB_KINDS | AVTAB_ENABLED) ||
	    __builtin_popcount(spec & AVTAB_KINDS) != 1)
		return fail(r, "rule: kind %#x is not one Xen knows", spec);
	*key = (uint64_t)(b[0] | b[1] << 8) << 48 |
	       (uint64_t)(b[2] | b[3] << 8) << 32 |
	       (uint64_t)(b[4] | b[5] << 8) << 16 | (spec & AVTAB_KINDS);
	if (spec & AVTAB_TYPE)
		return ref(r, SYM_TYPES, datum, "type rule");
	return 0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Reads the n unconditional rules (avtab_read): Xen's avtab_insert()
 * refuses a second rule of the same source, target, class and kind.
 */
static int rules(struct rd *r, uint32_t n)
{
	uint64_t key;
	uint32_t i;
	size_t j;

	for (i = 0; i < n; i++)
		if (rule(r, &key) < 0 || append(&r->keys, &r->nkeys,
						sizeof(key), &key) < 0)
			return r->why[0] ? -EINVAL : -ENOMEM;
	qsort(r->keys, r->nkeys, sizeof(*r->keys), cmp_u64);
	for (j = 1; j < r->nkeys; j++)
		if (r->keys[j] == r->keys[j - 1])
			return fail(r, "two rules for the same types, class and "
				    "kind (Xen refuses the second)");
	return 0;
}

static int cmp_cond_rule(const void *a, const void *b)
{
	const struct cond_rule *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/*
 * The conditional type rules as Xen's cond_insertf() takes them, in the
 * order read: none may have an unconditional twin; one of a true list
 * none read before it; one of a false list at most one, and that one in
 * the same conditional's true list.
 */
static int cond_rules_fit(struct rd *r)
{
	struct cond_rule *c = r->crules;
	size_t i, first = 0;

	if (!r->ncrules)
		return 0;
	qsort(c, r->ncrules, sizeof(*c), cmp_cond_rule);
	for (i = 0; i < r->ncrules; i++) {
		size_t before;

		if (i == 0 || c[i].key != c[i - 1].key)
			first = i;
		before = i - first;
		if (bsearch(&c[i].key, r->keys, r->nkeys, sizeof(*r->keys),
			    cmp_u64))
			return fail(r, "a conditional type rule that is also "
				    "unconditional (Xen refuses it)");
		if (before && (c[i].list == 0 || before > 1 ||
			       c[first].list != 0 ||
			       c[first].cond != c[i].cond))
			return fail(r, "conflicting conditional type rules "
				    "(Xen refuses them)");
	}
	return 0;
}

/* Reads the conditional rules (cond_read_list). */
static int conditionals(struct rd *r)
{
	uint32_t n, i, j, k, nexpr, w[2];
	struct cond_rule cr;
	int depth;

	struct cond_at at = { 0 };

	if (count(r, &n, 16, "conditionals") < 0)
		return -EINVAL;
	if (r->db && !(r->db->conds = calloc(n + 1, sizeof(at))))
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		at.cur = r->off;
		if (u32(r, &w[0]) < 0 || count(r, &nexpr, 8,
					       "conditional") < 0)
			return -EINVAL;
		at.expr = r->off;
		at.nexpr = nexpr;
		for (j = 0, depth = 0; j < nexpr; j++) {
			if (words(r, w, 2) < 0)
				return -EINVAL;
			if (w[0] == COND_BOOL) {
				if (ref(r, SYM_BOOLS, w[1], "conditional") < 0)
					return -EINVAL;
				if (++depth > COND_EXPR_MAXDEPTH)
					break;
			} else if (w[0] == COND_NOT) {
				if (depth < 1)
					break;
			} else if (w[0] > COND_NOT && w[0] <= COND_NEQ) {
				if (depth-- < 2)
					break;
			} else {
				break;
			}
		}
		if (j < nexpr || depth != 1)
			return fail(r, "a conditional expression Xen cannot "
				    "evaluate");
		for (j = 0; j < 2; j++) {
			if (count(r, &at.nrules[j], 12,
				  "conditional rules") < 0)
				return -EINVAL;
			at.rules[j] = r->off;
			for (k = 0; k < at.nrules[j]; k++) {
				if (rule(r, &cr.key) < 0)
					return -EINVAL;
				if (!(cr.key & AVTAB_TYPE))
					continue;
				cr.cond = i;
				cr.list = (int)j;
				cr.seq = (uint32_t)r->ncrules;
				if (append(&r->crules, &r->ncrules, sizeof(cr),
					   &cr) < 0)
					return -ENOMEM;
			}
		}
		if (r->db)
			r->db->conds[r->db->nconds++] = at;
	}
	return cond_rules_fit(r);
}

/* Keeps a static label: kind, range, "user:role:type". Returns 0 or -ENOMEM. */
static int keep(struct rd *r, uint32_t kind, uint64_t lo, uint64_t hi,
		const uint32_t c[3])
{
	const struct name *u = &r->sym[SYM_USERS].byval[c[0] - 1];
	const struct name *ro = &r->sym[SYM_ROLES].byval[c[1] - 1];
	const struct name *t = &r->sym[SYM_TYPES].byval[c[2] - 1];
	struct policydb_label *bigger, *l;
	const char *p = (const char *)r->p;

	bigger = realloc(r->labels, (r->nlabels + 1) * sizeof(*r->labels));
	if (!bigger)
		return -ENOMEM;
	r->labels = bigger;
	l = &r->labels[r->nlabels];
	l->kind = (int)kind;
	l->low = lo;
	l->high = hi;
	if (asprintf(&l->context, "%.*s:%.*s:%.*s", (int)u->len, p + u->off,
		     (int)ro->len, p + ro->off, (int)t->len, p + t->off) < 0)
		return -ENOMEM;
	r->nlabels++;
	return 0;
}

/* Reads the object contexts (ocontexts) of a Xen policy. */
static int ocontexts(struct rd *r, uint32_t num)
{
	static const char *const what[] = {
		"initial SID", "pirqcon", "ioportcon", "iomemcon",
		"pcidevicecon", "devicetreecon",
	};
	uint32_t i, j, n, w[2], c[3];
	uint64_t lo, hi;
	int rc;

	for (i = 0; i < num; i++) {
		if (count(r, &n, 16, what[i]) < 0)
			return -EINVAL;
		for (j = 0; j < n; j++) {
			switch (i) {
			case OCON_IOPORT:
				if (words(r, w, 2) < 0)
					return -EINVAL;
				lo = w[0], hi = w[1];
				break;
			case OCON_IOMEM:
				if (r->vers >= VERSION_DEVICETREE) {
					if (u64(r, &lo) < 0 || u64(r, &hi) < 0)
						return -EINVAL;
				} else {
					if (words(r, w, 2) < 0)
						return -EINVAL;
					lo = w[0], hi = w[1];
				}
				break;
			case OCON_DTREE:
				if (u32(r, &w[0]) < 0 ||
				    name(r, NULL, w[0], what[i]) < 0)
					return -EINVAL;
				lo = hi = 0;
				break;
			default:
				if (u32(r, &w[0]) < 0)
					return -EINVAL;
				if (i == OCON_ISID && w[0] == 0)
					return fail(r, "initial SID 0");
				/* Xen keeps a pirq in 16 bits */
				if (i == OCON_PIRQ && w[0] > 0xffff)
					return fail(r, "pirqcon: pirq %#x above "
						    "0xffff (Xen would label "
						    "pirq %#x)", w[0],
						    w[0] & 0xffff);
				if (i == OCON_ISID &&
				    append(&r->isids, &r->nisids,
					   sizeof(w[0]), &w[0]) < 0)
					return -ENOMEM;
				lo = hi = w[0];
				break;
			}
			if (lo > hi)
				return fail(r, "%s: range %#llx-%#llx ends "
					    "before it starts", what[i],
					    (unsigned long long)lo,
					    (unsigned long long)hi);
			if (context(r, what[i], c) < 0)
				return -EINVAL;
			if (r->collect && !r->mls && i >= OCON_PIRQ &&
			    i <= OCON_DEVICE && (rc = keep(r, i, lo, hi, c)))
				return rc;
		}
	}
	return 0;
}

/* The tables after the symbols (policydb_read from avtab_read on). */
static int tables(struct rd *r)
{
	uint32_t n, i, w[4];

	if (count(r, &n, 12, "rules") < 0)
		return -EINVAL;
	if (n == 0)
		return fail(r, "no rules (Xen refuses an empty table)");
	if (rules(r, n) < 0 || conditionals(r) < 0)
		return -EINVAL;
	/* role transitions: role, type, new role (and class since 26) */
	if (count(r, &n, 12, "role transitions") < 0)
		return -EINVAL;
	for (i = 0; i < n; i++) {
		int cls = r->vers >= VERSION_ROLETRANS;

		if (words(r, w, 3 + cls) < 0 ||
		    ref(r, SYM_ROLES, w[0], "role transition") < 0 ||
		    ref(r, SYM_TYPES, w[1], "role transition") < 0 ||
		    ref(r, SYM_ROLES, w[2], "role transition") < 0 ||
		    (cls && ref(r, SYM_CLASSES, w[3], "role transition") < 0))
			return -EINVAL;
	}
	if (count(r, &n, 8, "role allow rules") < 0)
		return -EINVAL;
	for (i = 0; i < n; i++)
		if (words(r, w, 2) < 0 ||
		    ref(r, SYM_ROLES, w[0], "role allow") < 0 ||
		    ref(r, SYM_ROLES, w[1], "role allow") < 0)
			return -EINVAL;
	if (r->vers >= VERSION_FILENAME_TRANS) {
		if (u32(r, &n) < 0)
			return -EINVAL;
		if (n)
			return fail(r, "filename transitions (Xen has none)");
	}
	if (ocontexts(r, r->vers >= VERSION_DEVICETREE ? 6 : 5) < 0)
		return -EINVAL;
	if (u32(r, &n) < 0)
		return -EINVAL;
	if (n)
		return fail(r, "genfs contexts (Xen has none)");
	if (count(r, &n, 16, "range transitions") < 0)
		return -EINVAL;
	for (i = 0; i < n; i++) {
		struct level l[2];

		if (words(r, w, 3) < 0 ||
		    ref(r, SYM_TYPES, w[0], "range transition") < 0 ||
		    ref(r, SYM_TYPES, w[1], "range transition") < 0 ||
		    ref(r, SYM_CLASSES, w[2], "range transition") < 0 ||
		    range(r, "range transition", l) < 0)
			return -EINVAL;
		if (!range_valid(r, l))
			return fail(r, "range transition: a range that is not "
				    "valid");
	}
	for (i = 0; i < r->sym[SYM_TYPES].nprim; i++)
		if (ebitmap(r, &r->extent[SYM_TYPES], "type attributes") < 0)
			return -EINVAL;
	if (r->off != r->len)
		return fail(r, "%zu bytes after the end of the policy",
			    r->len - r->off);
	return 0;
}

/* Bits of bitmaps read before their table, and MLS levels, checked last. */
static int extents(struct rd *r)
{
	static const int kinds[] = { SYM_USERS, SYM_ROLES, SYM_TYPES };
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (r->extent[kinds[i]] > r->sym[kinds[i]].nprim)
			return fail(r, "a bitmap names %s %u of %u",
				    sym_one[kinds[i]], r->extent[kinds[i]],
				    r->sym[kinds[i]].nprim);
	if (!r->mls)
		return 0;
	if (r->extent[SYM_CATS] > r->sym[SYM_CATS].nprim)
		return fail(r, "an MLS level names category %u of %u",
			    r->extent[SYM_CATS], r->sym[SYM_CATS].nprim);
	if (r->zero_sens || r->max_sens > r->sym[SYM_LEVELS].nprim)
		return fail(r, "an MLS level names a sensitivity outside "
			    "1..%u", r->sym[SYM_LEVELS].nprim);
	return 0;
}

/*
 * Follows the bounds of entry e of table i as Xen's *_bounds_sanity_check()
 * does: at most BOUNDS_MAXDEPTH - 1 steps; a user's roles must all be its
 * bound's, a role's types likewise, and a type may not be bounded by an
 * attribute.
 */
static int bounded(struct rd *r, int i, const struct name *e)
{
	const struct sym *s = &r->sym[i];
	const struct name *up = e;
	int depth = 0;

	while (up->bounds) {
		if (++depth == BOUNDS_MAXDEPTH)
			return fail(r, "%s '%.*s': bounds nested too deep or "
				    "in a loop", sym_one[i], (int)e->len,
				    (const char *)r->p + e->off);
		up = &s->byval[up->bounds - 1];
		/*
		 * Xen's object_r is the entry policydb_init() makes, with no
		 * types and no bound (it drops the file's): only a role with
		 * no types keeps within it.
		 */
		if (i == SYM_ROLES && up->value == 1) {
			if (le32(r->p + s->at[e->value - 1] + 8))
				return fail(r, "role '%.*s': violates its bound "
					    "'object_r'", (int)e->len,
					    (const char *)r->p + e->off);
			break;
		}
		if (i == SYM_TYPES && up->attribute)
			return fail(r, "type '%.*s': bounded by attribute "
				    "'%.*s'", (int)e->len,
				    (const char *)r->p + e->off, (int)up->len,
				    (const char *)r->p + up->off);
		if (i != SYM_TYPES &&
		    !ebitmap_subset(r, s->at[e->value - 1],
				    s->at[up->value - 1]))
			return fail(r, "%s '%.*s': violates its bound '%.*s'",
				    sym_one[i], (int)e->len,
				    (const char *)r->p + e->off, (int)up->len,
				    (const char *)r->p + up->off);
	}
	return 0;
}

/* policydb_bounds_sanity_check(): users, roles, types (aliases too). */
static int bounds(struct rd *r)
{
	static const int kinds[] = { SYM_USERS, SYM_ROLES, SYM_TYPES };
	size_t k, j;

	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		const struct sym *s = &r->sym[kinds[k]];

		for (j = 0; j < s->nnames; j++) {
			const struct name *e = &s->names[j];

			/* Xen's object_r has no bound (see bounded()) */
			if (kinds[k] == SYM_ROLES && e->value == 1)
				continue;
			if (bounded(r, kinds[k], e) < 0)
				return -EINVAL;
		}
	}
	return 0;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* policydb_load_isids(): each initial SID once (sidtab_insert()). */
static int isids_unique(struct rd *r)
{
	size_t i;

	if (!r->nisids)
		return 0;
	qsort(r->isids, r->nisids, sizeof(*r->isids), cmp_u32);
	for (i = 1; i < r->nisids; i++)
		if (r->isids[i] == r->isids[i - 1])
			return fail(r, "initial SID %u given twice",
				    r->isids[i]);
	return 0;
}

/* The value of permission name in the class of value c, or 0. */
static uint32_t perm_value(const struct rd *r, uint32_t c, const char *name)
{
	const unsigned char *p = r->p + r->sym[SYM_CLASSES].at[c - 1];
	size_t len = strlen(name);
	uint32_t i;

	for (i = 0; i < r->sym[SYM_CLASSES].count[c - 1]; i++) {
		uint32_t n = le32(p);

		if (n == len && !memcmp(p + 8, name, len))
			return le32(p + 4);
		p += 8 + n;
	}
	return 0;
}

/*
 * Whether the policy's classes are the ones Xen x compiles in, as its
 * validate_classes() checks them: each of x's classes at its value, each
 * of its permissions at its bit (the policy may add classes after x's,
 * and permissions after a class's).  Returns 1, or 0 with the difference
 * in why[size].
 */
static int classes_of(const struct rd *r, const struct xen_classes *x,
		      char *why, size_t size)
{
	const struct sym *s = &r->sym[SYM_CLASSES];
	size_t i;

	for (i = 1; i < x->nclasses; i++) {
		const struct name *n = &s->byval[i - 1];

		if (!x->classes[i])
			continue;
		if (i > s->nprim) {
			snprintf(why, size, "no class %s", x->classes[i]);
			return 0;
		}
		if (n->len != strlen(x->classes[i]) ||
		    memcmp(r->p + n->off, x->classes[i], n->len)) {
			snprintf(why, size, "class %zu is %.*s, not %s", i,
				 (int)n->len, (const char *)r->p + n->off,
				 x->classes[i]);
			return 0;
		}
	}
	for (i = 0; i < x->nperms; i++) {
		const struct xen_perm *xp = &x->perms[i];
		uint32_t v;

		if (xp->class > s->nprim)
			continue;
		v = perm_value(r, xp->class, xp->name);
		if (!v) {
			snprintf(why, size, "class %s lacks %s",
				 x->classes[xp->class], xp->name);
			return 0;
		}
		if (1UL << (v - 1) != xp->bit) {
			snprintf(why, size, "class %s has %s at another place",
				 x->classes[xp->class], xp->name);
			return 0;
		}
	}
	return 1;
}

/*
 * The policy is for the Xen r->xen; for any Xen flask-utils knows when
 * r->xen is NULL.
 */
static int classes_fit(struct rd *r)
{
	char one[128];
	size_t i, n;

	if (r->xen) {
		if (classes_of(r, r->xen, one, sizeof(one)))
			return 0;
		snprintf(r->why, r->size, "built for another Xen than %s: %s",
			 r->xen->version, one);
		return -EINVAL;
	}
	n = (size_t)snprintf(r->why, r->size, "built for a Xen that "
			     "flask-utils does not know (");
	for (i = 0; i < xen_classes_nknown; i++) {
		if (classes_of(r, &xen_classes_known[i], one, sizeof(one))) {
			r->why[0] = '\0';
			return 0;
		}
		if (n < r->size)
			n += (size_t)snprintf(r->why + n, r->size - n,
					      "%snot %s: %s", i ? "; " : "",
					      xen_classes_known[i].version,
					      one);
	}
	if (n < r->size)
		snprintf(r->why + n, r->size - n, ")");
	return -EINVAL;
}

const struct xen_classes *xen_classes_find(const char *version)
{
	size_t i, n;

	for (i = 0; i < xen_classes_nknown; i++) {
		n = strlen(xen_classes_known[i].version);
		if (!strncmp(version, xen_classes_known[i].version, n) &&
		    (version[n] == '\0' || version[n] == '.' ||
		     version[n] == '-' || version[n] == '+'))
			return &xen_classes_known[i];
	}
	return NULL;
}

/* The header: magic, target, version, config and table sizes. */
static int header(struct rd *r)
{
	const unsigned char *s;
	uint32_t w[4] = { 0 }, slen;

	if (words(r, w, 2) < 0)
		return -EINVAL;
	slen = w[1];
	if (w[0] != MAGIC || slen != 8 || take(r, 8, &s) < 0)
		return fail_at(r, 0, "not a binary FLASK policy");
	if (memcmp(s, "XenFlask", 8)) {
		if (!memcmp(s, "SE Linux", 8))
			return fail_at(r, 0, "a policy with SELinux's target string"
				    " (an SELinux policy, or a Xen policy "
				    "older than version 24, which flask-utils "
				    "does not check)");
		return fail_at(r, 0, "not a binary FLASK policy");
	}
	if (words(r, w, 4) < 0)
		return -EINVAL;
	r->vers = w[0];
	r->mls = w[1] & CONFIG_MLS;
	if (r->vers != VERSION_XEN && r->vers != VERSION_DEVICETREE)
		return fail_at(r, 16, "policy version %u: Xen reads Xen policies of "
			    "version %d and %d only", r->vers, VERSION_XEN,
			    VERSION_DEVICETREE);
	if (w[2] != SYM_NUM || w[3] != (r->vers >= VERSION_DEVICETREE ? 6U
								       : 5U))
		return fail_at(r, 24, "table sizes %u and %u do not match version "
			    "%u", w[2], w[3], r->vers);
	/* policy capabilities, then permissive types */
	return ebitmap(r, NULL, "capabilities") < 0 ||
	       ebitmap(r, &r->extent[SYM_TYPES], "permissive types") < 0
		? -EINVAL : 0;
}

static void free_syms(struct sym *sym)
{
	int i;

	for (i = 0; i < SYM_NUM; i++) {
		free(sym[i].seen);
		free(sym[i].names);
		free(sym[i].byval);
		free(sym[i].at);
		free(sym[i].count);
		free(sym[i].range);
	}
}

/* Walks the whole image; with r->collect, keeps its static labels too. */
static int walk(struct rd *r)
{
	int i, rc;

	if (!r->size)
		return -EINVAL;
	r->why[0] = '\0';
	if (r->len == 0) {
		snprintf(r->why, r->size, "empty file");
		return -EINVAL;
	}
	rc = header(r);
	for (i = 0; rc == 0 && i < SYM_NUM; i++)
		rc = symtab(r, i);
	if (rc == 0)
		rc = tables(r);
	if (rc == 0)
		rc = extents(r);
	if (rc == 0)
		rc = bounds(r);
	if (rc == 0)
		rc = isids_unique(r);
	if (rc == 0)
		rc = classes_fit(r);
	free(r->keys);
	free(r->crules);
	free(r->isids);
	if (rc == -ENOMEM)
		snprintf(r->why, r->size, "out of memory");
	if (rc == 0 && r->db) {		/* policydb_open() keeps the tables */
		memcpy(r->db->sym, r->sym, sizeof(r->sym));
		r->db->mls = r->mls;
		return 0;
	}
	free_syms(r->sym);
	return rc < 0 ? rc : 0;
}

int policydb_check(const void *buf, size_t len, const struct xen_classes *xen,
		   char *why, size_t size)
{
	struct rd r = { .p = buf, .len = len, .xen = xen, .why = why,
			.size = size };

	return walk(&r);
}

int policydb_labels(const void *buf, size_t len,
		    const struct xen_classes *xen,
		    struct policydb_label **labels, size_t *n, char *why,
		    size_t size)
{
	struct rd r = { .p = buf, .len = len, .xen = xen, .why = why,
			.size = size, .collect = 1 };
	int rc = walk(&r);

	if (rc < 0) {
		policydb_labels_free(r.labels, r.nlabels);
		return rc;
	}
	*labels = r.labels;
	*n = r.nlabels;
	return 0;
}

void policydb_labels_free(struct policydb_label *labels, size_t n)
{
	while (n--)
		free(labels[n].context);
	free(labels);
}

int policydb_open(const void *buf, size_t len, const struct xen_classes *xen,
		  struct policydb **out, char *why, size_t size)
{
	struct policydb *db = calloc(1, sizeof(*db));
	struct rd r = { .len = len, .xen = xen, .why = why, .size = size,
			.db = db };
	int rc;

	if (!db || !(db->image = malloc(len + 1))) {
		free(db);
		snprintf(why, size, "out of memory");
		return -ENOMEM;
	}
	memcpy(db->image, buf, len);
	db->len = len;
	r.p = db->image;
	rc = walk(&r);
	if (rc < 0) {
		policydb_close(db);
		return rc;
	}
	*out = db;
	return 0;
}

void policydb_close(struct policydb *db)
{
	if (!db)
		return;
	free_syms(db->sym);
	free(db->bool_state);
	free(db->conds);
	free(db->image);
	free(db);
}

int policydb_bools(const struct policydb *db,
		   int (*fn)(const char *name, int value, void *arg), void *arg)
{
	const struct sym *s = &db->sym[SYM_BOOLS];
	size_t longest = 0;
	char *name;
	uint32_t v;
	int rc = 0;

	for (v = 0; v < s->nprim; v++)
		if (s->byval[v].len > longest)
			longest = s->byval[v].len;
	name = malloc(longest + 1);
	if (!name)
		return -ENOMEM;
	for (v = 0; v < s->nprim && !rc; v++) {
		memcpy(name, db->image + s->byval[v].off, s->byval[v].len);
		name[s->byval[v].len] = '\0';
		rc = fn(name, (int)le32(db->image + db->bool_state[v]), arg);
	}
	free(name);
	return rc;
}

/* The entry of table i named name[len], or NULL. */
static const struct name *lookup_entry(const struct policydb *db, int i,
				       const char *name, size_t len)
{
	const struct sym *s = &db->sym[i];
	size_t lo = 0, hi = s->nnames;

	/* names are sorted by length, then bytes (cmp_name) */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct name *n = &s->names[mid];
		int c = n->len != len ? (n->len < len ? -1 : 1)
				      : memcmp(db->image + n->off, name, len);

		if (c == 0)
			return n;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The value of name in table i (an alias: its primary's), or 0. */
static uint32_t lookup(const struct policydb *db, int i, const char *name,
		       size_t len)
{
	const struct name *n = lookup_entry(db, i, name, len);

	return n ? n->value : 0;
}

/*
 * Evaluates conditional c with the defaults in the image: 1, 0 (the
 * expression is well formed: policydb_check() saw to it; the bounds are
 * kept all the same).
 */
static int evaluate(const struct policydb *db, const struct cond_at *c)
{
	int stack[COND_EXPR_MAXDEPTH + 1] = { 0 }, sp = -1;
	uint32_t i, type, b;

	for (i = 0; i < c->nexpr; i++) {
		type = le32(db->image + c->expr + 8 * i);
		b = le32(db->image + c->expr + 8 * i + 4);
		if (type == COND_BOOL) {
			if (sp == COND_EXPR_MAXDEPTH)
				return 0;
			stack[++sp] = (int)le32(db->image +
						db->bool_state[b - 1]);
			continue;
		}
		if (sp < (type == COND_NOT ? 0 : 1))
			return 0;
		switch (type) {
		case COND_NOT:
			stack[sp] = !stack[sp];
			break;
		default:
			sp--;
			stack[sp] = type == COND_OR ? stack[sp] || stack[sp + 1]
				  : type == COND_AND ? stack[sp] && stack[sp + 1]
				  : type == COND_XOR ? stack[sp] ^ stack[sp + 1]
				  : type == COND_EQ ? stack[sp] == stack[sp + 1]
				  : stack[sp] != stack[sp + 1];
		}
	}
	return sp == 0 && stack[0];
}

static void put_le32(unsigned char *p, uint32_t v)
{
	p[0] = v & 0xff;
	p[1] = v >> 8 & 0xff;
	p[2] = v >> 16 & 0xff;
	p[3] = v >> 24 & 0xff;
}

int policydb_set_bool(struct policydb *db, const char *name, int value)
{
	uint32_t v = lookup(db, SYM_BOOLS, name, strlen(name)), i, k;
	size_t j;

	if (!v)
		return -ENOENT;
	put_le32(db->image + db->bool_state[v - 1], !!value);
	/*
	 * As libsepol does: each conditional's state, and whether its rules
	 * are on (AVTAB_ENABLED in their kind), follow the new defaults;
	 * Xen takes both from the file at a first load.
	 */
	for (j = 0; j < db->nconds; j++) {
		const struct cond_at *c = &db->conds[j];
		int now = evaluate(db, c);

		put_le32(db->image + c->cur, (uint32_t)now);
		for (k = 0; k < 2; k++)
			for (i = 0; i < c->nrules[k]; i++) {
				unsigned char *spec = db->image +
						      c->rules[k] + 12 * i + 7;

				if (now == !k)	/* true list: on when 1 */
					*spec |= AVTAB_ENABLED >> 8;
				else
					*spec &= ~(AVTAB_ENABLED >> 8);
			}
	}
	return 0;
}

const void *policydb_image(const struct policydb *db, size_t *len)
{
	*len = db->len;
	return db->image;
}

/*
 * A category set as Xen holds it in memory (struct ebitmap): nodes of
 * XEN_EBITMAP_SIZE bits, increasing, and the high bit; ebitmap_contains()
 * compares both.
 */
struct xmap {
	uint32_t high;
	size_t n;
	struct xnode {
		uint32_t start;
		uint64_t map[2];
	} *node;
};

/* Gives x the bitmap at offset off of the image, as ebitmap_read() builds it. Returns 0 or -ENOMEM. */
static int xmap_read(const struct rd *r, size_t off, struct xmap *x)
{
	const unsigned char *p = r->p + off + 12;
	uint32_t n = le32(r->p + off + 8), i;

	x->high = ebitmap_high(r, off);
	x->n = 0;
	x->node = calloc(n + 1, sizeof(*x->node));
	if (!x->node)
		return -ENOMEM;
	for (i = 0; i < n; i++, p += 12) {
		uint32_t start = le32(p), group = start - start % 128;

		if (!x->n || x->node[x->n - 1].start != group)
			x->node[x->n++].start = group;
		x->node[x->n - 1].map[start % 128 / 64] =
			(uint64_t)le32(p + 8) << 32 | le32(p + 4);
	}
	return 0;
}

/* ebitmap_set_bit(x, bit, 1). Returns 0 or -ENOMEM. */
static int xmap_set(struct xmap *x, uint32_t bit)
{
	uint32_t group = bit - bit % XEN_EBITMAP_SIZE;
	struct xnode *bigger;
	size_t i;

	for (i = 0; i < x->n && x->node[i].start < group; i++)
		;
	if (i == x->n || x->node[i].start != group) {
		bigger = realloc(x->node, (x->n + 1) * sizeof(*x->node));
		if (!bigger)
			return -ENOMEM;
		x->node = bigger;
		memmove(&x->node[i + 1], &x->node[i],
			(x->n - i) * sizeof(*x->node));
		memset(&x->node[i], 0, sizeof(*x->node));
		x->node[i].start = group;
		if (i == x->n)	/* a new last node raises the high bit */
			x->high = group + XEN_EBITMAP_SIZE;
		x->n++;
	}
	x->node[i].map[bit % 128 / 64] |= 1ULL << (bit % 64);
	return 0;
}

/* ebitmap_contains(e1, e2). */
static int xmap_contains(const struct xmap *e1, const struct xmap *e2)
{
	size_t i = 0, j = 0;

	if (e1->high < e2->high)
		return 0;
	while (i < e1->n && j < e2->n && e1->node[i].start <= e2->node[j].start) {
		if (e1->node[i].start < e2->node[j].start) {
			i++;
			continue;
		}
		if ((e1->node[i].map[0] & e2->node[j].map[0]) !=
		    e2->node[j].map[0] ||
		    (e1->node[i].map[1] & e2->node[j].map[1]) !=
		    e2->node[j].map[1])
			return 0;
		i++;
		j++;
	}
	return j == e2->n;
}

/* An MLS level of a context: its sensitivity and categories. */
struct xlevel {
	uint32_t sens;
	struct xmap cats;
};

/* mls_level_dom() on levels in memory. */
static int xlevel_dom(const struct xlevel *l1, const struct xlevel *l2)
{
	return l1->sens >= l2->sens && xmap_contains(&l1->cats, &l2->cats);
}

/*
 * mls_level_isvalid(): the sensitivity exists, and each category of the
 * level is one the sensitivity may have.
 */
static int xlevel_valid(const struct rd *r, const struct xlevel *l)
{
	const struct sym *s = &r->sym[SYM_LEVELS];
	size_t i;
	int b;

	if (l->sens < 1 || l->sens > s->nprim)
		return 0;
	for (i = 0; i < l->cats.n; i++)
		for (b = 0; b < 128; b++)
			if (l->cats.node[i].map[b / 64] >> (b % 64) & 1 &&
			    !ebitmap_has(r, s->at[l->sens - 1],
					 l->cats.node[i].start + b))
				return 0;
	return 1;
}


/*
 * Reads the MLS range at p as Xen's mls_context_to_sid() does (names of
 * sensitivities, categories and category ranges, each looked up, a range
 * low.high with low below high), into l[2]; *at is left where Xen stops
 * reading.  Returns 0, -EINVAL or -ENOMEM.
 */
static int mls_parse(const struct policydb *db, char **at,
		     struct xlevel l[2])
{
	char *p = *at;
	const struct name *lev, *cat, *rng;
	char delim, *tok, *dot;
	int i, rc;
	uint32_t v;

	tok = p;
	while (*p && *p != ':' && *p != '-')
		p++;
	delim = *p;
	if (delim)
		*p++ = '\0';
	for (i = 0; i < 2; i++) {
		lev = lookup_entry(db, SYM_LEVELS, tok, strlen(tok));
		if (!lev)
			return -EINVAL;
		l[i].sens = lev->value;
		while (delim == ':' || delim == ',') {
			tok = p;
			while (*p && *p != ',' && *p != '-')
				p++;
			delim = *p;
			if (delim)
				*p++ = '\0';
			if ((dot = strchr(tok, '.')))
				*dot++ = '\0';
			cat = lookup_entry(db, SYM_CATS, tok, strlen(tok));
			if (!cat || (rc = xmap_set(&l[i].cats, cat->value - 1)))
				return cat ? rc : -EINVAL;
			if (dot) {
				rng = lookup_entry(db, SYM_CATS, dot, strlen(dot));
				if (!rng || cat->value >= rng->value)
					return -EINVAL;
				for (v = cat->value; v < rng->value; v++)
					if ((rc = xmap_set(&l[i].cats, v)))
						return rc;
			}
			if (delim != ',')
				break;
		}
		if (delim != '-')
			break;
		/* the high sensitivity (Xen reads no further after it) */
		tok = p;
		while (*p && *p != ':')
			p++;
		delim = *p;
		if (delim)
			*p++ = '\0';
	}
	if (i == 0) {		/* the high level a copy of the low one */
		l[1].sens = l[0].sens;
		l[1].cats.node = calloc(l[0].cats.n + 1, sizeof(struct xnode));
		if (!l[1].cats.node)
			return -ENOMEM;
		if (l[0].cats.n)
			memcpy(l[1].cats.node, l[0].cats.node,
			       l[0].cats.n * sizeof(struct xnode));
		l[1].cats.n = l[0].cats.n;
		l[1].cats.high = l[0].cats.high;
	}
	*at = p;
	return 0;
}

/*
 * mls_context_isvalid() for the range l[2] of a context of user u and
 * role ro: valid levels, the high one dominating, and, but for object_r,
 * within the user's range.  Returns 0, -EINVAL or -ENOMEM.
 */
static int mls_valid(const struct rd *r, uint32_t u, uint32_t ro,
		     const struct xlevel l[2])
{
	const struct level *ur = r->sym[SYM_USERS].range[u - 1];
	struct xlevel user[2] = { { ur[0].sens, { 0 } },
				  { ur[1].sens, { 0 } } };
	int rc = -EINVAL;

	if (!xlevel_valid(r, &l[0]) || !xlevel_valid(r, &l[1]) ||
	    !xlevel_dom(&l[1], &l[0]))
		return -EINVAL;
	if (ro == 1)
		return 0;
	if (xmap_read(r, ur[0].cats, &user[0].cats) < 0 ||
	    xmap_read(r, ur[1].cats, &user[1].cats) < 0)
		rc = -ENOMEM;
	else if (xlevel_dom(&l[0], &user[0]) && xlevel_dom(&user[1], &l[1]))
		rc = 0;
	free(user[0].cats.node);
	free(user[1].cats.node);
	return rc;
}

int policydb_check_context(const struct policydb *db, const char *context)
{
	struct rd r = { .p = db->image, .mls = db->mls };
	struct xlevel l[2] = { { 0, { 0 } }, { 0, { 0 } } };
	const struct name *u, *ro, *t;
	char *copy = strdup(context), *f[3] = { NULL, NULL, NULL }, *p, *end;
	char more = '\0';
	int i, rc = -EINVAL;

	if (!copy)
		return -ENOMEM;
	end = copy + strlen(copy);
	memcpy(r.sym, db->sym, sizeof(r.sym));
	/* as security_context_to_sid() splits it */
	for (i = 0, p = copy; i < 3; i++) {
		f[i] = p;
		while (*p && *p != ':')
			p++;
		if (i < 2 && !*p)
			goto out;
		more = *p;
		*p = '\0';
		if (more)
			p++;
	}
	u = lookup_entry(db, SYM_USERS, f[0], strlen(f[0]));
	ro = lookup_entry(db, SYM_ROLES, f[1], strlen(f[1]));
	t = lookup_entry(db, SYM_TYPES, f[2], strlen(f[2]));
	/* an attribute is no type a context may have */
	if (!u || !ro || !t || t->attribute)
		goto out;
	/* as Xen checks a context: the role may have the type, the user
	   the role (object_r goes with any type) */
	if (ro->value != 1 &&
	    (!ebitmap_has(&r, db->sym[SYM_ROLES].at[ro->value - 1],
			  t->value - 1) ||
	     !ebitmap_has(&r, db->sym[SYM_USERS].at[u->value - 1],
			  ro->value - 1)))
		goto out;
	if (!db->mls) {		/* nothing may follow the type */
		rc = more ? -EINVAL : 0;
		goto out;
	}
	/* an MLS policy: the range must be there, and read to its end */
	if (!more)
		goto out;
	rc = mls_parse(db, &p, l);
	if (rc == 0 && p < end)
		rc = -EINVAL;
	if (rc == 0)
		rc = mls_valid(&r, u->value, ro->value, l);
out:
	free(l[0].cats.node);
	free(l[1].cats.node);
	free(copy);
	return rc;
}
