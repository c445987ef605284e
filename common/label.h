/* SPDX-License-Identifier: GPL-2.0-or-later */
/* label.h - I/O labels (device, ioport, iomem, pirq): text form, apply and remove all or nothing. */
#ifndef FLASK_UTILS_LABEL_H
#define FLASK_UTILS_LABEL_H

#include <stddef.h>
#include <stdint.h>

#include "flask.h"
#include "pci.h"

/* How a device is labelled beyond its context (flask-label-pci's options). */
enum {
	LABEL_ALL_RESOURCES = 1,	/* also resource lines 7 and later */
	LABEL_NO_IRQ = 2,		/* not the IRQ */
};

/* One label: a resource of a PCI device and its security context. */
struct label {
	enum flask_ocon kind;
	char dev[PCI_NAME_LEN];	/* the device it belongs to */
	uint64_t low, high;	/* device number, port range, page range, pirq */
	const char *context;	/* not owned */
	uint32_t sid;		/* set by label_resolve() */
	/* Device labels only: how the device was labelled, for --restore. */
	int flags;		/* LABEL_ALL_RESOURCES, LABEL_NO_IRQ */
	const char *irq_context;	/* not owned; NULL: the context */
};

/*
 * Resource lines of a device that passthrough uses: libxl grants a guest
 * lines 0 to 6 of the sysfs resource file on `xl pci-attach`
 * (PROC_PCI_NUM_RESOURCES): the six BARs and the expansion ROM.
 */
#define LABEL_PASSTHROUGH_LINES 7

/*
 * Appends to *labels (reallocated; *n counts them) what labelling device d
 * for passthrough covers.  This is the one place that decides it:
 * - the device itself (its label carries flags and irq_context);
 * - every resource line in use below LABEL_PASSTHROUGH_LINES, BARs and
 *   ROM, because libxl grants each of them and FLASK then asks whether the
 *   guest may use the range's label: one left unlabelled keeps iomem_t or
 *   ioport_t, which no guest may use, and the attach fails;
 * - lines 7 and later (SR-IOV VF BARs, bridge windows) only with
 *   LABEL_ALL_RESOURCES: libxl does not grant them for the device itself;
 * - the IRQ as a pirq, with irq_context (NULL: context), unless
 *   LABEL_NO_IRQ or the device has none.
 * I/O lines become ioport ranges, memory lines iomem ranges in page
 * frames.  Contexts are not copied.  Returns 0 or -ENOMEM.
 */
int label_device(const struct pci_device *d, int flags, const char *context,
		 const char *irq_context, struct label **labels, size_t *n);

/*
 * Returns nonzero when two label lists of one device hold the same
 * resources with the same contexts (flags and SIDs are not compared).
 */
int label_same(const struct label *a, size_t na, const struct label *b,
	       size_t nb);

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
 * Formats what a label covers, "KIND VALUE" as in label_format() (e.g.
 * "iomem 0xfeb80-0xfebbf").  Returns what snprintf returns.
 */
int label_format_resource(char *buf, size_t size, const struct label *l);

/*
 * Parses a line of label_format() in place (the context points into line):
 * exactly as label_format() writes it, nothing else (no short address, no
 * other spelling of a number, no extra blank).  Returns 0; -EINVAL;
 * -ENOMEM.
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
 * labelled with another context, or -errno: -EACCES when dom0 may not
 * remove labels, so that the probe could not undo itself (then nothing
 * was tried).
 */
int label_device_state(struct flask *f, const struct label *d);

/*
 * Removes label l (its kind and range), trying twice more when the
 * hypervisor fails it: for a label added only to find something out,
 * which must not stay.  Returns 0 or -errno.
 */
int label_remove(struct flask *f, const struct label *l);

/*
 * Resolves the labels l[0..n-1] of one device (its device label first) and
 * tells whether the hypervisor has the device labelled so now, as
 * label_device_state() does.  -EINVAL: a context is not valid in the
 * loaded policy.
 */
int label_device_live(struct flask *f, struct label *l, size_t n);

#endif
