/* SPDX-License-Identifier: GPL-2.0-or-later */
/* store.h - the label store: the I/O labels our tools applied, in a text file. */
#ifndef FLASK_UTILS_STORE_H
#define FLASK_UTILS_STORE_H

#include <stddef.h>

#include "label.h"

/* Where flask-label-pci records what it labelled (--store overrides). */
#define STORE_DEFAULT "/var/lib/flask-utils/pci-labels"
/* A store larger than this is not one we wrote (thousands of devices). */
#define STORE_SIZE_MAX (1UL << 20)

struct store {
	struct label *labels;	/* contexts point into text */
	size_t n;
	char *text;
};

/*
 * Reads the store at path into s: one label_format() line per label, '#'
 * comments and blank lines allowed; each device's labels are one group
 * that starts with its device label, preceded by "DEV options WORD..."
 * when the device was labelled with all-resources, no-irq or
 * irq-context=CONTEXT (they go into the device label's flags and
 * irq_context).  A missing file is an empty store.
 * Returns 0; -EINVAL when a line is not a label or the groups are not
 * whole (*bad_line is its number); -errno when the file cannot be read.
 */
int store_load(const char *path, struct store *s, int *bad_line);

/*
 * Parses the text of a store as store_load() does, taking text (malloc'ed,
 * text[len] == '\0') over: it is freed by store_free(), or at once on
 * failure.
 */
int store_parse(char *text, size_t len, struct store *s, int *bad_line);

/*
 * Replaces the store at path with labels 0..n-1, atomically: a temporary
 * file in the same folder (created if missing), fsync, rename, fsync of the
 * folder.  Returns 0 or -errno (the old file is then untouched).
 */
int store_save(const char *path, const struct label *l, size_t n);

/*
 * Returns the labels of device dev in s, its device label first, with
 * their number in *n; NULL (and *n = 0) when dev is not stored.
 */
struct label *store_find(const struct store *s, const char *dev, size_t *n);

/* Returns the number of labels of the device group that starts at s->labels[i]. */
size_t store_group(const struct store *s, size_t i);

/* Releases what store_load() allocated. */
void store_free(struct store *s);

#endif
