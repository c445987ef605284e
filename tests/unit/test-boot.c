// SPDX-License-Identifier: GPL-2.0-or-later
/* test-boot.c - unit tests of finding the boot policy as the boot loader does. */

#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "boot.h"

/* A fresh boot folder under /tmp for each test. */
static int make_tmp(void **state)
{
	char *dir = strdup("/tmp/flask-utils-test-boot.XXXXXX");

	if (!dir || !mkdtemp(dir)) {
		free(dir);
		return -1;
	}
	*state = dir;
	return 0;
}

static int remove_tmp(void **state)
{
	char cmd[PATH_MAX + 16];
	int rc;

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", (char *)*state);
	rc = system(cmd);
	free(*state);
	return rc;
}

/* Creates file name in dir with text. */
static void put(const char *dir, const char *name, const char *text)
{
	char path[PATH_MAX];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fp = fopen(path, "we");
	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

/* Checks that b->path is dir/name. */
static void assert_in(const char *dir, const char *name, const char *path)
{
	char want[PATH_MAX];

	snprintf(want, sizeof(want), "%s/%s", dir, name);
	assert_string_equal(path, want);
}

static void xen_names(void **state)
{
	const char *dir = *state;
	struct boot_policy b;

	assert_int_equal(boot_policy_find(NULL, dir, "4.17.5", &b), -ENOENT);
	assert_string_equal(b.path, "");
	put(dir, "xenpolicy-4.17", "p");
	assert_int_equal(boot_policy_find(NULL, dir, "4.17.5", &b), 0);
	assert_in(dir, "xenpolicy-4.17", b.path);
	assert_int_equal(b.nothers, 0);
	put(dir, "xenpolicy-4.17.5", "p");
	assert_int_equal(boot_policy_find(NULL, dir, "4.17.5", &b), 0);
	assert_in(dir, "xenpolicy-4.17.5", b.path);
	assert_int_equal(b.nothers, 1);
	assert_in(dir, "xenpolicy-4.17", b.others[0]);
}

static void grub_names(void **state)
{
	const char *dir = *state;
	struct boot_policy b;

	put(dir, "xenpolicy-4.17.5", "p");
	put(dir, "xen-4.17-amd64.gz", "x");
	/* A hypervisor without its policy module adds nothing. */
	assert_int_equal(boot_policy_find(NULL, dir, "4.17.5", &b), 0);
	assert_in(dir, "xenpolicy-4.17.5", b.path);
	assert_int_equal(b.nothers, 0);
	/* Debian's: xen-4.17-amd64.gz loads xenpolicy-4.17-amd64. */
	put(dir, "xenpolicy-4.17-amd64", "p");
	assert_int_equal(boot_policy_find(NULL, dir, "4.17.5", &b), 0);
	assert_in(dir, "xenpolicy-4.17-amd64", b.path);
	assert_int_equal(b.nothers, 1);
	assert_in(dir, "xenpolicy-4.17.5", b.others[0]);
	/* Another hypervisor's, garbage and debug files are not ours. */
	put(dir, "xen-4.20-amd64.gz", "x");
	put(dir, "xenpolicy-4.20-amd64", "p");
	put(dir, "xen-syms-4.17-debug", "x");
	put(dir, "xenpolicy-syms-4.17-debug", "p");
	put(dir, "xen-4.17-old.gz.dpkg-bak", "x");
	put(dir, "xenpolicy-4.17-old.gz.dpkg-bak", "p");
	put(dir, "xen-4.170.gz", "x");
	put(dir, "xenpolicy-4.170", "p");
	assert_int_equal(boot_policy_find(NULL, dir, "4.17.5", &b), 0);
	assert_in(dir, "xenpolicy-4.17-amd64", b.path);
	assert_int_equal(b.nothers, 1);
	/* The newest of two hypervisors of this version first. */
	put(dir, "xen-4.17.5", "x");
	assert_int_equal(boot_policy_find(NULL, dir, "4.17.5", &b), 0);
	assert_in(dir, "xenpolicy-4.17.5", b.path);
	assert_int_equal(b.nothers, 1);
	assert_in(dir, "xenpolicy-4.17-amd64", b.others[0]);
}

static void config(void **state)
{
	char conf[PATH_MAX], text[PATH_MAX + 64];
	const char *dir = *state;
	struct boot_policy b;

	snprintf(conf, sizeof(conf), "%s/flask-utils", dir);
	put(dir, "xenpolicy-4.17", "p");
	put(dir, "mine", "p");
	/* No setting: as without the file. */
	put(dir, "flask-utils", "# BOOT_POLICY=/nowhere\nOTHER=1\n");
	assert_int_equal(boot_policy_find(conf, dir, "4.17.5", &b), 0);
	assert_in(dir, "xenpolicy-4.17", b.path);
	snprintf(text, sizeof(text), "BOOT_POLICY=\"%s/mine\"\n", dir);
	put(dir, "flask-utils", text);
	assert_int_equal(boot_policy_find(conf, dir, "4.17.5", &b), 0);
	assert_in(dir, "mine", b.path);
	assert_int_equal(b.nothers, 0);
	snprintf(text, sizeof(text), "  BOOT_POLICY=%s/gone\n", dir);
	put(dir, "flask-utils", text);
	assert_int_equal(boot_policy_find(conf, dir, "4.17.5", &b), -ENOENT);
	assert_in(dir, "gone", b.path);
	put(dir, "flask-utils", "BOOT_POLICY=$(reboot)\n");
	assert_int_equal(boot_policy_find(conf, dir, "4.17.5", &b), -EINVAL);
	put(dir, "flask-utils", "BOOT_POLICY=/a b\n");
	assert_int_equal(boot_policy_find(conf, dir, "4.17.5", &b), -EINVAL);
	/* A config that is a folder cannot be read. */
	assert_true(boot_policy_find(dir, dir, "4.17.5", &b) < 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(xen_names, make_tmp,
						remove_tmp),
		cmocka_unit_test_setup_teardown(grub_names, make_tmp,
						remove_tmp),
		cmocka_unit_test_setup_teardown(config, make_tmp, remove_tmp),
	};

	return cmocka_run_group_tests_name("boot", tests, NULL, NULL);
}
