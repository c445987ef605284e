// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test-file.c - unit tests of how a file the tools rewrite is found and
 * written (file_resolve(), file_write_over(), file_replace()): a symbolic
 * link is followed and stays, the file keeps its mode, owner and group.
 */

#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "file.h"

/* A fresh folder under /tmp for each test, its real name (no link in it). */
static int make_tmp(void **state)
{
	char *dir = strdup("/tmp/flask-utils-test-file.XXXXXX"), *real;

	if (!dir || !mkdtemp(dir)) {
		free(dir);
		return -1;
	}
	real = realpath(dir, NULL);
	free(dir);
	*state = real;
	return real ? 0 : -1;
}

static int remove_one(const char *path, const struct stat *st, int type,
		      struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	return remove(path);
}

static int remove_tmp(void **state)
{
	char *dir = *state;
	int rc = nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);

	free(dir);
	return rc;
}

/* dir/name into out[PATH_MAX]. */
static char *in(char *out, const void *dir, const char *name)
{
	snprintf(out, PATH_MAX, "%s/%s", (const char *)dir, name);
	return out;
}

static void touch(const char *path, mode_t mode)
{
	FILE *fp = fopen(path, "we");

	assert_non_null(fp);
	assert_int_equal(fputs("old\n", fp) >= 0, 1);
	assert_int_equal(fclose(fp), 0);
	assert_int_equal(chmod(path, mode), 0);
}

/* An existing file: its real name, whatever links lead to it. */
static void resolve_existing(void **state)
{
	char a[PATH_MAX], b[PATH_MAX], want[PATH_MAX], real[PATH_MAX];

	touch(in(want, *state, "file"), 0644);
	assert_int_equal(file_resolve(want, real, sizeof(real)), 0);
	assert_string_equal(real, want);
	assert_int_equal(symlink("file", in(a, *state, "rel")), 0);
	assert_int_equal(file_resolve(a, real, sizeof(real)), 0);
	assert_string_equal(real, want);
	assert_int_equal(symlink(a, in(b, *state, "abs-to-rel")), 0);
	assert_int_equal(file_resolve(b, real, sizeof(real)), 0);
	assert_string_equal(real, want);
	/* too small a buffer for the name */
	assert_int_equal(file_resolve(b, real, 4), -ENAMETOOLONG);
}

/* A missing file: -ENOENT, and the name it will have. */
static void resolve_missing(void **state)
{
	char a[PATH_MAX], b[PATH_MAX], want[PATH_MAX], real[PATH_MAX];

	in(want, *state, "new");
	assert_int_equal(file_resolve(want, real, sizeof(real)), -ENOENT);
	assert_string_equal(real, want);
	/* in a folder not made yet */
	in(want, *state, "no/such/dir/new");
	assert_int_equal(file_resolve(want, real, sizeof(real)), -ENOENT);
	assert_string_equal(real, want);
	/* a dangling link, relative, then a link to it: its target */
	assert_int_equal(symlink("sub/target", in(a, *state, "dangling")), 0);
	assert_int_equal(file_resolve(a, real, sizeof(real)), -ENOENT);
	assert_string_equal(real, in(want, *state, "sub/target"));
	assert_int_equal(symlink(a, in(b, *state, "to-dangling")), 0);
	assert_int_equal(file_resolve(b, real, sizeof(real)), -ENOENT);
	assert_string_equal(real, want);
}

/* Links in a loop: -ELOOP. */
static void resolve_loop(void **state)
{
	char a[PATH_MAX], b[PATH_MAX], real[PATH_MAX];

	assert_int_equal(symlink("b", in(a, *state, "a")), 0);
	assert_int_equal(symlink("a", in(b, *state, "b")), 0);
	assert_int_equal(file_resolve(a, real, sizeof(real)), -ELOOP);
}

/* Written through a link: the target replaced, with its mode; the link stays. */
static void write_over_link(void **state)
{
	char file[PATH_MAX], link_path[PATH_MAX], real[PATH_MAX],
	     tmp[PATH_MAX + 16], target[PATH_MAX];
	struct stat st;
	ssize_t n;

	touch(in(file, *state, "file"), 0600);
	if (geteuid() == 0)
		assert_int_equal(chown(file, 1, 2), 0);
	assert_int_equal(symlink("file", in(link_path, *state, "link")), 0);
	assert_int_equal(file_resolve(link_path, real, sizeof(real)), 0);
	assert_int_equal(file_write_over(real, "new\n", 4, 0644, tmp,
					 sizeof(tmp)), 0);
	assert_int_equal(file_replace(tmp, real, NULL), 0);
	assert_int_equal(lstat(link_path, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	n = readlink(link_path, target, sizeof(target) - 1);
	assert_int_equal(n, 4);
	assert_int_equal(stat(file, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(st.st_size, 4);
	if (geteuid() == 0) {
		assert_int_equal(st.st_uid, 1);
		assert_int_equal(st.st_gid, 2);
	}
}

/* A new file gets new_mode. */
static void write_over_new(void **state)
{
	char file[PATH_MAX], real[PATH_MAX], tmp[PATH_MAX + 16];
	struct stat st;

	assert_int_equal(file_resolve(in(file, *state, "d/new"), real,
				      sizeof(real)), -ENOENT);
	assert_int_equal(file_write_over(real, "x", 1, 0640, tmp,
					 sizeof(tmp)), 0);
	assert_int_equal(file_replace(tmp, real, NULL), 0);
	assert_int_equal(stat(file, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
	assert_int_equal(st.st_uid, geteuid());
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(resolve_existing, make_tmp,
						remove_tmp),
		cmocka_unit_test_setup_teardown(resolve_missing, make_tmp,
						remove_tmp),
		cmocka_unit_test_setup_teardown(resolve_loop, make_tmp,
						remove_tmp),
		cmocka_unit_test_setup_teardown(write_over_link, make_tmp,
						remove_tmp),
		cmocka_unit_test_setup_teardown(write_over_new, make_tmp,
						remove_tmp),
	};

	return cmocka_run_group_tests_name("file", tests, NULL, NULL);
}
