// SPDX-License-Identifier: GPL-2.0-or-later
/* settings.c - local boolean settings: what flask-set-bool -P recorded, kept apart from the policy. */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "file.h"
#include "flask.h"
#include "name.h"
#include "settings.h"

#define SETTINGS_HEADER \
	"# flask-utils: local boolean settings, written by flask-set-bool -P\n" \
	"# NAME VALUE; flask-loadpolicy sets them after a load\n"

/* The index at which name is, or would be inserted (s->v sorted). */
static size_t position(const struct settings *s, const char *name)
{
	size_t lo = 0, hi = s->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(s->v[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

struct setting *settings_find(const struct settings *s, const char *name)
{
	size_t i = position(s, name);

	return i < s->n && !strcmp(s->v[i].name, name) ? &s->v[i] : NULL;
}

/* Inserts name (taken over) at its place, not there yet.  Returns 0 or -ENOMEM. */
static int insert(struct settings *s, char *name, int value)
{
	size_t i = position(s, name);
	struct setting *bigger;

	bigger = realloc(s->v, (s->n + 1) * sizeof(*s->v));
	if (!bigger)
		return -ENOMEM;
	s->v = bigger;
	memmove(&s->v[i + 1], &s->v[i], (s->n - i) * sizeof(*s->v));
	s->v[i] = (struct setting){ name, value, 1, 0 };
	s->n++;
	return 0;
}

/* Parses "NAME VALUE" in place.  Returns 0 or -EINVAL. */
static int parse_line(char *line, char **name, int *value)
{
	size_t len = strcspn(line, " \t");

	if (len == 0 || len > FLASK_STRING_MAX || line[len] != ' ' ||
	    (line[len + 1] != '0' && line[len + 1] != '1') || line[len + 2])
		return -EINVAL;
	line[len] = '\0';
	/* a name the tools would not take (a control character, say) */
	if (name_check(line, NULL) < 0)
		return -EINVAL;
	*name = line;
	*value = line[len + 1] - '0';
	return 0;
}

static int by_name(const void *a, const void *b)
{
	const struct setting *x = a, *y = b;
	int d = strcmp(x->name, y->name);

	return d ? d : x->line - y->line;
}

int settings_parse(char *text, size_t len, struct settings *s, int *bad_line)
{
	struct setting *bigger;
	char *line, *next, *name;
	int lineno = 0, value, rc;
	size_t i;

	memset(s, 0, sizeof(*s));
	s->text = text;
	/* A NUL would end the text early, and the next write lose the rest. */
	line = memchr(text, '\0', len);
	if (line) {
		for (*bad_line = 1; line-- > text;)
			*bad_line += *line == '\n';
		settings_free(s);
		return -EINVAL;
	}
	for (line = text; *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		else
			next = line + strlen(line);
		lineno++;
		if (!line[strspn(line, " \t")] ||
		    line[strspn(line, " \t")] == '#')
			continue;
		rc = parse_line(line, &name, &value);
		if (rc < 0) {
			*bad_line = lineno;
			settings_free(s);
			return rc;
		}
		bigger = realloc(s->v, (s->n + 1) * sizeof(*s->v));
		if (!bigger) {
			settings_free(s);
			return -ENOMEM;
		}
		s->v = bigger;
		s->v[s->n++] = (struct setting){ name, value, 0, lineno };
	}
	/* sorted once (a file in any order), then a name twice is corrupt */
	if (s->n > 1)
		qsort(s->v, s->n, sizeof(*s->v), by_name);
	for (i = 1; i < s->n; i++)
		if (!strcmp(s->v[i - 1].name, s->v[i].name)) {
			*bad_line = s->v[i - 1].line > s->v[i].line ?
				    s->v[i - 1].line : s->v[i].line;
			settings_free(s);
			return -EINVAL;
		}
	return 0;
}

int settings_load(const char *path, struct settings *s, int *bad_line)
{
	size_t len;
	char *text;

	memset(s, 0, sizeof(*s));
	text = file_read(path, SETTINGS_SIZE_MAX, &len, NULL);
	if (!text)
		return errno == ENOENT ? 0 : -(errno ? errno : ENOMEM);
	return settings_parse(text, len, s, bad_line);
}

/*
 * gcc 12's -fanalyzer loses the copy once insert() stores it into the
 * array realloc grew, and reports it as leaked: it is freed by
 * settings_forget() or settings_free() (added is set), as ASan's leak
 * check in the unit tests confirms.
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wanalyzer-malloc-leak"
int settings_set(struct settings *s, const char *name, int value)
{
	struct setting *o = settings_find(s, name);
	char *copy;

	if (name_check(name, NULL) < 0)
		return -EINVAL;
	if (o) {
		if (o->value == value)
			return 0;
		o->value = value;
		return 1;
	}
	copy = strdup(name);
	if (!copy)
		return -ENOMEM;
	if (insert(s, copy, value) < 0) {
		free(copy);
		return -ENOMEM;
	}
	return 1;
}
#pragma GCC diagnostic pop

int settings_forget(struct settings *s, const char *name)
{
	struct setting *o = settings_find(s, name);
	size_t i;

	if (!o)
		return 0;
	i = o - s->v;
	if (o->added)
		free(o->name);
	memmove(&s->v[i], &s->v[i + 1], (s->n - i - 1) * sizeof(*s->v));
	s->n--;
	return 1;
}

int settings_save(const char *path, const struct settings *s)
{
	size_t len = strlen(SETTINGS_HEADER), cap = len + 1, i, w;
	char real[4096], tmp[4200], *text;
	int rc;

	/* A link stays a link, the file keeps its mode, owner and group. */
	rc = file_resolve(path, real, sizeof(real));
	if (rc < 0 && rc != -ENOENT)
		return rc;

	for (i = 0; i < s->n; i++)
		cap += strlen(s->v[i].name) + 3;
	text = malloc(cap);
	if (!text)
		return -ENOMEM;
	memcpy(text, SETTINGS_HEADER, len);
	for (i = 0; i < s->n; i++) {
		w = strlen(s->v[i].name);
		memcpy(text + len, s->v[i].name, w);
		len += w;
		text[len++] = ' ';
		text[len++] = '0' + s->v[i].value;
		text[len++] = '\n';
	}
	rc = file_write_over(real, text, len, 0644, tmp, sizeof(tmp));
	free(text);
	if (rc == 0) {
		rc = file_replace(tmp, real, NULL);
		if (rc < 0)
			unlink(tmp);
	}
	return rc;
}

int settings_remove(const char *path)
{
	char real[4096];
	int rc = file_resolve(path, real, sizeof(real));

	if (rc < 0)
		return rc;
	return unlink(real) < 0 ? -errno : 0;
}

void settings_free(struct settings *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->v[i].added)
			free(s->v[i].name);
	free(s->v);
	free(s->text);
	memset(s, 0, sizeof(*s));
}
