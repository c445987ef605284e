/* SPDX-License-Identifier: GPL-2.0-or-later */
/* policydb.h - binary Xen policies read whole, before anything trusts them: the checks, the booleans, contexts and static labels. */
#ifndef FLASK_UTILS_POLICYDB_H
#define FLASK_UTILS_POLICYDB_H

#include <stddef.h>
#include <stdint.h>

#include "xenclasses.h"

/*
 * Reads a whole binary Xen policy image the way Xen's policydb_read()
 * (4.17 to 4.22: the same reader) does, with its arithmetic, refusing
 * what it refuses and what it takes on trust (it indexes arrays by symbol
 * counts and values, and BUG()s on unknown constraint operators), so that
 * the hypervisor never sees a file that could crash it or that it would
 * read otherwise than we do, and the tools can trust what they read of one:
 *   - every length and count is bounded by the bytes that are left, and the
 *     image ends exactly where the last table ends (Xen ignores what
 *     follows);
 *   - bitmaps as Xen reads them: the high bit rounded up to a multiple of
 *     128 in 32 bits (a value that wraps is refused), nodes increasing
 *     below it;
 *   - each symbol table (commons, classes, roles, types, users, booleans,
 *     sensitivities, categories) holds every value from 1 to the count it
 *     declares, once, with names unique; permissions are 1..32 per class;
 *   - every reference (type, role, user, class, boolean, sensitivity,
 *     category, permission bit) names something that exists, every bitmap
 *     is well formed, and role-type and user-role pairs of the contexts are
 *     allowed, as Xen checks them;
 *   - constraint and conditional expressions are well-formed stacks of
 *     known operators;
 *   - no two rules of the same source, target, class and kind; conditional
 *     type rules as Xen's cond_insertf() takes them; each initial SID
 *     once; permission names unique in a class; bounds (users, roles,
 *     types) as policydb_bounds_sanity_check() holds them; MLS contexts
 *     and range transitions valid as mls_context_isvalid() and
 *     mls_range_isvalid() say;
 *   - the classes and permissions of the Xen the policy is for, as its
 *     validate_classes() checks them: xen's (xen_classes_find()), or,
 *     when xen is NULL, those of any Xen version flask-utils knows;
 *   - only the targets and versions Xen reads: "XenFlask" at version 24 or
 *     30 (older "SE Linux"-string Xen policies are refused as unchecked).
 * It allocates a bounded number of bytes per symbol and rule of the image;
 * run time is O(n log n) in the size of the image.
 * Returns 0, -ENOMEM, or -EINVAL with the first problem in why[size], e.g.
 * "booleans: 16 declared, 2 present" or "built for another Xen than 4.20:
 * class xen2 lacks get_dom0_console".  Pure: no I/O.
 */
int policydb_check(const void *buf, size_t len, const struct xen_classes *xen,
		   char *why, size_t size);

/* A static label of a policy: a pirqcon, ioportcon, iomemcon or pcidevicecon. */
struct policydb_label {
	int kind;		/* enum flask_ocon: 1 pirq, 2 ioport, 3 iomem,
				   4 device */
	uint64_t low, high;	/* iomem: page frames; device: its SBDF */
	char *context;		/* "user:role:type" */
};

/*
 * Checks the image as policydb_check() does, and gives its static labels
 * in the policy's order (*labels, *n; free them with
 * policydb_labels_free()).  An MLS policy's labels are left out (their
 * ranges are not spelled out here): *n is then 0.  Returns 0, -EINVAL
 * with why[size] as policydb_check() gives it, or -ENOMEM.
 */
int policydb_labels(const void *buf, size_t len,
		    const struct xen_classes *xen,
		    struct policydb_label **labels, size_t *n, char *why,
		    size_t size);

/* Releases what policydb_labels() gave; NULL is allowed. */
void policydb_labels_free(struct policydb_label *labels, size_t n);

/*
 * A policy read whole (a copy of its image, and where its booleans and
 * conditionals are), to read its booleans, change their defaults in
 * place and check contexts: what the tools need of a policy file, with
 * no other library.
 */
struct policydb;

/*
 * Checks the image as policydb_check() does and keeps a copy to work on.
 * Returns 0 and *db; -EINVAL with why[size]; -ENOMEM.
 */
int policydb_open(const void *buf, size_t len, const struct xen_classes *xen,
		  struct policydb **db, char *why, size_t size);

/* Releases db; NULL is allowed. */
void policydb_close(struct policydb *db);

/*
 * Calls fn(name, default, arg) for every boolean, in the order of their
 * values, until fn returns nonzero; name is the whole name, as the policy
 * has it (any bytes but NUL: print it escaped).  Returns 0, -ENOMEM, or
 * fn's value.
 */
int policydb_bools(const struct policydb *db,
		   int (*fn)(const char *name, int value, void *arg),
		   void *arg);

/*
 * Sets the default of boolean name in the image, and, as libsepol does,
 * each conditional's state and whether its rules are on (Xen takes both
 * from the file at a first load).  Nothing else of the image changes.
 * Returns 0 or -ENOENT (no such boolean).
 */
int policydb_set_bool(struct policydb *db, const char *name, int value);

/* The image, with the changes made (owned by db). */
const void *policydb_image(const struct policydb *db, size_t *len);

/*
 * Checks context "user:role:type[:range]" as Xen checks a context: each
 * name exists (a type alias too), the role may have the type and the user
 * the role (object_r goes with any type); in an MLS policy the range must
 * be there and name sensitivities and categories that exist (their order
 * is not checked), in another it must not.  Returns 0 or -EINVAL.
 */
int policydb_check_context(const struct policydb *db, const char *context);

#endif
