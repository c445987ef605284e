// SPDX-License-Identifier: GPL-2.0-or-later
/* test-label.c - unit tests of the text form of I/O labels. */

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "label.h"

static const char ctx[] = "system_u:object_r:nic_dev_t";

static const struct label samples[] = {
	{ FLASK_OCON_DEVICE, "0000:00:03.0", 0x18, 0x18, ctx, .sid = 0 },
	{ FLASK_OCON_IOPORT, "0000:00:03.0", 0xc000, 0xc03f, "CTX", .sid = 0 },
	{ FLASK_OCON_IOMEM, "0000:00:03.0", 0xfebc0, 0xfebdf, "CTX", .sid = 0 },
	{ FLASK_OCON_PIRQ, "0000:00:03.0", 11, 11, "CTX", .sid = 0 },
	{ FLASK_OCON_DEVICE, "ffff:ff:1f.7", 0xffffffff, 0xffffffff, "a:b:c",
	  .sid = 0 },
	{ FLASK_OCON_IOMEM, "0001:02:00.0", 0x800000, 0x800003, ctx, .sid = 0 },
	{ FLASK_OCON_IOMEM, "0001:02:00.0", 0, 0xfffffffffffff, ctx, .sid = 0 },
	{ FLASK_OCON_IOPORT, "0000:00:05.0", 0, 0, "x", .sid = 0 },
	{ FLASK_OCON_PIRQ, "0000:00:05.0", 0, 0, "x", .sid = 0 },
};

static const char *const sample_lines[] = {
	"0000:00:03.0 device 0x18 system_u:object_r:nic_dev_t",
	"0000:00:03.0 ioport 0xc000-0xc03f CTX",
	"0000:00:03.0 iomem 0xfebc0-0xfebdf CTX",
	"0000:00:03.0 pirq 11 CTX",
	"ffff:ff:1f.7 device 0xffffffff a:b:c",
	"0001:02:00.0 iomem 0x800000-0x800003 system_u:object_r:nic_dev_t",
	"0001:02:00.0 iomem 0x0-0xfffffffffffff system_u:object_r:nic_dev_t",
	"0000:00:05.0 ioport 0x0-0x0 x",
	"0000:00:05.0 pirq 0 x",
};

#define NSAMPLES (sizeof(samples) / sizeof(samples[0]))

static void kind_names(void **state)
{
	(void)state;
	assert_string_equal(label_kind_name(FLASK_OCON_DEVICE), "device");
	assert_string_equal(label_kind_name(FLASK_OCON_IOPORT), "ioport");
	assert_string_equal(label_kind_name(FLASK_OCON_IOMEM), "iomem");
	assert_string_equal(label_kind_name(FLASK_OCON_PIRQ), "pirq");
}

static void format_each_kind(void **state)
{
	char buf[256];
	size_t i;
	int len;

	(void)state;
	for (i = 0; i < NSAMPLES; i++) {
		len = label_format(buf, sizeof(buf), &samples[i]);
		assert_string_equal(buf, sample_lines[i]);
		assert_int_equal(len, strlen(sample_lines[i]));
	}
}

static void format_truncated(void **state)
{
	char buf[13];
	int len;

	(void)state;
	/* Returns what snprintf returns: the length it wanted. */
	len = label_format(buf, sizeof(buf), &samples[1]);
	assert_int_equal(len, strlen(sample_lines[1]));
	assert_string_equal(buf, "0000:00:03.0");
}

static void round_trip(void **state)
{
	char buf[256];
	struct label l;
	size_t i;

	(void)state;
	for (i = 0; i < NSAMPLES; i++) {
		label_format(buf, sizeof(buf), &samples[i]);
		memset(&l, 0xa5, sizeof(l));
		assert_int_equal(label_parse(buf, &l), 0);
		assert_int_equal(l.kind, samples[i].kind);
		assert_string_equal(l.dev, samples[i].dev);
		assert_int_equal(l.low, samples[i].low);
		assert_int_equal(l.high, samples[i].high);
		assert_string_equal(l.context, samples[i].context);
		/* The context points into the line. */
		assert_true(l.context > buf && l.context < buf + sizeof(buf));
		assert_int_equal(l.sid, 0);
	}
}

/* Parses s, which must be accepted, into *l. */
static void parse_ok(const char *s, struct label *l, char *buf, size_t size)
{
	snprintf(buf, size, "%s", s);
	assert_int_equal(label_parse(buf, l), 0);
}

static void parse_accepted(void **state)
{
	char buf[256];
	struct label l;

	(void)state;
	parse_ok("0000:03:02.0 device 0x310 CTX", &l, buf, sizeof(buf));
	assert_int_equal(l.kind, FLASK_OCON_DEVICE);
	assert_string_equal(l.dev, "0000:03:02.0");
	assert_int_equal(l.low, 0x310);
	assert_int_equal(l.high, 0x310);
	assert_string_equal(l.context, "CTX");

	parse_ok("0000:0a:1f.7 pirq 11 CTX", &l, buf, sizeof(buf));
	assert_string_equal(l.dev, "0000:0a:1f.7");
	assert_int_equal(l.kind, FLASK_OCON_PIRQ);
	assert_int_equal(l.low, 11);
	assert_int_equal(l.high, 11);

	/* A range of one; the largest pirq and port the hypervisor takes. */
	parse_ok("0000:00:03.0 iomem 0xfebc0-0xfebc0 CTX", &l, buf,
		 sizeof(buf));
	assert_int_equal(l.kind, FLASK_OCON_IOMEM);
	assert_int_equal(l.low, 0xfebc0);
	assert_int_equal(l.high, 0xfebc0);
	parse_ok("0000:00:03.0 pirq 4294967295 CTX", &l, buf, sizeof(buf));
	assert_int_equal(l.low, 0xffffffffU);
	parse_ok("0000:00:03.0 ioport 0x0-0xffffffff CTX", &l, buf,
		 sizeof(buf));
	assert_int_equal(l.high, 0xffffffffU);
}

static void parse_rejected(void **state)
{
	static const char *const bad[] = {
		"",
		"0000:00:03.0 pirq 11",
		"0000:00:03.0 pirq 11 CTX extra",
		"0000:00:03.0 irq 11 CTX",
		"0000:00:03.0 PIRQ 11 CTX",
		"0000:00:03.0 iomems 0x1-0x2 CTX",
		"0000:00:20.0 pirq 11 CTX",
		"00:03 pirq 11 CTX",
		"nic pirq 11 CTX",
		"0000:00:03.0 ioport 0xc000 CTX",
		"0000:00:03.0 iomem 0xfebc0 CTX",
		"0000:00:03.0 ioport 0xc03f-0xc000 CTX",
		"0000:00:03.0 iomem 0x2-0x1 CTX",
		"0000:00:03.0 ioport 0xc000- CTX",
		"0000:00:03.0 ioport -0xc03f CTX",
		"0000:00:03.0 ioport 0xc000-0xc03f-0xc07f CTX",
		"0000:00:03.0 ioport 0xc000--1 CTX",
		"0000:00:03.0 pirq eleven CTX",
		"0000:00:03.0 pirq 11x CTX",
		"0000:00:03.0 pirq 0x CTX",
		"0000:00:03.0 pirq -1 CTX",
		"0000:00:03.0 pirq +1 CTX",
		"0000:00:03.0 pirq 0x10000000000000000 CTX",
		/* only what label_format() writes: one spelling each */
		"03:02.0 device 0x310 CTX",
		"0000:0A:1F.7 pirq 11 CTX",
		"0000:00:03.0\tioport  0xc000-0xc03f\tCTX\n",
		"0000:00:03.0 pirq 11 CTX\n",
		" 0000:00:03.0 pirq 11 CTX",
		"0000:00:03.0 iomem 1043392-1043392 CTX",
		"0000:00:03.0 device 24 CTX",
		"0000:00:03.0 pirq 011 CTX",
		"0000:00:03.0 pirq 0xb CTX",
		"0000:00:03.0 pirq 99999999999 CTX",
		"0000:00:03.0 pirq 4294967296 CTX",
		"0000:00:03.0 ioport 0x0x10-0x20 CTX",
		"0000:00:03.0 ioport 00-0 CTX",
		"0000:00:03.0 ioport 0xC000-0xc03f CTX",
		"0000:00:03.0 ioport 0x0-0x100000000 CTX",
		"0000:00:03.0 device 0x19 CTX",
		"0000:00:03.0 device 0x0 CTX",
		"0000:00:03.0 device 0x18-0x18 CTX",
		"03:02.0 device 0x18 CTX",
		"0001:00:03.0 device 0x18 CTX",
	};
	char buf[256];
	struct label l;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(buf, sizeof(buf), "%s", bad[i]);
		assert_int_equal(label_parse(buf, &l), -EINVAL);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(kind_names),
		cmocka_unit_test(format_each_kind),
		cmocka_unit_test(format_truncated),
		cmocka_unit_test(round_trip),
		cmocka_unit_test(parse_accepted),
		cmocka_unit_test(parse_rejected),
	};

	return cmocka_run_group_tests_name("label", tests, NULL, NULL);
}
