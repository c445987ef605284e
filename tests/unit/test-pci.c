// SPDX-License-Identifier: GPL-2.0-or-later
/* test-pci.c - unit tests of PCI addresses, reading devices from sysfs, and what labelling one covers. */

#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "label.h"
#include "pci.h"

#define SYSFS SRCDIR "/tests/unit/sysfs"

static const char ctx[] = "system_u:object_r:nic_dev_t";
static const char irq_ctx[] = "system_u:object_r:nic_irq_t";

/* Parses s, which must be accepted, and checks every part. */
static void addr_ok(const char *s, unsigned int seg, unsigned int bus,
		    unsigned int dev, unsigned int fn)
{
	struct pci_addr a = { 0xdead, 0xdead, 0xdead, 0xdead };

	assert_int_equal(pci_parse_addr(s, &a), 0);
	assert_int_equal(a.seg, seg);
	assert_int_equal(a.bus, bus);
	assert_int_equal(a.dev, dev);
	assert_int_equal(a.fn, fn);
}

static void addr_accepted(void **state)
{
	(void)state;
	addr_ok("0000:03:02.0", 0, 3, 2, 0);
	addr_ok("03:02.0", 0, 3, 2, 0);
	addr_ok("ffff:ff:1f.7", 0xffff, 0xff, 0x1f, 7);
	addr_ok("0000:0A:1F.7", 0, 0xa, 0x1f, 7);
	addr_ok("0000:0a:1f.7", 0, 0xa, 0x1f, 7);
	addr_ok("1234:5e:0d.3", 0x1234, 0x5e, 0xd, 3);
	/* Fewer digits than the canonical form are accepted. */
	addr_ok("0:3:2.0", 0, 3, 2, 0);
	addr_ok("1:0:0.1", 1, 0, 0, 1);
	addr_ok("3:2.0", 0, 3, 2, 0);
	addr_ok("abc:d:e.5", 0xabc, 0xd, 0xe, 5);
}

static void addr_rejected(void **state)
{
	static const char *const bad[] = {
		"", "03:02", "03:02.", "0000:03:02.0x", "0000:03:02.8",
		"0000:03:20.0", "0000:100:02.0", "10000:03:02.0",
		"00000:03:02.0", "0000:03:02.0 ", " 03:02.0", "03:02:00.0:1",
		"g3:02.0", "-1:02.0", "03:002.0", "03:02.00", "0000:03:02:0",
		"0000.03:02.0", ":03:02.0", "0000::02.0", "03.02.0", "03:02.f",
		"+3:02.0", "0x3:02.0", "03:02.0\n", "03: 02.0"
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct pci_addr a = { 0xdead, 0xbeef, 0xcafe, 0xf00d };

		assert_int_equal(pci_parse_addr(bad[i], &a), -EINVAL);
		assert_int_equal(a.seg, 0xdead);
		assert_int_equal(a.bus, 0xbeef);
		assert_int_equal(a.dev, 0xcafe);
		assert_int_equal(a.fn, 0xf00d);
	}
}

static void names(void **state)
{
	struct pci_addr a = { 0, 3, 2, 0 }, b = { 0xffff, 0xff, 0x1f, 7 };
	struct pci_addr c = { 0xab, 0xc, 0xd, 1 }, d;
	char name[PCI_NAME_LEN];

	(void)state;
	pci_name(&a, name);
	assert_string_equal(name, "0000:03:02.0");
	pci_name(&b, name);
	assert_string_equal(name, "ffff:ff:1f.7");
	pci_name(&c, name);
	assert_string_equal(name, "00ab:0c:0d.1");
	/* Parsing then naming canonicalises. */
	assert_int_equal(pci_parse_addr("0:A:1F.7", &d), 0);
	pci_name(&d, name);
	assert_string_equal(name, "0000:0a:1f.7");
	assert_int_equal(strlen(name), PCI_NAME_LEN - 1);
}

static void sbdfs(void **state)
{
	struct pci_addr a = { 0, 0, 3, 0 }, b = { 0xffff, 0xff, 0x1f, 7 };
	struct pci_addr c = { 1, 2, 0, 0 }, d = { 0, 3, 2, 1 };

	(void)state;
	assert_int_equal(pci_sbdf(&a), 0x18);
	assert_int_equal(pci_sbdf(&b), 0xffffffff);
	assert_int_equal(pci_sbdf(&c), 0x10200);
	assert_int_equal(pci_sbdf(&d), 0x311);
}

/*
 * Reads device s of fixture tree t and appends what labelling it with
 * flags covers to *l and *n.
 */
static int read_tree(const char *t, const char *s, int flags,
		     struct label **l, size_t *n, char *path, size_t pathlen)
{
	struct pci_device d;
	char root[PATH_MAX];
	struct pci_addr a;
	int rc;

	snprintf(root, sizeof(root), "%s/%s", SYSFS, t);
	assert_int_equal(pci_parse_addr(s, &a), 0);
	rc = pci_read_device(root, &a, &d, path, pathlen);
	if (rc < 0) {
		assert_null(d.res);
		return rc;
	}
	rc = label_device(&d, flags, ctx, irq_ctx, l, n);
	pci_device_free(&d);
	return rc;
}

/* What the reader sees: every line in use, with its number, and the IRQ. */
static void device_lines(void **state)
{
	struct pci_device d;
	struct pci_addr a = { 0, 1, 0, 0 };
	char path[PATH_MAX];

	(void)state;
	assert_int_equal(pci_read_device(SYSFS "/sriov", &a, &d, path,
					 sizeof(path)), 0);
	assert_string_equal(d.name, "0000:01:00.0");
	assert_int_equal(d.nres, 4);
	assert_int_equal(d.res[0].line, 0);
	assert_int_equal(d.res[1].line, 3);
	assert_int_equal(d.res[2].line, 7);
	assert_int_equal(d.res[3].line, 10);
	assert_int_equal(d.res[2].io, 0);
	assert_true(d.res[2].start == 0xfc100000 && d.res[2].end == 0xfc11ffff);
	assert_int_equal(d.irq, 5);
	pci_device_free(&d);
	assert_null(d.res);

	a = (struct pci_addr){ 0, 0, 0x1c, 0 };
	assert_int_equal(pci_read_device(SYSFS "/bridge", &a, &d, path,
					 sizeof(path)), 0);
	assert_int_equal(d.nres, 3);
	assert_int_equal(d.res[0].line, 13);
	assert_int_equal(d.res[0].io, 1);
	assert_int_equal(d.irq, 0);
	pci_device_free(&d);
}

/* Checks one label. */
static void check_label(const struct label *l, enum flask_ocon kind,
			const char *dev, uint64_t low, uint64_t high,
			const char *context)
{
	assert_int_equal(l->kind, kind);
	assert_string_equal(l->dev, dev);
	assert_int_equal(l->low, low);
	assert_int_equal(l->high, high);
	assert_ptr_equal(l->context, context);
	assert_int_equal(l->sid, 0);
}

static void e1000_bars(void **state)
{
	struct label *l = NULL;
	size_t n = 0;
	char path[PATH_MAX];

	(void)state;
	/* The ROM (line 6) too: libxl grants it to the guest. */
	assert_int_equal(read_tree("e1000", "00:03.0", 0, &l, &n, path,
				   sizeof(path)), 0);
	assert_int_equal(n, 5);
	check_label(&l[0], FLASK_OCON_DEVICE, "0000:00:03.0", 0x18, 0x18, ctx);
	assert_int_equal(l[0].flags, 0);
	assert_ptr_equal(l[0].irq_context, irq_ctx);
	check_label(&l[1], FLASK_OCON_IOMEM, "0000:00:03.0", 0xfebc0, 0xfebdf,
		    ctx);
	check_label(&l[2], FLASK_OCON_IOPORT, "0000:00:03.0", 0xc000, 0xc03f,
		    ctx);
	check_label(&l[3], FLASK_OCON_IOMEM, "0000:00:03.0", 0xfeb80, 0xfebbf,
		    ctx);
	check_label(&l[4], FLASK_OCON_PIRQ, "0000:00:03.0", 11, 11, irq_ctx);
	free(l);
}

static void e1000_all_resources(void **state)
{
	struct label *l = NULL;
	size_t n = 0;
	char path[PATH_MAX];

	(void)state;
	assert_int_equal(read_tree("e1000", "0000:00:03.0", LABEL_ALL_RESOURCES,
				   &l, &n, path, sizeof(path)), 0);
	assert_int_equal(n, 5);
	assert_int_equal(l[0].flags, LABEL_ALL_RESOURCES);
	check_label(&l[0], FLASK_OCON_DEVICE, "0000:00:03.0", 0x18, 0x18, ctx);
	check_label(&l[1], FLASK_OCON_IOMEM, "0000:00:03.0", 0xfebc0, 0xfebdf,
		    ctx);
	check_label(&l[2], FLASK_OCON_IOPORT, "0000:00:03.0", 0xc000, 0xc03f,
		    ctx);
	check_label(&l[3], FLASK_OCON_IOMEM, "0000:00:03.0", 0xfeb80, 0xfebbf,
		    ctx);
	check_label(&l[4], FLASK_OCON_PIRQ, "0000:00:03.0", 11, 11, irq_ctx);
	free(l);
}

static void e1000_no_irq(void **state)
{
	struct label *l = NULL;
	size_t n = 0;
	char path[PATH_MAX];

	(void)state;
	assert_int_equal(read_tree("e1000", "0000:00:03.0", LABEL_NO_IRQ, &l,
				   &n, path, sizeof(path)), 0);
	assert_int_equal(n, 4);
	check_label(&l[0], FLASK_OCON_DEVICE, "0000:00:03.0", 0x18, 0x18, ctx);
	check_label(&l[1], FLASK_OCON_IOMEM, "0000:00:03.0", 0xfebc0, 0xfebdf,
		    ctx);
	check_label(&l[2], FLASK_OCON_IOPORT, "0000:00:03.0", 0xc000, 0xc03f,
		    ctx);
	free(l);

	l = NULL;
	n = 0;
	assert_int_equal(read_tree("e1000", "0000:00:03.0",
				   LABEL_ALL_RESOURCES | LABEL_NO_IRQ, &l, &n,
				   path, sizeof(path)), 0);
	assert_int_equal(n, 4);
	check_label(&l[3], FLASK_OCON_IOMEM, "0000:00:03.0", 0xfeb80, 0xfebbf,
		    ctx);
	free(l);
}

static void small_bar(void **state)
{
	struct label *l = NULL;
	size_t n = 0;
	char path[PATH_MAX];

	(void)state;
	assert_int_equal(read_tree("small-bar", "0000:00:04.0", 0, &l, &n,
				   path, sizeof(path)), 0);
	assert_int_equal(n, 3);
	check_label(&l[0], FLASK_OCON_DEVICE, "0000:00:04.0", 0x20, 0x20, ctx);
	check_label(&l[1], FLASK_OCON_IOMEM, "0000:00:04.0", 0xfebf1, 0xfebf1,
		    ctx);
	check_label(&l[2], FLASK_OCON_PIRQ, "0000:00:04.0", 10, 10, irq_ctx);
	free(l);
}

static void bar_64bit(void **state)
{
	struct label *l = NULL;
	size_t n = 0;
	char path[PATH_MAX];

	(void)state;
	assert_int_equal(read_tree("bar64", "1:2:0.0", 0, &l, &n, path,
				   sizeof(path)), 0);
	assert_int_equal(n, 3);
	check_label(&l[0], FLASK_OCON_DEVICE, "0001:02:00.0", 0x10200,
		    0x10200, ctx);
	check_label(&l[1], FLASK_OCON_IOMEM, "0001:02:00.0", 0x800000,
		    0x800003, ctx);
	check_label(&l[2], FLASK_OCON_PIRQ, "0001:02:00.0", 16, 16, irq_ctx);
	free(l);
}

static void bridge_windows(void **state)
{
	struct label *l = NULL;
	size_t n = 0;
	char path[PATH_MAX];

	(void)state;
	/* The windows are not the bridge's own; its irq file says 0. */
	assert_int_equal(read_tree("bridge", "0000:00:1c.0", 0, &l, &n, path,
				   sizeof(path)), 0);
	assert_int_equal(n, 1);
	check_label(&l[0], FLASK_OCON_DEVICE, "0000:00:1c.0", 0xe0, 0xe0, ctx);
	free(l);

	l = NULL;
	n = 0;
	assert_int_equal(read_tree("bridge", "0000:00:1c.0", LABEL_ALL_RESOURCES,
				   &l, &n, path, sizeof(path)), 0);
	assert_int_equal(n, 4);
	check_label(&l[0], FLASK_OCON_DEVICE, "0000:00:1c.0", 0xe0, 0xe0, ctx);
	check_label(&l[1], FLASK_OCON_IOPORT, "0000:00:1c.0", 0xd000, 0xdfff,
		    ctx);
	check_label(&l[2], FLASK_OCON_IOMEM, "0000:00:1c.0", 0xfe800, 0xfe9ff,
		    ctx);
	check_label(&l[3], FLASK_OCON_IOMEM, "0000:00:1c.0", 0xfd000, 0xfd7ff,
		    ctx);
	free(l);
}

static void sriov_bars(void **state)
{
	struct label *l = NULL;
	size_t n = 0;
	char path[PATH_MAX];

	(void)state;
	assert_int_equal(read_tree("sriov", "0000:01:00.0", 0, &l, &n, path,
				   sizeof(path)), 0);
	assert_int_equal(n, 4);
	check_label(&l[0], FLASK_OCON_DEVICE, "0000:01:00.0", 0x100, 0x100,
		    ctx);
	check_label(&l[1], FLASK_OCON_IOMEM, "0000:01:00.0", 0xfc000, 0xfc01f,
		    ctx);
	check_label(&l[2], FLASK_OCON_IOMEM, "0000:01:00.0", 0xfc040, 0xfc043,
		    ctx);
	check_label(&l[3], FLASK_OCON_PIRQ, "0000:01:00.0", 5, 5, irq_ctx);
	free(l);

	l = NULL;
	n = 0;
	assert_int_equal(read_tree("sriov", "0000:01:00.0", LABEL_ALL_RESOURCES,
				   &l, &n, path, sizeof(path)), 0);
	assert_int_equal(n, 6);
	check_label(&l[1], FLASK_OCON_IOMEM, "0000:01:00.0", 0xfc000, 0xfc01f,
		    ctx);
	check_label(&l[2], FLASK_OCON_IOMEM, "0000:01:00.0", 0xfc040, 0xfc043,
		    ctx);
	check_label(&l[3], FLASK_OCON_IOMEM, "0000:01:00.0", 0xfc100, 0xfc11f,
		    ctx);
	check_label(&l[4], FLASK_OCON_IOMEM, "0000:01:00.0", 0xfc120, 0xfc13f,
		    ctx);
	check_label(&l[5], FLASK_OCON_PIRQ, "0000:01:00.0", 5, 5, irq_ctx);
	free(l);
}

static void no_irq(void **state)
{
	static const char *const trees[] = { "irq-zero", "no-irq-file" };
	struct label *l;
	size_t i, n;
	char path[PATH_MAX];

	(void)state;
	for (i = 0; i < 2; i++) {
		l = NULL;
		n = 0;
		assert_int_equal(read_tree(trees[i], "0000:00:05.0", 0, &l, &n,
					   path, sizeof(path)), 0);
		assert_int_equal(n, 2);
		check_label(&l[0], FLASK_OCON_DEVICE, "0000:00:05.0", 0x28,
			    0x28, ctx);
		check_label(&l[1], FLASK_OCON_IOPORT, "0000:00:05.0", 0xc100,
			    0xc11f, ctx);
		free(l);
	}
}

/* Checks that s ends with end. */
static void assert_ends_with(const char *s, const char *end)
{
	size_t ls = strlen(s), le = strlen(end);

	assert_true(ls >= le);
	assert_string_equal(s + ls - le, end);
}

static void malformed(void **state)
{
	static const char *const trees[] = {
		"bad-two-fields", "bad-trailing-junk", "bad-end-before-start",
		"bad-no-newline", "bad-non-hex", "bad-signed-hex"
	};
	static const char *const irqs[] = {
		"bad-irq", "bad-irq-junk", "bad-irq-empty", "bad-irq-negative"
	};
	struct label *l;
	size_t i, n;
	char path[PATH_MAX], want[PATH_MAX];

	(void)state;
	for (i = 0; i < sizeof(trees) / sizeof(trees[0]); i++) {
		l = NULL;
		n = 0;
		path[0] = '\0';
		assert_int_equal(read_tree(trees[i], "0000:00:03.0", 0, &l, &n,
					   path, sizeof(path)), -EINVAL);
		snprintf(want, sizeof(want), "%s/%s/bus/pci/devices/"
			 "0000:00:03.0/resource", SYSFS, trees[i]);
		assert_string_equal(path, want);
		free(l);
	}

	for (i = 0; i < sizeof(irqs) / sizeof(irqs[0]); i++) {
		l = NULL;
		n = 0;
		assert_int_equal(read_tree(irqs[i], "0000:00:03.0", 0, &l, &n,
					   path, sizeof(path)), -EINVAL);
		snprintf(want, sizeof(want), "%s/%s/bus/pci/devices/"
			 "0000:00:03.0/irq", SYSFS, irqs[i]);
		assert_string_equal(path, want);
		free(l);
	}

	/* A malformed irq file is refused even when the IRQ is not labelled. */
	l = NULL;
	n = 0;
	assert_int_equal(read_tree("bad-irq", "0000:00:03.0", LABEL_NO_IRQ, &l,
				   &n, path, sizeof(path)), -EINVAL);
	assert_null(l);
}

/* The irq file as the kernel writes it, and nothing else. */
static void irq_text(void **state)
{
	static const char *const bad[] = {
		"", "\n", "11", "11\ngarbage\n", "11\n\n", " 11\n", "+11\n",
		"-1\n", "0x11\n", "4294967296\n", "99999999999\n",
		"000000000000000000000000000000012\n",
	};
	unsigned int irq;
	size_t i;

	(void)state;
	assert_int_equal(pci_parse_irq("11\n", 3, &irq), 0);
	assert_int_equal(irq, 11);
	assert_int_equal(pci_parse_irq("4294967295\n", 11, &irq), 0);
	assert_int_equal(irq, 4294967295U);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		irq = 7;
		if (pci_parse_irq(bad[i], strlen(bad[i]), &irq) != -EINVAL)
			fail_msg("irq file \"%s\" taken", bad[i]);
		assert_int_equal(irq, 7);
	}
	/* a NUL inside: the length says more than the string */
	assert_int_equal(pci_parse_irq("1\0\n", 3, &irq), -EINVAL);
}

static void missing_device(void **state)
{
	struct label *l = NULL;
	size_t n = 0;
	char path[PATH_MAX];

	(void)state;
	assert_int_equal(read_tree("e1000", "00:1f.7", 0, &l, &n, path,
				   sizeof(path)), -ENOENT);
	assert_ends_with(path, "/bus/pci/devices/0000:00:1f.7/resource");
	assert_string_equal(path, SYSFS "/e1000/bus/pci/devices/0000:00:1f.7"
			    "/resource");
	assert_null(l);
	assert_int_equal(n, 0);

	/* No such sysfs root at all. */
	assert_int_equal(read_tree("no-such-tree", "0000:00:03.0", 0, &l, &n,
				   path, sizeof(path)), -ENOENT);
	assert_null(l);
	assert_int_equal(n, 0);
}

static void appends(void **state)
{
	struct label *l = NULL;
	size_t n = 0;
	char path[PATH_MAX];

	(void)state;
	assert_int_equal(read_tree("e1000", "0000:00:03.0", 0, &l, &n, path,
				   sizeof(path)), 0);
	assert_int_equal(n, 5);
	assert_int_equal(read_tree("small-bar", "0000:00:04.0", 0, &l, &n,
				   path, sizeof(path)), 0);
	assert_int_equal(n, 8);
	check_label(&l[0], FLASK_OCON_DEVICE, "0000:00:03.0", 0x18, 0x18, ctx);
	check_label(&l[4], FLASK_OCON_PIRQ, "0000:00:03.0", 11, 11, irq_ctx);
	check_label(&l[5], FLASK_OCON_DEVICE, "0000:00:04.0", 0x20, 0x20, ctx);
	check_label(&l[6], FLASK_OCON_IOMEM, "0000:00:04.0", 0xfebf1, 0xfebf1,
		    ctx);
	check_label(&l[7], FLASK_OCON_PIRQ, "0000:00:04.0", 10, 10, irq_ctx);

	/* A missing device leaves what is there alone. */
	assert_int_equal(read_tree("small-bar", "0000:00:03.0", 0, &l, &n,
				   path, sizeof(path)), -ENOENT);
	assert_int_equal(n, 8);
	check_label(&l[7], FLASK_OCON_PIRQ, "0000:00:04.0", 10, 10, irq_ctx);
	free(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(addr_accepted),
		cmocka_unit_test(addr_rejected),
		cmocka_unit_test(names),
		cmocka_unit_test(sbdfs),
		cmocka_unit_test(device_lines),
		cmocka_unit_test(e1000_bars),
		cmocka_unit_test(e1000_all_resources),
		cmocka_unit_test(e1000_no_irq),
		cmocka_unit_test(small_bar),
		cmocka_unit_test(bar_64bit),
		cmocka_unit_test(bridge_windows),
		cmocka_unit_test(sriov_bars),
		cmocka_unit_test(no_irq),
		cmocka_unit_test(malformed),
		cmocka_unit_test(irq_text),
		cmocka_unit_test(missing_device),
		cmocka_unit_test(appends),
	};

	return cmocka_run_group_tests_name("pci", tests, NULL, NULL);
}
