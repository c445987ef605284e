/* SPDX-License-Identifier: GPL-2.0-or-later */
/* label.h - I/O labels (device, ioport, iomem, pirq): text form, apply and remove all or nothing. */
#ifndef FLASK_UTILS_LABEL_H
#define FLASK_UTILS_LABEL_H

#include <stddef.h>
#include <stdint.h>

#include "flask.h"
#include "pci.h"

/* One label: a resource of a PCI device and its security context. */
struct label {
	enum flask_ocon kind;
	char dev[PCI_NAME_LEN];	/* the device it belongs to */
	uint64_t low, high;	/* device number, port range, page range, pirq */
	const char *context;	/* not owned */
	uint32_t sid;		/* set by label_resolve() */
};

/* Returns "device", "ioport", "iomem" or "pirq". */
const char *label_kind_name(enum flask_ocon kind);

/*
 * Formats a label as one line, without newline:
 * "DEV KIND VALUE CONTEXT", VALUE being 0x18 (device number),
 * 0xc000-0xc03f (ports), 0xfebc0-0xfebdf (page frames) or 11 (pirq).
 * Returns what snprintf returns.
 */
int label_format(char *buf, size_t size, const struct label *l);

/*
 * Parses a line of label_format() in place (the context points into line).
 * Returns 0 or -EINVAL.
 */
int label_parse(char *line, struct label *l);

/*
 * Finds the SID of every label's context (one CONTEXT_TO_SID per distinct
 * context).  Returns 0, or -errno with *bad pointing at the failing label.
 */
int label_resolve(struct flask *f, struct label *l, size_t n,
		  const struct label **bad);

/*
 * A transaction: the labels added and removed so far, so that a failure
 * part way can put the hypervisor back as it was.  Start with {0}.
 */
struct label_step {
	const struct label *label;
	int added;		/* 1: added, 0: removed */
};

struct label_txn {
	struct label_step *steps;
	size_t n;
};

/* Adds label l and records it. Returns 0 or -errno (nothing recorded). */
int label_txn_add(struct flask *f, struct label_txn *t,
		  const struct label *l);

/*
 * Removes label l and records it.  A label the hypervisor does not have
 * (-ENOENT: dropped by a policy load) counts as removed and is not
 * recorded.  Returns 0 or -errno.
 */
int label_txn_del(struct flask *f, struct label_txn *t,
		  const struct label *l);

/*
 * Undoes every recorded step, newest first.  Returns 0, or the first
 * -errno of an undo that failed (the others are still tried).
 */
int label_txn_rollback(struct flask *f, struct label_txn *t);

/* Forgets the recorded steps (after a commit or a rollback). */
void label_txn_free(struct label_txn *t);

/*
 * Tells whether the hypervisor has device label d (its kind must be
 * FLASK_OCON_DEVICE, its sid resolved) without changing anything: returns
 * 1 when labelled with d's context, 0 when not labelled, -EEXIST when
 * labelled with another context, or -errno.
 */
int label_device_state(struct flask *f, const struct label *d);

/*
 * Applies again every label of l[0..n-1] whose device the hypervisor no
 * longer has labelled, all or nothing; l is grouped by device, the device
 * label first, as the store keeps it, and resolved.  Returns how many
 * devices were restored (of *devices in l), or -errno with *bad pointing at
 * the failing label, and *rollback_err the first failure to undo (0 when
 * the hypervisor was put back as it was).
 */
int label_restore(struct flask *f, const struct label *l, size_t n,
		  size_t *devices, const struct label **bad,
		  int *rollback_err);

#endif
