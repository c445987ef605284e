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

#include "policydb.h"

#define POLICY SRCDIR "/tests/unit/policy"

static const char *const fixtures[] = {
	"xenpolicy-4.17", "xenpolicy-v24", "xenpolicy-mls",
	"xenpolicy-ocontexts",
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
	assert_int_equal(policydb_check(buf, len, why, sizeof(why)), -EINVAL);
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
		if (policydb_check(buf, len, why, sizeof(why)) != 0)
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
	assert_int_equal(policydb_labels(buf, len, &l, &n, why, sizeof(why)),
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
	assert_int_equal(policydb_labels(buf, len, &l, &n, why, sizeof(why)),
			 0);
	assert_int_equal(n, 0);
	policydb_labels_free(l, n);
	buf[0x1695] = 0x10;
	assert_int_equal(policydb_labels(buf, len, &l, &n, why, sizeof(why)),
			 -EINVAL);
	assert_non_null(strstr(why, "booleans: 16 declared, 2 present"));
	free(buf);
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
			if (policydb_check(buf, n, why, sizeof(why)) != -EINVAL
			    || !why[0])
				fail_msg("%s cut at %zu: not refused",
					 fixtures[i], n);
		}
		buf[len] = 0;
		assert_int_equal(policydb_check(buf, len + 1, why,
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
				rc = policydb_check(buf, len, why, sizeof(why));
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fixtures_pass),
		cmocka_unit_test(counts_without_entries),
		cmocka_unit_test(references),
		cmocka_unit_test(expressions),
		cmocka_unit_test(what_xen_refuses),
		cmocka_unit_test(ocontext_contexts),
		cmocka_unit_test(static_labels),
		cmocka_unit_test(prefixes_and_trailing_bytes),
		cmocka_unit_test(one_byte_changes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
