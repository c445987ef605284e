/* SPDX-License-Identifier: GPL-2.0-or-later */
/* xen/bug.h (oracle shim) - BUG(), BUG_ON() and ASSERT() abort with where they were hit. */
#ifndef ORACLE_SHIM_XEN_BUG_H
#define ORACLE_SHIM_XEN_BUG_H

/* Prints "Xen BUG at FILE:LINE" (and what Xen printed before) and aborts. */
void xenshim_bug(const char *what, const char *file, int line)
	__attribute__((noreturn));

#define BUG() xenshim_bug("BUG", __FILE__, __LINE__)
#define BUG_ON(cond) \
	do { if (cond) xenshim_bug("BUG_ON(" #cond ")", __FILE__, __LINE__); } \
	while (0)
/*
 * Xen's ASSERT() is active in debug builds only; Debian builds a release
 * hypervisor.  The ss/ code uses none; should a later version, it aborts
 * here (what a debug build would do), so that it is seen.
 */
#define ASSERT(cond) \
	do { if (!(cond)) xenshim_bug("ASSERT(" #cond ")", __FILE__, __LINE__); } \
	while (0)

#endif
