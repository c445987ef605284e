// SPDX-License-Identifier: GPL-2.0-or-later
/* test-policy.c - unit tests of the policy header check, and of reading a policy quietly (policydb_open). */

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "policy.h"
#include "policydb.h"

#define POLICY SRCDIR "/tests/unit/policy"

#define SELINUX_MAGIC 0xf97cff8cU
#define MODULE_MAGIC 0xf97cff8dU

/* Writes v as a little-endian 32-bit word at p. */
static void put_le32(unsigned char *p, uint32_t v)
{
	p[0] = v & 0xff;
	p[1] = v >> 8 & 0xff;
	p[2] = v >> 16 & 0xff;
	p[3] = v >> 24 & 0xff;
}

/*
 * Writes a policy header to buf (at least 8 + strlen(s) + 8 bytes): magic,
 * the string length slen (which may lie), the bytes of s, version and
 * config.  Returns its length.
 */
static size_t make_header(unsigned char *buf, uint32_t magic, uint32_t slen,
			  const char *s, uint32_t version, uint32_t config)
{
	size_t n = strlen(s);

	put_le32(buf, magic);
	put_le32(buf + 4, slen);
	memcpy(buf + 8, s, n);
	put_le32(buf + 8 + n, version);
	put_le32(buf + 12 + n, config);
	return 8 + n + 8;
}

/* Reads the whole of path (to free) and its length. */
static unsigned char *read_file(const char *path, size_t *len)
{
	unsigned char *buf = NULL;
	size_t size = 0;
	FILE *fp = fopen(path, "re"), *out;

	assert_non_null(fp);
	out = open_memstream((char **)&buf, &size);
	assert_non_null(out);
	for (int c; (c = getc(fp)) != EOF;)
		putc(c, out);
	fclose(fp);
	fclose(out);
	*len = size;
	return buf;
}

/* Checks that policy_header accepts buf and says xen, version and mls. */
static void header_ok(const void *buf, size_t len, int xen, uint32_t version,
		      int mls)
{
	struct policy_info info = { -1, 0xdeadbeef, -1 };
	const char *why = NULL;

	assert_int_equal(policy_header(buf, len, &info, &why), 0);
	assert_null(why);
	assert_int_equal(info.xen, xen);
	assert_int_equal(info.version, version);
	assert_int_equal(info.mls, mls);
}

/* Checks that policy_header rejects buf, for reason want. */
static void header_bad(const void *buf, size_t len, const char *want)
{
	struct policy_info info;
	const char *why = NULL;

	assert_int_equal(policy_header(buf, len, &info, &why), -EINVAL);
	assert_non_null(why);
	assert_string_equal(why, want);
}

static void header_xen(void **state)
{
	unsigned char buf[64];
	size_t len;

	(void)state;
	len = make_header(buf, SELINUX_MAGIC, 8, "XenFlask", 30, 0);
	assert_int_equal(len, 24);
	header_ok(buf, len, 1, 30, 0);
	/* Bit 0 of the config word is MLS; the other bits do not count. */
	len = make_header(buf, SELINUX_MAGIC, 8, "XenFlask", 30, 1);
	header_ok(buf, len, 1, 30, 1);
	len = make_header(buf, SELINUX_MAGIC, 8, "XenFlask", 30, 0xfffffffe);
	header_ok(buf, len, 1, 30, 0);
	/* The header check does not judge versions. */
	len = make_header(buf, SELINUX_MAGIC, 8, "XenFlask", 31, 0);
	header_ok(buf, len, 1, 31, 0);
	/* Bytes after the header are not looked at. */
	memset(buf + len, 0xff, sizeof(buf) - len);
	header_ok(buf, sizeof(buf), 1, 31, 0);
}

static void header_se_linux(void **state)
{
	unsigned char buf[64];
	size_t len;

	(void)state;
	len = make_header(buf, SELINUX_MAGIC, 8, "SE Linux", 30, 0);
	header_ok(buf, len, 0, 30, 0);
	len = make_header(buf, SELINUX_MAGIC, 8, "SE Linux", 24, 1);
	header_ok(buf, len, 0, 24, 1);
	/* Xen policies carried SELinux's string before version 24. */
	len = make_header(buf, SELINUX_MAGIC, 8, "SE Linux", 23, 0);
	header_ok(buf, len, 1, 23, 0);
	len = make_header(buf, SELINUX_MAGIC, 8, "SE Linux", 15, 1);
	header_ok(buf, len, 1, 15, 1);
}

static void header_too_short(void **state)
{
	unsigned char buf[64];
	size_t len;

	(void)state;
	make_header(buf, SELINUX_MAGIC, 8, "XenFlask", 30, 0);
	header_bad(buf, 0, "empty file");
	for (len = 1; len < 8; len++)
		header_bad(buf, len, "too short to be a policy");
}

static void header_truncated(void **state)
{
	unsigned char buf[64];
	size_t len;

	(void)state;
	make_header(buf, SELINUX_MAGIC, 8, "XenFlask", 30, 0);
	/* Cut anywhere from the string to the last byte of the config. */
	for (len = 8; len < 24; len++)
		header_bad(buf, len, "truncated");
	/* Right after the string: no version words. */
	header_bad(buf, 16, "truncated");
	header_ok(buf, 24, 1, 30, 0);
}

static void header_not_a_policy(void **state)
{
	static const char text[] = "not a policy\n";
	unsigned char buf[64];
	size_t len;

	(void)state;
	len = make_header(buf, MODULE_MAGIC, 8, "XenFlask", 30, 0);
	header_bad(buf, len, "a policy module, not a binary policy");
	len = make_header(buf, 0xf97cff8e, 8, "XenFlask", 30, 0);
	header_bad(buf, len, "not a binary FLASK policy");
	/* The magic is little-endian. */
	len = make_header(buf, 0x8cff7cf9, 8, "XenFlask", 30, 0);
	header_bad(buf, len, "not a binary FLASK policy");
	len = make_header(buf, SELINUX_MAGIC, 0, "", 30, 0);
	header_bad(buf, len, "not a binary FLASK policy");
	len = make_header(buf, SELINUX_MAGIC, 33,
			  "XenFlaskXenFlaskXenFlaskXenFlaskX", 30, 0);
	assert_int_equal(len, 8 + 33 + 8);
	header_bad(buf, len, "not a binary FLASK policy");
	/* Rejected for the length before the missing version words. */
	header_bad(buf, len - 1, "not a binary FLASK policy");
	len = make_header(buf, SELINUX_MAGIC, 0, "", 30, 0);
	header_bad(buf, len - 1, "not a binary FLASK policy");
	len = make_header(buf, SELINUX_MAGIC, 8, "Whatever", 30, 0);
	header_bad(buf, len, "not a binary FLASK policy");
	/* All eight bytes of the string count. */
	len = make_header(buf, SELINUX_MAGIC, 8, "XenFlasK", 30, 0);
	header_bad(buf, len, "not a binary FLASK policy");
	len = make_header(buf, SELINUX_MAGIC, 8, "SE LinuX", 30, 0);
	header_bad(buf, len, "not a binary FLASK policy");
	/* A known string under a wrong length. */
	len = make_header(buf, SELINUX_MAGIC, 9, "XenFlask_", 30, 0);
	header_bad(buf, len, "not a binary FLASK policy");
	header_bad(text, strlen(text), "not a binary FLASK policy");
}

static void header_of_fixtures(void **state)
{
	unsigned char *buf;
	size_t len;

	(void)state;
	buf = read_file(POLICY "/xenpolicy-4.17", &len);
	assert_int_equal(len, 10943);
	header_ok(buf, len, 1, 30, 0);
	free(buf);
	buf = read_file(POLICY "/selinux-policy", &len);
	header_ok(buf, len, 0, 30, 0);
	free(buf);
}

/* What policydb_bools gave, and when to stop. */
struct bools {
	char name[4][64];
	int value[4];
	int n;
	int stop_after;		/* stop after that many, 0: never */
	int stop_with;
};

static int collect(const char *name, int value, void *arg)
{
	struct bools *b = arg;

	if (b->n == 4)
		return -ENOSPC;
	snprintf(b->name[b->n], sizeof(b->name[b->n]), "%s", name);
	b->value[b->n] = value;
	b->n++;
	if (b->stop_after && b->n == b->stop_after)
		return b->stop_with;
	return 0;
}

/* Parses the Xen fixture, which must be accepted. */
static struct policydb *parse_fixture(void)
{
	struct policydb *p = NULL;
	unsigned char *buf;
	char why[256];
	size_t len;

	buf = read_file(POLICY "/xenpolicy-4.17", &len);
	assert_int_equal(policydb_open(buf, len, NULL, &p, why, sizeof(why)), 0);
	assert_non_null(p);
	free(buf);
	return p;
}

static void parse_fixture_bools(void **state)
{
	struct bools b = { .n = 0 };
	struct policydb *p = parse_fixture();

	(void)state;
	assert_int_equal(policydb_bools(p, collect, &b), 0);
	assert_int_equal(b.n, 2);
	assert_string_equal(b.name[0], "guest_writeconsole");
	assert_int_equal(b.value[0], 1);
	assert_string_equal(b.name[1], "prot_doms_locked");
	assert_int_equal(b.value[1], 0);
	policydb_close(p);
}

static void bools_stop(void **state)
{
	struct bools b = { .stop_after = 1, .stop_with = 42 };
	struct policydb *p = parse_fixture();

	(void)state;
	assert_int_equal(policydb_bools(p, collect, &b), 42);
	assert_int_equal(b.n, 1);
	assert_string_equal(b.name[0], "guest_writeconsole");
	/* A negative value stops the walk too, and comes back as is. */
	memset(&b, 0, sizeof(b));
	b.stop_after = 1;
	b.stop_with = -EIO;
	assert_int_equal(policydb_bools(p, collect, &b), -EIO);
	assert_int_equal(b.n, 1);
	/* Stopping at the last one. */
	memset(&b, 0, sizeof(b));
	b.stop_after = 2;
	b.stop_with = 7;
	assert_int_equal(policydb_bools(p, collect, &b), 7);
	assert_int_equal(b.n, 2);
	assert_string_equal(b.name[1], "prot_doms_locked");
	policydb_close(p);
}

/*
 * Calls policydb_open on buf with fd 2 sent to a temporary file, checks that
 * it fails with -EINVAL, and that nothing was written to stderr.
 */
static void parse_fails_quietly(const void *buf, size_t len, char *why,
				size_t size)
{
	char path[] = "/tmp/test-policy-XXXXXX";
	struct policydb *p = NULL;
	char *err;
	size_t errlen;
	int fd, saved, rc;

	fd = mkstemp(path);
	assert_true(fd >= 0);
	fflush(stderr);
	saved = dup(2);
	assert_true(saved >= 0);
	assert_int_equal(dup2(fd, 2), 2);
	rc = policydb_open(buf, len, NULL, &p, why, size);
	fflush(stderr);
	assert_int_equal(dup2(saved, 2), 2);
	close(saved);
	close(fd);
	err = (char *)read_file(path, &errlen);
	unlink(path);
	assert_int_equal(rc, -EINVAL);
	assert_null(p);
	/* Shows what was printed, if anything was. */
	assert_string_equal(err ? err : "", "");
	assert_int_equal(errlen, 0);
	free(err);
}

static void parse_truncated(void **state)
{
	unsigned char *buf;
	char why[256];
	size_t len;

	(void)state;
	buf = read_file(POLICY "/xenpolicy-4.17", &len);
	assert_true(len > 5000);
	memset(why, 'x', sizeof(why));
	parse_fails_quietly(buf, 5000, why, sizeof(why));
	assert_non_null(memchr(why, '\0', sizeof(why)));
	assert_true(strlen(why) > 0);
	free(buf);
}

/*
 * Cut inside an ebitmap (libsepol, which read policies before, reported
 * that on its global handle and printed it).
 */
static void parse_truncated_in_bitmap(void **state)
{
	unsigned char *buf;
	char why[256];
	size_t len;

	(void)state;
	buf = read_file(POLICY "/xenpolicy-4.17", &len);
	parse_fails_quietly(buf, 1883, why, sizeof(why));
	assert_true(strlen(why) > 0);
	free(buf);
}

static void parse_text(void **state)
{
	static const char text[] = "not a policy\n";
	char why[256];

	(void)state;
	memset(why, 'x', sizeof(why));
	parse_fails_quietly(text, strlen(text), why, sizeof(why));
	assert_non_null(memchr(why, '\0', sizeof(why)));
	assert_non_null(strstr(why, "not a binary FLASK policy"));
}

static void free_null(void **state)
{
	(void)state;
	policydb_close(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(header_xen),
		cmocka_unit_test(header_se_linux),
		cmocka_unit_test(header_too_short),
		cmocka_unit_test(header_truncated),
		cmocka_unit_test(header_not_a_policy),
		cmocka_unit_test(header_of_fixtures),
		cmocka_unit_test(parse_fixture_bools),
		cmocka_unit_test(bools_stop),
		cmocka_unit_test(parse_truncated),
		cmocka_unit_test(parse_truncated_in_bitmap),
		cmocka_unit_test(parse_text),
		cmocka_unit_test(free_null),
	};

	return cmocka_run_group_tests_name("policy", tests, NULL, NULL);
}
