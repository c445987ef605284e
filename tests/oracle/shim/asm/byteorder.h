/* SPDX-License-Identifier: GPL-2.0-or-later */
/* asm/byteorder.h (oracle shim) - what Xen 4.17 and 4.20 include for xen/byteorder.h. */
#include <xen/byteorder.h>
