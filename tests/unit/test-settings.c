// SPDX-License-Identifier: GPL-2.0-or-later
/* test-settings.c - unit tests of the local boolean settings file. */

#include <dirent.h>
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

#include "flask.h"
#include "settings.h"

/* Creates a fresh folder under /tmp for each test. */
static int make_tmp(void **state)
{
	char *dir = strdup("/tmp/flask-utils-test-settings.XXXXXX");

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

/* Writes len bytes of data to path, replacing it. */
static void write_bytes(const char *path, const char *data, size_t len)
{
	FILE *fp = fopen(path, "we");

	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
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

/* settings_parse() on a malloc'ed copy of data[len]. */
static int parse(const char *data, size_t len, struct settings *s, int *bad)
{
	char *text = malloc(len + 1);

	assert_non_null(text);
	memcpy(text, data, len);
	text[len] = '\0';
	return settings_parse(text, len, s, bad);
}

static int parse_text(const char *text, struct settings *s, int *bad)
{
	return parse(text, strlen(text), s, bad);
}

/* A failed parse leaves s empty (and its text freed: ASan checks). */
static void assert_empty(const struct settings *s)
{
	assert_null(s->v);
	assert_int_equal(s->n, 0);
	assert_null(s->text);
}

/* Checks that s holds exactly the n names and values given, in order. */
static void assert_settings(const struct settings *s, size_t n,
			    const char *const *names, const int *values)
{
	size_t i;

	assert_int_equal(s->n, n);
	for (i = 0; i < n; i++) {
		assert_string_equal(s->v[i].name, names[i]);
		assert_int_equal(s->v[i].value, values[i]);
		assert_ptr_equal(settings_find(s, names[i]), &s->v[i]);
	}
}

/* Checks that the names of s are in strictly increasing strcmp order. */
static void assert_sorted(const struct settings *s)
{
	size_t i;

	for (i = 1; i < s->n; i++)
		assert_true(strcmp(s->v[i - 1].name, s->v[i].name) < 0);
}

/* A name of n characters, all 'b' (to free). */
static char *long_name(size_t n)
{
	char *name = malloc(n + 1);

	assert_non_null(name);
	memset(name, 'b', n);
	name[n] = '\0';
	return name;
}

static void parse_accepts(void **state)
{
	static const char text[] =
		"# flask-utils: local boolean settings\n"
		"\n"
		"zeta 1\n"
		"   \n"
		"\t\n"
		" \t \n"
		"  # an indented comment\n"
		"\t# another\n"
		"#alpha 1\n"
		"alpha 0\n"
		"secure_mode_policyload 1\n"
		"B 1\n"
		"a.b-c_d:e 0\n"
		"caf\xc3\xa9 1\n"
		"last 0";		/* no newline at the end */
	static const char *const names[] = {
		"B", "a.b-c_d:e", "alpha", "caf\xc3\xa9", "last",
		"secure_mode_policyload", "zeta",
	};
	static const int values[] = { 1, 0, 0, 1, 0, 1, 1 };
	struct settings s;
	int bad = -1;

	(void)state;
	assert_int_equal(parse_text(text, &s, &bad), 0);
	assert_int_equal(bad, -1);
	assert_settings(&s, 7, names, values);
	assert_non_null(s.text);
	/* parsed names point into the text, not copies */
	assert_true(s.v[0].name >= s.text &&
		    s.v[0].name < s.text + sizeof(text));
	assert_int_equal(s.v[0].added, 0);
	assert_null(settings_find(&s, "#alpha"));
	assert_null(settings_find(&s, "alph"));
	assert_null(settings_find(&s, "alphaa"));
	assert_null(settings_find(&s, "b"));
	assert_null(settings_find(&s, ""));
	settings_free(&s);
	assert_empty(&s);
}

/* No text, or only comments and blank lines: no settings. */
static void parse_empty(void **state)
{
	static const char *const texts[] = {
		"", "\n", "\n\n\n", "# only a comment", "# a\n#b\n \t\n",
		"#a 1\n",
	};
	struct settings s;
	size_t i;
	int bad = -1;

	(void)state;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		assert_int_equal(parse_text(texts[i], &s, &bad), 0);
		assert_int_equal(s.n, 0);
		assert_null(settings_find(&s, "a"));
		settings_free(&s);
	}
	assert_int_equal(bad, -1);
}

/* Each wrong line, as line 4 of a good file: -EINVAL, at line 4. */
static void parse_refuses(void **state)
{
	static const char *const wrong[] = {
		"foo 1 ",		/* trailing space */
		"foo 0\t",		/* trailing tab */
		"foo\t1",		/* tab between */
		"foo  1",		/* two spaces */
		"foo \t1",
		" foo 1",		/* leading blank */
		"\tfoo 1",
		"foo 2",
		"foo -1",
		"foo 10",
		"foo 01",
		"foo 1x",
		"foo 0 ",
		"foo on",
		"foo true",
		"foo",			/* no value */
		"foo ",
		"foo 1\r",		/* a CRLF line ending */
		"foo 1 # a comment after",
		"foo bar 1",
		"\r",
		"\v",
		" 1",
		"1",
		"b\x1b[31m 1",		/* a control character in a name */
		"fo\x7fo 0",
		"\x01 1",
		"a\rb 1",
		"\r 1",
		"qux 1",		/* a name given twice */
		"qux 0",
		"foo 1\n",		/* (a good line: then the next one) */
	};
	char text[256];
	struct settings s;
	size_t i;
	int bad;

	(void)state;
	for (i = 0; i < sizeof(wrong) / sizeof(wrong[0]); i++) {
		snprintf(text, sizeof(text),
			 "# header\n"
			 "qux 1\n"
			 "\n"
			 "%s\n"
			 "%s"
			 "zeta 0\n", wrong[i],
			 strcmp(wrong[i], "foo 1\n") ? "" : "foo 0\n");
		bad = -1;
		memset(&s, 0xa5, sizeof(s));
		assert_int_equal(parse_text(text, &s, &bad), -EINVAL);
		assert_int_equal(bad, strcmp(wrong[i], "foo 1\n") ? 4 : 6);
		assert_empty(&s);
	}
}

/* A whole file with CRLF line endings: the first setting is wrong. */
static void parse_refuses_crlf(void **state)
{
	struct settings s;
	int bad = -1;

	(void)state;
	assert_int_equal(parse_text("# header\r\n\r\nfoo 1\r\nbar 0\r\n", &s,
				    &bad), -EINVAL);
	/* the comment is one, "\r" alone is not a blank line */
	assert_int_equal(bad, 2);
	assert_empty(&s);
	assert_int_equal(parse_text("# header\r\nfoo 1\r\n", &s, &bad),
			 -EINVAL);
	assert_int_equal(bad, 2);
	assert_empty(&s);
}

/* A NUL byte anywhere makes the file corrupt, at the NUL's line. */
static void parse_refuses_nul(void **state)
{
#define NUL_CASE(data, line) { data, sizeof(data) - 1, line }
	static const struct {
		const char *data;
		size_t len;
		int line;
	} cases[] = {
		NUL_CASE("foo 1\nb\0r 1\nzeta 0\n", 2),
		NUL_CASE("\0foo 1\n", 1),
		NUL_CASE("foo 1\0", 1),
		NUL_CASE("foo 1\n\0", 2),
		NUL_CASE("foo 1\n# a comment \0 too\n", 2),
		NUL_CASE("foo 1\n\n\n\0\n", 4),
		/* the NUL's line, even after a line that is wrong too */
		NUL_CASE("foo x\nbar 1\n\0", 3),
	};
#undef NUL_CASE
	struct settings s;
	size_t i;
	int bad;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bad = -1;
		assert_int_equal(parse(cases[i].data, cases[i].len, &s, &bad),
				 -EINVAL);
		assert_int_equal(bad, cases[i].line);
		assert_empty(&s);
	}
}

/* A name of FLASK_STRING_MAX characters is the longest. */
static void parse_name_length(void **state)
{
	char *name = long_name(FLASK_STRING_MAX + 1), *text;
	struct settings s;
	int bad = -1;

	(void)state;
	assert_int_equal(FLASK_STRING_MAX, 4095);
	text = malloc(FLASK_STRING_MAX + 64);
	assert_non_null(text);

	name[FLASK_STRING_MAX] = '\0';
	snprintf(text, FLASK_STRING_MAX + 64, "a 1\n%s 0\nz 1\n", name);
	assert_int_equal(parse_text(text, &s, &bad), 0);
	assert_int_equal(s.n, 3);
	assert_int_equal(strlen(s.v[1].name), FLASK_STRING_MAX);
	assert_ptr_equal(settings_find(&s, name), &s.v[1]);
	assert_int_equal(s.v[1].value, 0);
	settings_free(&s);

	name[FLASK_STRING_MAX] = 'b';
	snprintf(text, FLASK_STRING_MAX + 64, "a 1\n\n%s 0\nz 1\n", name);
	assert_int_equal(parse_text(text, &s, &bad), -EINVAL);
	assert_int_equal(bad, 3);
	assert_empty(&s);
	free(text);
	free(name);
}

static void set_and_forget(void **state)
{
	static const char *const names[] = { "B", "a", "ab", "b", "c" };
	static const int values[] = { 0, 1, 1, 0, 1 };
	struct settings s;
	char name[8];

	(void)state;
	memset(&s, 0, sizeof(s));
	assert_null(settings_find(&s, "b"));
	assert_int_equal(settings_forget(&s, "b"), 0);

	assert_int_equal(settings_set(&s, "b", 1), 1);
	assert_int_equal(settings_set(&s, "b", 1), 0);
	assert_int_equal(settings_set(&s, "b", 0), 1);
	assert_int_equal(settings_set(&s, "b", 0), 0);
	assert_int_equal(s.n, 1);
	/* the name is copied */
	strcpy(name, "c");
	assert_int_equal(settings_set(&s, name, 1), 1);
	strcpy(name, "x");
	assert_int_equal(settings_set(&s, "a", 1), 1);
	assert_int_equal(settings_set(&s, "ab", 1), 1);
	assert_int_equal(settings_set(&s, "B", 0), 1);
	assert_settings(&s, 5, names, values);
	assert_int_equal(s.v[0].added, 1);

	/* the last, the first, one in the middle, then again */
	assert_int_equal(settings_forget(&s, "c"), 1);
	assert_int_equal(settings_forget(&s, "B"), 1);
	assert_int_equal(settings_forget(&s, "ab"), 1);
	assert_int_equal(settings_forget(&s, "ab"), 0);
	assert_int_equal(settings_forget(&s, "x"), 0);
	assert_settings(&s, 2, (const char *const[]){ "a", "b" },
			(const int[]){ 1, 0 });
	assert_int_equal(settings_forget(&s, "a"), 1);
	assert_int_equal(settings_forget(&s, "b"), 1);
	assert_int_equal(s.n, 0);
	assert_null(settings_find(&s, "a"));
	/* and usable again */
	assert_int_equal(settings_set(&s, "ab", 0), 1);
	assert_settings(&s, 1, (const char *const[]){ "ab" },
			(const int[]){ 0 });
	settings_free(&s);
	assert_empty(&s);
}

/*
 * A name the tools refuse is not recorded: written, it would break the
 * file (a newline makes two lines of one setting).
 */
static void set_refuses_names(void **state)
{
	static const char *const bad[] = {
		"b\n1", "a b", "\x1b[31m", "a\tb", "del\x7f", "",
	};
	struct settings s;
	char *name;
	size_t i;

	(void)state;
	memset(&s, 0, sizeof(s));
	assert_int_equal(settings_set(&s, "ok", 1), 1);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(settings_set(&s, bad[i], 1), -EINVAL);
	name = long_name(FLASK_STRING_MAX + 1);
	assert_int_equal(settings_set(&s, name, 0), -EINVAL);
	free(name);
	assert_settings(&s, 1, (const char *const[]){ "ok" },
			(const int[]){ 1 });
	settings_free(&s);
}

/* Names parsed from the text and names added mix, in order. */
static void set_after_parse(void **state)
{
	static const char *const names[] = { "a", "b", "c", "d", "e" };
	static const int values[] = { 1, 1, 0, 1, 0 };
	struct settings s;
	int bad = -1;

	(void)state;
	assert_int_equal(parse_text("e 1\nb 0\nc 0\n", &s, &bad), 0);
	assert_int_equal(settings_set(&s, "b", 1), 1);
	assert_int_equal(settings_set(&s, "c", 0), 0);
	assert_int_equal(settings_set(&s, "e", 0), 1);
	assert_int_equal(settings_set(&s, "d", 1), 1);
	assert_int_equal(settings_set(&s, "a", 1), 1);
	assert_settings(&s, 5, names, values);
	assert_int_equal(s.v[0].added, 1);
	assert_int_equal(s.v[1].added, 0);
	/* forgetting one of each kind: only the added one was malloc'ed */
	assert_int_equal(settings_forget(&s, "b"), 1);
	assert_int_equal(settings_forget(&s, "d"), 1);
	assert_settings(&s, 3, (const char *const[]){ "a", "c", "e" },
			(const int[]){ 1, 0, 0 });
	settings_free(&s);
	assert_empty(&s);
}

/* Many names in a scrambled order: sorted, each found. */
static void set_keeps_sorted(void **state)
{
	struct settings s;
	char name[16];
	int i, k;

	(void)state;
	memset(&s, 0, sizeof(s));
	/* 7919 is prime: i * 7919 % 1000 visits 0..999 once each */
	for (i = 0; i < 1000; i++) {
		k = i * 7919 % 1000;
		snprintf(name, sizeof(name), "bool_%d", k);
		assert_int_equal(settings_set(&s, name, k % 2), 1);
		assert_sorted(&s);
	}
	assert_int_equal(s.n, 1000);
	for (k = 0; k < 1000; k++) {
		snprintf(name, sizeof(name), "bool_%d", k);
		assert_non_null(settings_find(&s, name));
		assert_int_equal(settings_find(&s, name)->value, k % 2);
		assert_int_equal(settings_set(&s, name, k % 2), 0);
	}
	for (k = 0; k < 1000; k += 3) {
		snprintf(name, sizeof(name), "bool_%d", k);
		assert_int_equal(settings_forget(&s, name), 1);
	}
	assert_int_equal(s.n, 1000 - 334);
	assert_sorted(&s);
	for (k = 0; k < 1000; k++) {
		snprintf(name, sizeof(name), "bool_%d", k);
		if (k % 3)
			assert_non_null(settings_find(&s, name));
		else
			assert_null(settings_find(&s, name));
	}
	settings_free(&s);
}

static void load_missing(void **state)
{
	char path[PATH_MAX];
	struct settings s;
	int bad = -1;

	snprintf(path, sizeof(path), "%s/booleans", (char *)*state);
	memset(&s, 0xa5, sizeof(s));
	assert_int_equal(settings_load(path, &s, &bad), 0);
	assert_empty(&s);
	assert_int_equal(bad, -1);
	assert_null(settings_find(&s, "a"));
	settings_free(&s);
	/* and a missing folder too; nothing made */
	snprintf(path, sizeof(path), "%s/no/booleans", (char *)*state);
	assert_int_equal(settings_load(path, &s, &bad), 0);
	assert_empty(&s);
	assert_int_equal(count_entries(*state), 0);
}

static void load_errors(void **state)
{
	char path[PATH_MAX];
	struct settings s;
	int bad = -1;

	/* A folder where the file should be, a file where a folder should. */
	assert_int_equal(settings_load(*state, &s, &bad), -EISDIR);
	assert_empty(&s);
	snprintf(path, sizeof(path), "%s/file", (char *)*state);
	write_bytes(path, "a 1\n", 4);
	snprintf(path, sizeof(path), "%s/file/booleans", (char *)*state);
	assert_int_equal(settings_load(path, &s, &bad), -ENOTDIR);
	assert_empty(&s);
	assert_int_equal(bad, -1);
}

/* SETTINGS_SIZE_MAX (1 MiB) bytes are read; one more is too many. */
static void load_size(void **state)
{
	char path[PATH_MAX], *text;
	size_t size = SETTINGS_SIZE_MAX, i;
	struct settings s;
	int bad = -1;

	assert_int_equal(SETTINGS_SIZE_MAX, 1024 * 1024);
	snprintf(path, sizeof(path), "%s/booleans", (char *)*state);
	text = malloc(size + 1);
	assert_non_null(text);
	/* "# pad..\n" lines, then a setting at the very end */
	for (i = 0; i < size; i += 8)
		memcpy(text + i, "# pad..\n", 8);
	memcpy(text + size - 8, "xy_zz 1\n", 8);
	write_bytes(path, text, size);
	assert_int_equal(settings_load(path, &s, &bad), 0);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.v[0].name, "xy_zz");
	settings_free(&s);

	text[size] = '\n';
	write_bytes(path, text, size + 1);
	assert_int_equal(settings_load(path, &s, &bad), -EFBIG);
	assert_empty(&s);
	assert_int_equal(bad, -1);
	free(text);
}

/* A corrupt file is refused with its line, and left as it is. */
static void load_corrupt(void **state)
{
	static const char text[] = "# header\nfoo 1\nbar yes\nzeta 0\n";
	static const char nul[] = "foo 1\nbar 0\n\0\n";
	char path[PATH_MAX], *after;
	struct settings s;
	int bad = -1;

	snprintf(path, sizeof(path), "%s/booleans", (char *)*state);
	write_bytes(path, text, sizeof(text) - 1);
	assert_int_equal(settings_load(path, &s, &bad), -EINVAL);
	assert_int_equal(bad, 3);
	assert_empty(&s);
	after = read_text(path);
	assert_string_equal(after, text);
	free(after);

	write_bytes(path, nul, sizeof(nul) - 1);
	bad = -1;
	assert_int_equal(settings_load(path, &s, &bad), -EINVAL);
	assert_int_equal(bad, 3);
	assert_empty(&s);
	assert_int_equal(count_entries(*state), 1);
}

/*
 * What settings_save() writes: '#' lines, then "NAME VALUE" lines in
 * order; loaded again, the same settings.
 */
static void save_load_round_trip(void **state)
{
	static const char *const names[] = {
		"allow_x", "b\xc3\xa9", "secure_mode_policyload", "zeta",
	};
	static const int values[] = { 1, 0, 1, 0 };
	char path[PATH_MAX], *text, *p, *name;
	struct settings s, t;
	struct stat st;
	int bad = -1;

	snprintf(path, sizeof(path), "%s/booleans", (char *)*state);
	assert_int_equal(parse_text("zeta 1\ngone 1\nallow_x 1\n", &s, &bad),
			 0);
	assert_int_equal(settings_set(&s, "secure_mode_policyload", 1), 1);
	assert_int_equal(settings_set(&s, "b\xc3\xa9", 0), 1);
	assert_int_equal(settings_set(&s, "zeta", 0), 1);
	assert_int_equal(settings_forget(&s, "gone"), 1);
	assert_int_equal(settings_save(path, &s), 0);

	/* Only the file is left, readable by all. */
	assert_int_equal(count_entries(*state), 1);
	assert_int_equal(stat(path, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0644);

	text = read_text(path);
	assert_non_null(text);
	assert_int_equal(text[0], '#');
	for (p = text; *p == '#'; p = strchr(p, '\n') + 1)
		;
	assert_string_equal(p, "allow_x 1\n"
			    "b\xc3\xa9 0\n"
			    "secure_mode_policyload 1\n"
			    "zeta 0\n");
	free(text);

	assert_int_equal(settings_load(path, &t, &bad), 0);
	assert_settings(&t, 4, names, values);
	assert_settings(&s, 4, names, values);
	settings_free(&t);
	settings_free(&s);

	/* the longest name, and no settings at all */
	name = long_name(FLASK_STRING_MAX);
	memset(&s, 0, sizeof(s));
	assert_int_equal(settings_set(&s, name, 1), 1);
	assert_int_equal(settings_save(path, &s), 0);
	settings_free(&s);
	assert_int_equal(settings_load(path, &t, &bad), 0);
	assert_settings(&t, 1, (const char *const[]){ name }, (const int[]){ 1 });
	settings_free(&t);
	free(name);

	assert_int_equal(settings_save(path, &s), 0);
	text = read_text(path);
	assert_non_null(text);
	for (p = text; *p; p = strchr(p, '\n') + 1)
		assert_int_equal(*p, '#');
	free(text);
	assert_int_equal(settings_load(path, &t, &bad), 0);
	assert_int_equal(t.n, 0);
	assert_int_equal(bad, -1);
	settings_free(&t);
	assert_int_equal(count_entries(*state), 1);
}

static void save_makes_folders(void **state)
{
	char path[PATH_MAX];
	struct settings s, t;
	struct stat st;
	int bad = -1;

	memset(&s, 0, sizeof(s));
	assert_int_equal(settings_set(&s, "a", 1), 1);
	snprintf(path, sizeof(path), "%s/var/lib/flask-utils/booleans",
		 (char *)*state);
	assert_int_equal(settings_save(path, &s), 0);
	snprintf(path, sizeof(path), "%s/var/lib/flask-utils", (char *)*state);
	assert_int_equal(stat(path, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(count_entries(path), 1);
	snprintf(path, sizeof(path), "%s/var/lib/flask-utils/booleans",
		 (char *)*state);
	assert_int_equal(settings_load(path, &t, &bad), 0);
	assert_settings(&t, 1, (const char *const[]){ "a" },
			(const int[]){ 1 });
	settings_free(&t);
	settings_free(&s);
}

/* A new file in the old one's place: a hard link to the old keeps it. */
static void save_replaces(void **state)
{
	char path[PATH_MAX], old[PATH_MAX], *before, *text;
	struct stat st1, st2;
	struct settings s;

	snprintf(path, sizeof(path), "%s/booleans", (char *)*state);
	snprintf(old, sizeof(old), "%s/old-link", (char *)*state);
	memset(&s, 0, sizeof(s));
	assert_int_equal(settings_set(&s, "a", 1), 1);
	assert_int_equal(settings_save(path, &s), 0);
	before = read_text(path);
	assert_non_null(before);
	assert_int_equal(stat(path, &st1), 0);
	assert_int_equal(link(path, old), 0);

	assert_int_equal(settings_set(&s, "a", 0), 1);
	assert_int_equal(settings_save(path, &s), 0);
	assert_int_equal(stat(path, &st2), 0);
	assert_true(st1.st_ino != st2.st_ino);
	text = read_text(old);
	assert_string_equal(text, before);
	free(text);
	text = read_text(path);
	assert_non_null(strstr(text, "\na 0\n"));
	assert_null(strstr(text, "a 1"));
	free(text);
	free(before);
	settings_free(&s);
	assert_int_equal(count_entries(*state), 2);
}

static void save_unwritable(void **state)
{
	char path[PATH_MAX], file[PATH_MAX], *text;
	struct settings s;
	struct stat st;

	memset(&s, 0, sizeof(s));
	assert_int_equal(settings_set(&s, "a", 1), 1);
	snprintf(file, sizeof(file), "%s/file", (char *)*state);
	write_bytes(file, "a 0\n", 4);

	/* Below a regular file: no folder can be made. */
	snprintf(path, sizeof(path), "%s/file/sub/booleans", (char *)*state);
	assert_int_equal(settings_save(path, &s), -ENOTDIR);
	snprintf(path, sizeof(path), "%s/file/booleans", (char *)*state);
	assert_int_equal(settings_save(path, &s), -ENOTDIR);
	text = read_text(file);
	assert_string_equal(text, "a 0\n");
	free(text);

	/* A folder where the file should be: no temporary file left. */
	snprintf(path, sizeof(path), "%s/booleans", (char *)*state);
	assert_int_equal(mkdir(path, 0755), 0);
	assert_true(settings_save(path, &s) < 0);
	assert_int_equal(stat(path, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(count_entries(path), 0);
	assert_int_equal(count_entries(*state), 2);
	settings_free(&s);
}

/* Writes one setting, name = value, with settings_save(). */
static void save_one(const char *path, const char *name, int value)
{
	struct settings s;

	memset(&s, 0, sizeof(s));
	assert_int_equal(settings_set(&s, name, value), 1);
	assert_int_equal(settings_save(path, &s), 0);
	settings_free(&s);
}

/* Whether path holds the line "name value". */
static int holds(const char *path, const char *line)
{
	char *text = read_text(path), want[64];
	int found;

	assert_non_null(text);
	snprintf(want, sizeof(want), "\n%s\n", line);
	found = strstr(text, want) != NULL;
	free(text);
	return found;
}

/*
 * A settings file that is a symbolic link (relative, absolute, a chain):
 * the file it points to is replaced, the link stays a link, nothing is
 * left beside either.
 */
static void save_follows_link(void **state)
{
	char path[PATH_MAX], real[PATH_MAX], abs_link[PATH_MAX],
	     target[PATH_MAX];
	struct stat st;
	ssize_t n;

	snprintf(path, sizeof(path), "%s/booleans", (char *)*state);
	snprintf(real, sizeof(real), "%s/sub/real", (char *)*state);
	save_one(real, "a", 1);
	assert_int_equal(symlink("sub/real", path), 0);
	save_one(path, "a", 0);
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	n = readlink(path, target, sizeof(target) - 1);
	assert_int_equal(n, 8);
	target[n] = '\0';
	assert_string_equal(target, "sub/real");
	assert_true(holds(real, "a 0"));
	assert_int_equal(count_entries(*state), 2);
	snprintf(target, sizeof(target), "%s/sub", (char *)*state);
	assert_int_equal(count_entries(target), 1);

	/* an absolute link to that link */
	snprintf(abs_link, sizeof(abs_link), "%s/abs", (char *)*state);
	assert_int_equal(symlink(path, abs_link), 0);
	save_one(abs_link, "b", 1);
	assert_int_equal(lstat(abs_link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_true(holds(real, "b 1"));
	assert_false(holds(real, "a 0"));
	assert_int_equal(count_entries(target), 1);
}

/* A link to a file not made yet: the file is made there, the link stays. */
static void save_dangling_link(void **state)
{
	char path[PATH_MAX], real[PATH_MAX];
	struct stat st;

	snprintf(path, sizeof(path), "%s/booleans", (char *)*state);
	snprintf(real, sizeof(real), "%s/etc/flask/booleans", (char *)*state);
	assert_int_equal(symlink("etc/flask/booleans", path), 0);
	save_one(path, "a", 1);
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_int_equal(stat(real, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0644);
	assert_true(holds(path, "a 1"));
	/* settings_remove() takes the file away, not the link */
	assert_int_equal(settings_remove(path), 0);
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_int_equal(stat(real, &st), -1);
	assert_int_equal(settings_remove(path), -ENOENT);
}

/* The file keeps its mode, and (as root) its owner and group. */
static void save_keeps_mode_owner(void **state)
{
	char path[PATH_MAX], link_path[PATH_MAX];
	struct stat st;

	snprintf(path, sizeof(path), "%s/booleans", (char *)*state);
	snprintf(link_path, sizeof(link_path), "%s/link", (char *)*state);
	save_one(path, "a", 1);
	assert_int_equal(chmod(path, 0600), 0);
	if (geteuid() == 0)
		assert_int_equal(chown(path, 1, 2), 0);
	save_one(path, "a", 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	if (geteuid() == 0) {
		assert_int_equal(st.st_uid, 1);
		assert_int_equal(st.st_gid, 2);
	}
	/* through a link too, the link's own mode aside */
	assert_int_equal(chmod(path, 0640), 0);
	assert_int_equal(symlink("booleans", link_path), 0);
	save_one(link_path, "b", 1);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
	if (geteuid() == 0) {
		assert_int_equal(st.st_uid, 1);
		assert_int_equal(st.st_gid, 2);
	}
	assert_true(holds(path, "b 1"));
	assert_int_equal(count_entries(*state), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_accepts),
		cmocka_unit_test(parse_empty),
		cmocka_unit_test(parse_refuses),
		cmocka_unit_test(parse_refuses_crlf),
		cmocka_unit_test(parse_refuses_nul),
		cmocka_unit_test(parse_name_length),
		cmocka_unit_test(set_and_forget),
		cmocka_unit_test(set_refuses_names),
		cmocka_unit_test(set_after_parse),
		cmocka_unit_test(set_keeps_sorted),
		cmocka_unit_test_setup_teardown(load_missing, make_tmp,
						remove_tmp),
		cmocka_unit_test_setup_teardown(load_errors, make_tmp,
						remove_tmp),
		cmocka_unit_test_setup_teardown(load_size, make_tmp,
						remove_tmp),
		cmocka_unit_test_setup_teardown(load_corrupt, make_tmp,
						remove_tmp),
		cmocka_unit_test_setup_teardown(save_load_round_trip, make_tmp,
						remove_tmp),
		cmocka_unit_test_setup_teardown(save_makes_folders, make_tmp,
						remove_tmp),
		cmocka_unit_test_setup_teardown(save_replaces, make_tmp,
						remove_tmp),
		cmocka_unit_test_setup_teardown(save_unwritable, make_tmp,
						remove_tmp),
		cmocka_unit_test_setup_teardown(save_follows_link, make_tmp,
						remove_tmp),
		cmocka_unit_test_setup_teardown(save_dangling_link, make_tmp,
						remove_tmp),
		cmocka_unit_test_setup_teardown(save_keeps_mode_owner,
						make_tmp, remove_tmp),
	};

	return cmocka_run_group_tests_name("settings", tests, NULL, NULL);
}
