/* SPDX-License-Identifier: GPL-2.0-or-later */
/* xenstore.h - which guest holds a PCI device, as the toolstack recorded it. */
#ifndef FLASK_UTILS_XENSTORE_H
#define FLASK_UTILS_XENSTORE_H

#include <stddef.h>

#include "pci.h"

/*
 * xenstored's socket, as libxenstore finds it (XENSTORED_RUNDIR).  Only the
 * socket is asked: /dev/xen/xenbus would wait, with no end, for a
 * xenstored that is not running.  The environment variable
 * XENSTORED_PATH, which libxenstore also honours, names another socket.
 */
#define XENSTORE_SOCKET "/run/xenstored/socket"

/* Seconds an answer of xenstored is waited for, at most. */
#define XENSTORE_WAIT 10

struct xenstore;

/*
 * Connects to xenstored.  Returns 0 and sets *xp, or -errno (-ENOENT: no
 * xenstored runs in this domain, -EACCES: not root).
 */
int xenstore_open(struct xenstore **xp);

/* Closes the connection; NULL is allowed. */
void xenstore_close(struct xenstore *x);

/*
 * Reads the value at path into buf[size], NUL-terminated.  Returns its
 * length, or -errno: what xenstored answered (-ENOENT: no such path,
 * -EACCES), -ERANGE when it does not fit, -EPROTO for an answer that is
 * not one, -ETIMEDOUT when xenstored did not answer, -EIO when the
 * connection failed.
 */
int xenstore_read(struct xenstore *x, const char *path, char *buf,
		  size_t size);

/*
 * Lists the children of path into buf[size]: names separated by '\0',
 * the last one ending in '\0' too.  Returns the bytes used (0: none), or
 * -errno as xenstore_read().
 */
int xenstore_directory(struct xenstore *x, const char *path, char *buf,
		       size_t size);

/*
 * Which domain holds PCI device a: the first whose PCI backend in dom0
 * (/local/domain/0/backend/pci/DOMID/0, where xl and libxl record what
 * they give a guest and pciback reads it) lists it, and is not closing
 * it (state 5 or 6).  Returns 1 and sets *domid, and name[size] to the
 * domain's name ("" when it has none); 0 when no domain holds it; or
 * -errno as xenstore_read().
 */
int xenstore_pci_holder(struct xenstore *x, const struct pci_addr *a,
			unsigned int *domid, char *name, size_t size);

#endif
