// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz-settings.c - settings_parse(), on the text of a local settings
 * file: it accepts exactly the files made of "NAME VALUE" lines (NAME
 * without blanks and control characters), comments and blank lines, each
 * name once, and refuses the others at their first wrong line; what it accepts is sorted, and saved with settings_save()
 * then loaded again it gives the same names and values in the same order.
 */

#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "flask.h"
#include "fuzz.h"
#include "settings.h"

static char dir[48], path[64];

static void remove_settings(void)
{
	unlink(path);
	rmdir(dir);
}

/*
 * The settings file of this process, in a folder of its own made at the
 * first call (on tmpfs when there is one: settings_save() fsyncs) and
 * removed at exit.
 */
static const char *settings_path(void)
{
	if (!path[0]) {
		snprintf(dir, sizeof(dir), "%s/fuzz-settings.XXXXXX",
			 access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
		if (!mkdtemp(dir))
			return NULL;
		snprintf(path, sizeof(path), "%s/booleans", dir);
		atexit(remove_settings);
	}
	return path;
}

enum kind { SKIPPED, SETTING, WRONG };

/*
 * The grammar again, written apart from settings.c: what line[len] (no
 * '\n', no NUL) is, and the length of its name when it is a setting.
 */
static enum kind classify(const char *line, size_t len, size_t *name_len)
{
	size_t i = 0;

	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	if (i == len || line[i] == '#')
		return SKIPPED;
	if (i > 0)
		return WRONG;
	while (i < len && line[i] != ' ' && line[i] != '\t') {
		/* no control character in a name (blanks end it) */
		if ((unsigned char)line[i] < 0x20 || line[i] == 0x7f)
			return WRONG;
		i++;
	}
	*name_len = i;
	if (i > FLASK_STRING_MAX || len != i + 2 || line[i] != ' ' ||
	    (line[i + 1] != '0' && line[i + 1] != '1'))
		return WRONG;
	return SETTING;
}

/* The line of data[size] that begins at *at; *at moves past it. */
static const char *next_line(const uint8_t *data, size_t size, size_t *at,
			     size_t *len)
{
	const char *line = (const char *)data + *at;
	const char *end = memchr(line, '\n', size - *at);

	*len = end ? (size_t)(end - line) : size - *at;
	*at += *len + (end != NULL);
	return line;
}

/* Whether the setting line[name_len] is named in a line before line bad. */
static int named_before(const uint8_t *data, size_t size, int bad,
			const char *name, size_t name_len)
{
	const char *line;
	size_t at = 0, len, n;
	int no;

	for (no = 1; no < bad; no++) {
		line = next_line(data, size, &at, &len);
		if (classify(line, len, &n) == SETTING && n == name_len &&
		    !memcmp(line, name, n))
			return 1;
	}
	return 0;
}

/*
 * Checks the outcome of settings_parse() on data[size] against the
 * grammar: with a NUL, refused at the NUL's line; else accepted when every
 * line is a setting or skipped, with one setting per such line; refused
 * at line bad when the lines before it are, and line bad is wrong or names
 * a boolean already named.
 */
static void check_outcome(const uint8_t *data, size_t size, int rc, int bad,
			  const struct settings *s)
{
	const uint8_t *nul = memchr(data, '\0', size);
	const char *line;
	size_t at = 0, len, name_len, settings = 0, i;
	int no;

	if (nul) {
		for (no = 1, i = 0; data + i < nul; i++)
			no += data[i] == '\n';
		CHECK(rc == -EINVAL && bad == no);
		return;
	}
	for (no = 1; at < size; no++) {
		line = next_line(data, size, &at, &len);
		switch (classify(line, len, &name_len)) {
		case SKIPPED:
			break;
		case SETTING:
			if (rc == -EINVAL && no == bad) {
				CHECK(named_before(data, size, bad, line,
						   name_len));
				return;
			}
			settings++;
			break;
		case WRONG:
			CHECK(rc == -EINVAL && no == bad);
			return;
		}
	}
	CHECK(rc == 0 && s->n == settings);
}

static void round_trip(const struct settings *s)
{
	const char *path = settings_path();
	struct settings t;
	int bad = 0, rc;
	size_t i;

	if (!path)
		return;
	rc = settings_save(path, s);
	if (rc == -ENOMEM || rc == -ENOSPC)
		return;
	CHECK(rc == 0);
	rc = settings_load(path, &t, &bad);
	CHECK(rc == 0 && t.n == s->n);
	for (i = 0; i < s->n; i++) {
		CHECK(!strcmp(s->v[i].name, t.v[i].name));
		CHECK(s->v[i].value == t.v[i].value);
	}
	settings_free(&t);
}

/* Changing the first setting and dropping it, then putting it back. */
static void set_and_forget(struct settings *s)
{
	char *name;
	int value;
	size_t n = s->n;

	if (!n)
		return;
	name = strdup(s->v[0].name);
	if (!name)
		return;
	value = s->v[0].value;
	CHECK(settings_set(s, name, value) == 0);
	CHECK(settings_set(s, name, !value) == 1);
	CHECK(settings_find(s, name)->value == !value);
	CHECK(settings_forget(s, name) == 1);
	CHECK(s->n == n - 1 && !settings_find(s, name));
	CHECK(settings_forget(s, name) == 0);
	if (settings_set(s, name, value) == 1) {
		CHECK(s->n == n && &s->v[0] == settings_find(s, name));
		CHECK(s->v[0].value == value);
	}
	free(name);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_strndup(data, size);
	struct settings s;
	int bad = 0, rc;
	size_t i;

	if (!text)
		return 0;
	rc = settings_parse(text, size, &s, &bad);	/* text is s's now */
	CHECK(rc == 0 || rc == -EINVAL || rc == -ENOMEM);
	if (rc == -ENOMEM)
		return 0;
	check_outcome(data, size, rc, bad, &s);
	if (rc < 0) {
		CHECK(!s.v && !s.text && !s.n);
		return 0;
	}
	/* sorted, each name whole and found again */
	for (i = 0; i < s.n; i++) {
		CHECK(s.v[i].value == 0 || s.v[i].value == 1);
		CHECK(s.v[i].name[0] && s.v[i].name[0] != '#');
		CHECK(strlen(s.v[i].name) <= FLASK_STRING_MAX);
		CHECK(!strpbrk(s.v[i].name, " \t\n"));
		CHECK(i == 0 || strcmp(s.v[i - 1].name, s.v[i].name) < 0);
		CHECK(settings_find(&s, s.v[i].name) == &s.v[i]);
	}
	round_trip(&s);
	set_and_forget(&s);
	settings_free(&s);
	return 0;
}
