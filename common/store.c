// SPDX-License-Identifier: GPL-2.0-or-later
/* store.c - the label store: the I/O labels our tools applied, in a text file. */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "file.h"
#include "store.h"

#define STORE_HEADER \
	"# flask-utils I/O label store, written by flask-label-pci: do not edit.\n" \
	"# DEVICE KIND VALUE CONTEXT (value: device number, port range,\n" \
	"# page-frame range or pirq)\n"

int store_load(const char *path, struct store *s, int *bad_line)
{
	char *line, *next;
	struct label *bigger;
	int lineno = 0;
	size_t len;

	memset(s, 0, sizeof(*s));
	s->text = file_read(path, &len, NULL);
	if (!s->text)
		return errno == ENOENT ? 0 : -(errno ? errno : ENOMEM);
	for (line = s->text; *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		else
			next = line + strlen(line);
		lineno++;
		line += strspn(line, " \t");
		if (!*line || *line == '#')
			continue;
		bigger = realloc(s->labels, (s->n + 1) * sizeof(*s->labels));
		if (!bigger) {
			store_free(s);
			return -ENOMEM;
		}
		s->labels = bigger;
		if (label_parse(line, &s->labels[s->n]) < 0) {
			*bad_line = lineno;
			store_free(s);
			return -EINVAL;
		}
		s->n++;
	}
	return 0;
}

int store_save(const char *path, const struct label *l, size_t n)
{
	char tmp[4200], line[8192], *text, *bigger;
	size_t len = strlen(STORE_HEADER), cap = len + 1, i;
	int rc;

	text = malloc(cap);
	if (!text)
		return -ENOMEM;
	memcpy(text, STORE_HEADER, len);
	for (i = 0; i < n; i++) {
		int w = label_format(line, sizeof(line) - 1, &l[i]);

		if (w < 0 || (size_t)w >= sizeof(line) - 1) {
			free(text);
			return -ENAMETOOLONG;
		}
		line[w++] = '\n';
		if (len + w > cap) {
			bigger = realloc(text, cap = 2 * (len + w));
			if (!bigger) {
				free(text);
				return -ENOMEM;
			}
			text = bigger;
		}
		memcpy(text + len, line, w);
		len += w;
	}
	rc = file_write_temp(path, text, len, 0644, tmp, sizeof(tmp));
	free(text);
	if (rc == 0) {
		rc = file_replace(tmp, path, NULL);
		if (rc < 0)
			unlink(tmp);
	}
	return rc;
}

void store_free(struct store *s)
{
	free(s->labels);
	free(s->text);
	memset(s, 0, sizeof(*s));
}
