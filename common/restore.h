/* SPDX-License-Identifier: GPL-2.0-or-later */
/* restore.h - put the stored device labels back, each recomputed from what the device owns now. */
#ifndef FLASK_UTILS_RESTORE_H
#define FLASK_UTILS_RESTORE_H

#include <stddef.h>

#include "flask.h"
#include "label.h"
#include "store.h"

/* What became of one stored device. */
enum restore_state {
	RESTORE_LIVE,		/* labelled already, as stored: untouched */
	RESTORE_APPLIED,	/* labelled again, as stored */
	RESTORE_CHANGED,	/* labelled again as it is now, unlike the store */
	RESTORE_ABSENT,		/* not present: skipped, kept in the store */
};

struct restore_device {
	enum restore_state state;
	struct label *old;	/* its labels in the store */
	size_t nold;
	struct label *labels;	/* what it owns now (not for ABSENT) */
	size_t n;
};

struct restore {
	struct restore_device *devs;	/* one per stored device, in order */
	size_t ndevs;
	const struct label *bad;	/* on failure: the label that failed */
	int undo_err;		/* on failure: the first undo that failed */
	int store_err;		/* on failure: the store could not be written */
	char path[4096];	/* on a malformed sysfs file: which */
};

/*
 * Puts back every device of the store s (read from store_path): reads what
 * each owns now below sysfs, computes its labels as it was labelled (the
 * context, flags and irq_context of its device label) and applies them
 * where the hypervisor lacks them, removing first the stored labels of a
 * device that is labelled but no longer as it is now.  A device that is
 * not present is skipped.  All or nothing: on any failure every change is
 * undone.  When a device's labels differ from the store, the store is
 * written anew with them (absent devices kept as they were).
 * Returns 0, or -errno with r->bad, r->undo_err, r->store_err or r->path
 * telling where (-EEXIST: a device is labelled with another context).
 * Release r with restore_free() either way.
 */
int restore_all(struct flask *f, const char *sysfs, struct store *s,
		const char *store_path, struct restore *r);

/* Counts the devices of r in state st. */
size_t restore_count(const struct restore *r, enum restore_state st);

/*
 * Says what restore_all() did, as every tool says it: a line on stderr for
 * each stored device that is not present, a warning for each labelled
 * otherwise than stored, one audit line with the number restored.
 * Returns EXIT_ABSENT when a device was not present, else EXIT_OK.
 */
int restore_report(const struct restore *r);

/* Releases what restore_all() allocated. */
void restore_free(struct restore *r);

#endif
