/* SPDX-License-Identifier: GPL-2.0-or-later */
/* xen/errno.h (oracle shim) - Xen's errno values are Linux's, the C library's here. */
#ifndef ORACLE_SHIM_XEN_ERRNO_H
#define ORACLE_SHIM_XEN_ERRNO_H

#include <errno.h>

#endif
