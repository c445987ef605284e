// SPDX-License-Identifier: GPL-2.0-or-later
/* test-store.c - unit tests of loading and saving the label store. */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
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

#include "store.h"

static const char ctx[] = "system_u:object_r:nic_dev_t";
static const char irq_ctx[] = "system_u:object_r:nic_irq_t";

static const struct label e1000[] = {
	{ FLASK_OCON_DEVICE, "0000:00:03.0", 0x18, 0x18, ctx, 0, 0, NULL },
	{ FLASK_OCON_IOMEM, "0000:00:03.0", 0xfebc0, 0xfebdf, ctx, 0, 0,
	  NULL },
	{ FLASK_OCON_IOPORT, "0000:00:03.0", 0xc000, 0xc03f, ctx, 0, 0, NULL },
	{ FLASK_OCON_PIRQ, "0000:00:03.0", 11, 11, irq_ctx, 0, 0, NULL },
	{ FLASK_OCON_DEVICE, "0001:02:00.0", 0x10200, 0x10200, "u:r:t:s0", 0,
	  0, NULL },
	{ FLASK_OCON_IOMEM, "0001:02:00.0", 0x800000, 0x800003, "u:r:t:s0",
	  0, 0, NULL },
};

#define NE1000 (sizeof(e1000) / sizeof(e1000[0]))

/* Creates a fresh folder under /tmp for each test. */
static int make_tmp(void **state)
{
	char *dir = strdup("/tmp/flask-utils-test-store.XXXXXX");

	if (!dir || !mkdtemp(dir)) {
		free(dir);
		return -1;
	}
	*state = dir;
	return 0;
}

static int remove_one(const char *path, const struct stat *st, int type,
		      struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	return remove(path);
}

/* Removes the test's folder and everything in it. */
static int remove_tmp(void **state)
{
	char *dir = *state;
	int rc = nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);

	free(dir);
	return rc;
}

/* Writes text to path, replacing it. */
static void write_text(const char *path, const char *text)
{
	FILE *fp = fopen(path, "we");

	assert_non_null(fp);
	assert_int_equal(fputs(text, fp) >= 0, 1);
	assert_int_equal(fclose(fp), 0);
}

/* Returns what path holds (NUL-terminated, to free), or NULL. */
static char *read_text(const char *path)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = fopen(path, "re"), *out;

	if (!fp)
		return NULL;
	out = open_memstream(&buf, &len);
	assert_non_null(out);
	for (int c; (c = getc(fp)) != EOF;)
		putc(c, out);
	fclose(fp);
	fclose(out);
	return buf;
}

/* Counts the entries of folder dir, besides "." and "..". */
static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

/* Checks that a[0..n-1] and b[0..n-1] are the same labels. */
static void assert_labels_equal(const struct label *a, const struct label *b,
				size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		assert_int_equal(a[i].kind, b[i].kind);
		assert_string_equal(a[i].dev, b[i].dev);
		assert_int_equal(a[i].low, b[i].low);
		assert_int_equal(a[i].high, b[i].high);
		assert_string_equal(a[i].context, b[i].context);
	}
}

static void load_missing(void **state)
{
	char path[PATH_MAX];
	struct store s;
	int bad = -1;

	snprintf(path, sizeof(path), "%s/no-store", (char *)*state);
	memset(&s, 0xa5, sizeof(s));
	assert_int_equal(store_load(path, &s, &bad), 0);
	assert_int_equal(s.n, 0);
	assert_null(s.labels);
	assert_null(s.text);
	assert_int_equal(bad, -1);
	store_free(&s);
	assert_int_equal(count_entries(*state), 0);
}

static void load_errors(void **state)
{
	char path[PATH_MAX];
	struct store s;
	int bad = -1;

	/* A folder where the file should be, a file where a folder should. */
	assert_int_equal(store_load(*state, &s, &bad), -EISDIR);
	assert_null(s.labels);
	assert_int_equal(s.n, 0);
	snprintf(path, sizeof(path), "%s/file", (char *)*state);
	write_text(path, "# nothing\n");
	snprintf(path, sizeof(path), "%s/file/store", (char *)*state);
	assert_int_equal(store_load(path, &s, &bad), -ENOTDIR);
	assert_int_equal(s.n, 0);
	assert_int_equal(bad, -1);
}

static void round_trip(void **state)
{
	char path[PATH_MAX], line[256], *text, *p;
	struct store s;
	struct stat st;
	size_t i;
	int bad = -1;

	snprintf(path, sizeof(path), "%s/pci-labels", (char *)*state);
	assert_int_equal(store_save(path, e1000, NE1000), 0);

	/* Only the store is left, readable by all, writable by root. */
	assert_int_equal(count_entries(*state), 1);
	assert_int_equal(stat(path, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0644);

	/* '#' header lines, then one label_format() line per label. */
	text = read_text(path);
	assert_non_null(text);
	assert_int_equal(text[0], '#');
	p = text;
	for (i = 0; *p == '#'; i++)
		p = strchr(p, '\n') + 1;
	assert_true(i >= 1);
	for (i = 0; i < NE1000; i++) {
		label_format(line, sizeof(line), &e1000[i]);
		assert_memory_equal(p, line, strlen(line));
		p += strlen(line);
		assert_int_equal(*p++, '\n');
	}
	assert_int_equal(*p, '\0');
	free(text);

	assert_int_equal(store_load(path, &s, &bad), 0);
	assert_int_equal(s.n, NE1000);
	assert_labels_equal(s.labels, e1000, NE1000);
	assert_int_equal(bad, -1);
	store_free(&s);
	assert_null(s.labels);
	assert_null(s.text);
	assert_int_equal(s.n, 0);
}

static void save_empty(void **state)
{
	char path[PATH_MAX], *text;
	struct store s;
	int bad = -1;

	snprintf(path, sizeof(path), "%s/pci-labels", (char *)*state);
	assert_int_equal(store_save(path, NULL, 0), 0);
	text = read_text(path);
	assert_non_null(text);
	/* Only comment lines. */
	for (char *p = text; *p; p = strchr(p, '\n') + 1)
		assert_int_equal(*p, '#');
	assert_int_equal(text[strlen(text) - 1], '\n');
	free(text);
	assert_int_equal(store_load(path, &s, &bad), 0);
	assert_int_equal(s.n, 0);
	store_free(&s);
}

static void save_refuses_overlong_line(void **state)
{
	char path[PATH_MAX], huge[8300];
	struct label l = { .kind = FLASK_OCON_PIRQ, .dev = "0000:00:03.0",
			   .low = 11, .high = 11 };

	snprintf(path, sizeof(path), "%s/pci-labels", (char *)*state);
	memset(huge, 'a', sizeof(huge) - 1);
	huge[sizeof(huge) - 1] = '\0';
	l.context = huge;
	/* Never a cut context: an error, and no file. */
	assert_int_equal(store_save(path, &l, 1), -ENAMETOOLONG);
	assert_int_equal(access(path, F_OK), -1);
}

static void save_makes_folders(void **state)
{
	char path[PATH_MAX];
	struct store s;
	struct stat st;
	int bad = -1;

	snprintf(path, sizeof(path), "%s/var/lib/flask-utils/pci-labels",
		 (char *)*state);
	assert_int_equal(store_save(path, e1000, 2), 0);
	snprintf(path, sizeof(path), "%s/var/lib/flask-utils", (char *)*state);
	assert_int_equal(stat(path, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(count_entries(path), 1);
	snprintf(path, sizeof(path), "%s/var/lib/flask-utils/pci-labels",
		 (char *)*state);
	assert_int_equal(store_load(path, &s, &bad), 0);
	assert_int_equal(s.n, 2);
	assert_labels_equal(s.labels, e1000, 2);
	store_free(&s);
}

static void load_skips_comments(void **state)
{
	char path[PATH_MAX];
	struct store s;
	int bad = -1;

	snprintf(path, sizeof(path), "%s/pci-labels", (char *)*state);
	write_text(path,
		   "# a comment\n"
		   "\n"
		   "0000:00:03.0 device 0x18 system_u:object_r:nic_dev_t\n"
		   "   \n"
		   "\t# an indented comment 0000:00:04.0 pirq 10 x\n"
		   "#0000:00:04.0 pirq 10 x\n"
		   "0000:00:03.0 iomem 0xfebc0-0xfebdf "
		   "system_u:object_r:nic_dev_t\n"
		   "\t\n"
		   "0000:00:03.0 ioport 0xc000-0xc03f "
		   "system_u:object_r:nic_dev_t\n"
		   "\n\n"
		   "0000:00:03.0 pirq 11 system_u:object_r:nic_irq_t");
	assert_int_equal(store_load(path, &s, &bad), 0);
	assert_int_equal(s.n, 4);
	assert_labels_equal(s.labels, e1000, 4);
	assert_int_equal(bad, -1);
	store_free(&s);
}

static void load_corrupt(void **state)
{
	static const char *const garbage[] = {
		"garbage\n",
		"0000:00:03.0 device 0x19 system_u:object_r:nic_dev_t\n",
		"0000:00:03.0 pirq 11\n",
		"0000:00:03.0 ioport 0xc03f-0xc000 x\n",
		"0000:00:03.0 irq 11 system_u:object_r:nic_irq_t\n",
		"0000:00:03.0 pirq 11 x # trailing comment\n",
		/* only what the tool writes: one spelling of each label */
		"  0000:00:03.0 pirq 11 x\n",
		"0000:00:03.0 pirq 11 x \n",
		"0000:00:03.0  pirq 11 x\n",
		"0000:00:03.0\tpirq 11 x\n",
		"00:03.0 pirq 11 x\n",
		"0000:00:03.0 pirq 011 x\n",
		"0000:00:03.0 pirq 0xb x\n",
		"0000:00:03.0 pirq 99999999999 x\n",
		"0000:00:03.0 ioport 0x0x10-0x20 x\n",
		"0000:00:03.0 ioport 0xC000-0xc03f x\n",
		"0000:00:03.0 ioport 00-0 x\n",
		"0000:00:03.0 ioport 0x100000000-0x100000000 x\n",
		"0000:00:03.0 iomem 0x00febc0-0xfebdf x\n",
		"0000:00:03.0 options\n",
		"0000:00:03.0 options  no-irq\n",
		"0000:00:03.0 options no-irq all-resources\n",
	};
	char path[PATH_MAX], text[1024], *after;
	struct store s;
	size_t i;
	int bad;

	snprintf(path, sizeof(path), "%s/pci-labels", (char *)*state);
	for (i = 0; i < sizeof(garbage) / sizeof(garbage[0]); i++) {
		snprintf(text, sizeof(text),
			 "# header\n"
			 "0000:00:03.0 device 0x18 x\n"
			 "\n"
			 "0000:00:03.0 pirq 11 system_u:object_r:nic_irq_t\n"
			 "%s"
			 "0000:00:03.0 iomem 0xfebc0-0xfebdf x\n", garbage[i]);
		write_text(path, text);
		bad = -1;
		assert_int_equal(store_load(path, &s, &bad), -EINVAL);
		assert_int_equal(bad, 5);
		assert_null(s.labels);
		assert_null(s.text);
		assert_int_equal(s.n, 0);
		after = read_text(path);
		assert_non_null(after);
		assert_string_equal(after, text);
		free(after);
	}
	assert_int_equal(count_entries(*state), 1);
}

static void options_round_trip(void **state)
{
	struct label l[3] = { e1000[0], e1000[1], e1000[4] };
	char path[PATH_MAX], *text;
	struct store s;
	size_t n;
	int bad = -1;

	snprintf(path, sizeof(path), "%s/pci-labels", (char *)*state);
	l[0].flags = LABEL_ALL_RESOURCES | LABEL_NO_IRQ;
	l[0].irq_context = irq_ctx;
	assert_int_equal(store_save(path, l, 3), 0);
	text = read_text(path);
	assert_non_null(strstr(text, "\n0000:00:03.0 options all-resources "
			       "no-irq irq-context=system_u:object_r:nic_irq_t"
			       "\n0000:00:03.0 device 0x18 "));
	/* Only a device labelled with options gets the line. */
	assert_null(strstr(text, "0001:02:00.0 options"));
	free(text);
	assert_int_equal(store_load(path, &s, &bad), 0);
	assert_int_equal(s.n, 3);
	assert_labels_equal(s.labels, l, 3);
	assert_int_equal(s.labels[0].flags, LABEL_ALL_RESOURCES | LABEL_NO_IRQ);
	assert_string_equal(s.labels[0].irq_context, irq_ctx);
	assert_int_equal(s.labels[2].flags, 0);
	assert_null(s.labels[2].irq_context);
	assert_ptr_equal(store_find(&s, "0001:02:00.0", &n), &s.labels[2]);
	assert_int_equal(n, 1);
	assert_int_equal(store_group(&s, 0), 2);
	assert_null(store_find(&s, "0000:00:04.0", &n));
	assert_int_equal(n, 0);
	store_free(&s);
}

/* Stores whose devices are not whole groups, or with bad options lines. */
static void load_bad_groups(void **state)
{
	static const char *const bad_stores[] = {
		/* a label before its device label */
		"0000:00:03.0 pirq 11 x\n0000:00:03.0 device 0x18 x\n",
		/* a device in two groups */
		"0000:00:03.0 device 0x18 x\n0000:00:04.0 device 0x20 x\n"
		"0000:00:03.0 pirq 11 x\n",
		/* a second device label in one group */
		"0000:00:03.0 device 0x18 x\n0000:00:03.0 device 0x18 x\n",
		/* options not followed by that device's label */
		"0000:00:03.0 options no-irq\n0000:00:04.0 device 0x20 x\n",
		"0000:00:03.0 options no-irq\n",
		"0000:00:03.0 options no-irq\n0000:00:03.0 options no-irq\n"
		"0000:00:03.0 device 0x18 x\n",
		"0000:00:03.0 options frobnicate\n0000:00:03.0 device 0x18 x\n",
		"0000:00:03.0 options no-irq no-irq\n"
		"0000:00:03.0 device 0x18 x\n",
		"0000:00:03.0 options irq-context=\n0000:00:03.0 device 0x18 x\n",
		"00:03 options\n0000:00:03.0 device 0x18 x\n",
		/* options inside a group, before a label that is not the
		   device's (found by fuzz-store: the options were dropped at
		   the next save) */
		"0000:00:03.0 device 0x18 x\n0000:00:03.0 options no-irq\n"
		"0000:00:03.0 pirq 11 x\n",
	};
	char path[PATH_MAX];
	struct store s;
	size_t i;
	int bad;

	snprintf(path, sizeof(path), "%s/pci-labels", (char *)*state);
	for (i = 0; i < sizeof(bad_stores) / sizeof(*bad_stores); i++) {
		write_text(path, bad_stores[i]);
		bad = -1;
		assert_int_equal(store_load(path, &s, &bad), -EINVAL);
		assert_true(bad >= 1);
		assert_null(s.labels);
	}
}

/*
 * A NUL byte used to end the text early, and the next write dropped what
 * followed it: now the store is corrupt at the NUL's line, and a file too
 * large to be one we wrote is refused (neither is rewritten).
 */
static void load_nul_and_size(void **state)
{
	static const char text[] = "# header\n"
				   "0000:00:03.0 device 0x18 x\n"
				   "0000:00:03.0 pirq 11\0 x\n"
				   "0000:00:04.0 device 0x20 x\n";
	char path[PATH_MAX];
	struct store s;
	FILE *fp;
	int bad = -1;
	long i;

	snprintf(path, sizeof(path), "%s/pci-labels", (char *)*state);
	fp = fopen(path, "we");
	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, sizeof(text) - 1, fp),
			 sizeof(text) - 1);
	assert_int_equal(fclose(fp), 0);
	assert_int_equal(store_load(path, &s, &bad), -EINVAL);
	assert_int_equal(bad, 3);
	assert_null(s.labels);
	assert_null(s.text);

	fp = fopen(path, "we");
	assert_non_null(fp);
	for (i = 0; i <= (long)STORE_SIZE_MAX / 8; i++)
		fputs("# pad..\n", fp);
	assert_int_equal(fclose(fp), 0);
	assert_int_equal(store_load(path, &s, &bad), -EFBIG);
	assert_null(s.labels);
}

static void save_replaces(void **state)
{
	char path[PATH_MAX], old[PATH_MAX], *before, *text;
	struct stat st1, st2;
	struct store s;
	int bad = -1;

	snprintf(path, sizeof(path), "%s/pci-labels", (char *)*state);
	snprintf(old, sizeof(old), "%s/old-link", (char *)*state);
	assert_int_equal(store_save(path, e1000, NE1000), 0);
	before = read_text(path);
	assert_non_null(before);
	assert_int_equal(stat(path, &st1), 0);
	/* A hard link keeps the old file: an in-place rewrite would show. */
	assert_int_equal(link(path, old), 0);

	assert_int_equal(store_save(path, &e1000[4], 2), 0);
	assert_int_equal(stat(path, &st2), 0);
	assert_true(st1.st_ino != st2.st_ino);
	text = read_text(old);
	assert_string_equal(text, before);
	free(text);

	text = read_text(path);
	assert_non_null(text);
	assert_null(strstr(text, "0000:00:03.0"));
	assert_non_null(strstr(text, "\n0001:02:00.0 device 0x10200 "
			       "u:r:t:s0\n"));
	assert_true(strlen(text) < strlen(before));
	free(text);
	free(before);

	assert_int_equal(store_load(path, &s, &bad), 0);
	assert_int_equal(s.n, 2);
	assert_labels_equal(s.labels, &e1000[4], 2);
	store_free(&s);
	assert_int_equal(count_entries(*state), 2);
}

/* Saving through a symbolic link writes its target, keeping the link and the file's mode. */
static void save_follows_link(void **state)
{
	char path[PATH_MAX], real[PATH_MAX];
	struct stat st;

	snprintf(path, sizeof(path), "%s/pci-labels", (char *)*state);
	snprintf(real, sizeof(real), "%s/real", (char *)*state);
	assert_int_equal(store_save(real, e1000, 2), 0);
	assert_int_equal(chmod(real, 0600), 0);
	assert_int_equal(symlink("real", path), 0);
	assert_int_equal(store_save(path, e1000, NE1000), 0);
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_int_equal(stat(real, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(count_entries(*state), 2);
}

static void save_unwritable(void **state)
{
	char path[PATH_MAX], file[PATH_MAX], *text;
	struct stat st;
	int rc;

	snprintf(file, sizeof(file), "%s/file", (char *)*state);
	write_text(file, "not a folder\n");

	/* Below a regular file: no folder can be made. */
	snprintf(path, sizeof(path), "%s/file/sub/store", (char *)*state);
	rc = store_save(path, e1000, NE1000);
	assert_int_equal(rc, -ENOTDIR);
	assert_int_equal(stat(path, &st), -1);

	/* The regular file as the folder. */
	snprintf(path, sizeof(path), "%s/file/store", (char *)*state);
	rc = store_save(path, e1000, NE1000);
	assert_int_equal(rc, -ENOTDIR);

	text = read_text(file);
	assert_string_equal(text, "not a folder\n");
	free(text);
	assert_int_equal(count_entries(*state), 1);

	/* A folder where the store should be: no temporary file left. */
	snprintf(path, sizeof(path), "%s/store", (char *)*state);
	assert_int_equal(mkdir(path, 0755), 0);
	rc = store_save(path, e1000, NE1000);
	assert_true(rc < 0);
	assert_int_equal(stat(path, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(count_entries(path), 0);
	assert_int_equal(count_entries(*state), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(load_missing, make_tmp,
						remove_tmp),
		cmocka_unit_test_setup_teardown(load_errors, make_tmp,
						remove_tmp),
		cmocka_unit_test_setup_teardown(round_trip, make_tmp,
						remove_tmp),
		cmocka_unit_test_setup_teardown(save_empty, make_tmp,
						remove_tmp),
		cmocka_unit_test_setup_teardown(save_refuses_overlong_line,
						make_tmp, remove_tmp),
		cmocka_unit_test_setup_teardown(save_makes_folders, make_tmp,
						remove_tmp),
		cmocka_unit_test_setup_teardown(load_skips_comments, make_tmp,
						remove_tmp),
		cmocka_unit_test_setup_teardown(load_corrupt, make_tmp,
						remove_tmp),
		cmocka_unit_test_setup_teardown(options_round_trip, make_tmp,
						remove_tmp),
		cmocka_unit_test_setup_teardown(load_nul_and_size, make_tmp,
						remove_tmp),
		cmocka_unit_test_setup_teardown(load_bad_groups, make_tmp,
						remove_tmp),
		cmocka_unit_test_setup_teardown(save_replaces, make_tmp,
						remove_tmp),
		cmocka_unit_test_setup_teardown(save_follows_link, make_tmp,
						remove_tmp),
		cmocka_unit_test_setup_teardown(save_unwritable, make_tmp,
						remove_tmp),
	};

	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
