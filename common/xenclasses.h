/* SPDX-License-Identifier: GPL-2.0-or-later */
/* xenclasses.h - the class and permission definitions each Xen version compiles in (xenclasses.c is generated). */
#ifndef FLASK_UTILS_XENCLASSES_H
#define FLASK_UTILS_XENCLASSES_H

#include <stddef.h>

/* A permission of Xen's av_perm_to_string table. */
struct xen_perm {
	unsigned int class;	/* the class's value */
	unsigned long bit;	/* 1 << (the permission's value - 1) */
	const char *name;
};

/*
 * What one Xen version's security server holds a policy to (its
 * validate_classes()): class value i is named classes[i] (0 is unused),
 * and every permission of perms[] has its name and bit in its class.
 */
struct xen_classes {
	const char *version;	/* "4.17" */
	const char *const *classes;
	size_t nclasses;
	const struct xen_perm *perms;
	size_t nperms;
};

/* Every version flask-utils knows, oldest first (build-aux/xen-classes). */
extern const struct xen_classes xen_classes_known[];
extern const size_t xen_classes_nknown;

/*
 * The definitions of the Xen version named by version ("4.17", "4.17.5",
 * "4.20.4+63-g0123abc": its major.minor counts).  Returns NULL when
 * flask-utils knows no such version.
 */
const struct xen_classes *xen_classes_find(const char *version);

#endif
