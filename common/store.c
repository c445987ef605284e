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
	"# page-frame range or pirq); DEVICE options WORD... before a device\n" \
	"# labelled with all-resources, no-irq or irq-context=CONTEXT\n"

/* Formats the options line of device label l, if it needs one, into buf. */
static int format_options(char *buf, size_t size, const struct label *l)
{
	if (l->kind != FLASK_OCON_DEVICE ||
	    (!l->flags && !l->irq_context))
		return 0;
	return snprintf(buf, size, "%s options%s%s%s%s\n", l->dev,
			l->flags & LABEL_ALL_RESOURCES ? " all-resources" : "",
			l->flags & LABEL_NO_IRQ ? " no-irq" : "",
			l->irq_context ? " irq-context=" : "",
			l->irq_context ? l->irq_context : "");
}

/* Parses the words of an options line, cutting it with strtok_r(). */
static int parse_words(char *line, struct label *l, char **save)
{
	char *dev, *w;
	struct pci_addr a;

	dev = strtok_r(line, " \t", save);
	w = strtok_r(NULL, " \t", save);
	if (pci_parse_addr(dev, &a))
		return -EINVAL;
	memset(l, 0, sizeof(*l));
	pci_name(&a, l->dev);
	while ((w = strtok_r(NULL, " \t", save))) {
		if (!strcmp(w, "all-resources") &&
		    !(l->flags & LABEL_ALL_RESOURCES))
			l->flags |= LABEL_ALL_RESOURCES;
		else if (!strcmp(w, "no-irq") && !(l->flags & LABEL_NO_IRQ))
			l->flags |= LABEL_NO_IRQ;
		else if (!strncmp(w, "irq-context=", 12) && w[12] &&
			 !l->irq_context)
			l->irq_context = w + 12;
		else
			return -EINVAL;
	}
	return 0;
}

/*
 * Parses "DEV options WORD..." in place into the device label-to-be *l
 * (kind left 0: the device label that must follow fills the rest).
 * Returns 0, 1 when the line is not an options line, or -EINVAL.
 */
static int parse_options(char *line, struct label *l)
{
	char *save = NULL, *w, *orig, *canon;
	size_t len = strlen(line);
	struct label dev;
	int rc;

	/* Look before cutting: a label line must stay whole. */
	w = line + strcspn(line, " \t");
	w += strspn(w, " \t");
	if (strncmp(w, "options", 7) || (w[7] && !strchr(" \t", w[7])))
		return 1;
	/* Only what format_options() writes (with its newline). */
	orig = strdup(line);
	canon = malloc(len + 2);
	rc = orig && canon ? 0 : -ENOMEM;
	if (rc == 0)
		rc = parse_words(line, l, &save);
	if (rc == 0)
		dev = *l;
	dev.kind = FLASK_OCON_DEVICE;
	if (rc == 0 && ((size_t)format_options(canon, len + 2, &dev) !=
			len + 1 || memcmp(canon, orig, len)))
		rc = -EINVAL;
	free(orig);
	free(canon);
	return rc;
}

/*
 * Tells whether label l may follow the labels before it (prev, n of them):
 * each device's labels form one group that starts with its device label,
 * and no device has two groups.  Returns 0 or -EINVAL.
 */
static int check_group(const struct label *prev, size_t n,
		       const struct label *l)
{
	size_t i;

	if (n && !strcmp(prev[n - 1].dev, l->dev))
		return l->kind == FLASK_OCON_DEVICE ? -EINVAL : 0;
	if (l->kind != FLASK_OCON_DEVICE)
		return -EINVAL;
	for (i = 0; i < n; i++)
		if (!strcmp(prev[i].dev, l->dev))
			return -EINVAL;
	return 0;
}

int store_load(const char *path, struct store *s, int *bad_line)
{
	size_t len;
	char *text;

	memset(s, 0, sizeof(*s));
	text = file_read(path, STORE_SIZE_MAX, &len, NULL);
	if (!text)
		return errno == ENOENT ? 0 : -(errno ? errno : ENOMEM);
	return store_parse(text, len, s, bad_line);
}

int store_parse(char *text, size_t len, struct store *s, int *bad_line)
{
	char *line, *next;
	struct label *bigger, opts;
	int lineno = 0, pending = 0, rc;

	memset(s, 0, sizeof(*s));
	s->text = text;
	/* A NUL would end the text early, and the next write lose the rest. */
	line = memchr(s->text, '\0', len);
	if (line) {
		for (*bad_line = 1; line-- > s->text;)
			*bad_line += *line == '\n';
		store_free(s);
		return -EINVAL;
	}
	for (line = s->text; *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		else
			next = line + strlen(line);
		lineno++;
		/* blank lines and comments, indented or not, are skipped */
		if (!line[strspn(line, " \t")] ||
		    line[strspn(line, " \t")] == '#')
			continue;
		bigger = realloc(s->labels, (s->n + 1) * sizeof(*s->labels));
		if (!bigger) {
			store_free(s);
			return -ENOMEM;
		}
		s->labels = bigger;
		rc = pending ? 1 : parse_options(line, &opts);
		if (rc == 0) {
			pending = 1;	/* the device label comes next */
			continue;
		}
		if (rc < 0 || label_parse(line, &s->labels[s->n]) < 0 ||
		    check_group(s->labels, s->n, &s->labels[s->n]) < 0 ||
		    (pending && (strcmp(opts.dev, s->labels[s->n].dev) ||
				 s->labels[s->n].kind != FLASK_OCON_DEVICE)))
			goto corrupt;
		if (pending) {
			s->labels[s->n].flags = opts.flags;
			s->labels[s->n].irq_context = opts.irq_context;
			pending = 0;
		}
		s->n++;
	}
	if (!pending)
		return 0;
corrupt:
	*bad_line = lineno;
	store_free(s);
	return -EINVAL;
}


int store_save(const char *path, const struct label *l, size_t n)
{
	char real[4096], tmp[4200], line[8192], *text, *bigger;
	size_t len = strlen(STORE_HEADER), cap = len + 1, i;
	int rc;

	/* A link stays a link, the file keeps its mode, owner and group. */
	rc = file_resolve(path, real, sizeof(real));
	if (rc < 0 && rc != -ENOENT)
		return rc;
	text = malloc(cap);
	if (!text)
		return -ENOMEM;
	memcpy(text, STORE_HEADER, len);
	for (i = 0; i < n; i++) {
		int o = format_options(line, sizeof(line), &l[i]), w = -1;

		if (o >= 0 && (size_t)o < sizeof(line))
			w = label_format(line + o, sizeof(line) - 1 - o, &l[i]);
		if (w >= 0)
			w += o;
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
	rc = file_write_over(real, text, len, 0644, tmp, sizeof(tmp));
	free(text);
	if (rc == 0) {
		rc = file_replace(tmp, real, NULL);
		if (rc < 0)
			unlink(tmp);
	}
	return rc;
}

size_t store_group(const struct store *s, size_t i)
{
	size_t j;

	for (j = i + 1; j < s->n && !strcmp(s->labels[j].dev, s->labels[i].dev);
	     j++)
		;
	return j - i;
}

struct label *store_find(const struct store *s, const char *dev, size_t *n)
{
	size_t i;

	for (i = 0; i < s->n; i += store_group(s, i))
		if (!strcmp(s->labels[i].dev, dev)) {
			*n = store_group(s, i);
			return &s->labels[i];
		}
	*n = 0;
	return NULL;
}

void store_free(struct store *s)
{
	free(s->labels);
	free(s->text);
	memset(s, 0, sizeof(*s));
}
