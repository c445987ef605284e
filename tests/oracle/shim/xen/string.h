/* SPDX-License-Identifier: GPL-2.0-or-later */
/* xen/string.h (oracle shim) - the C library's string functions, and strlcpy() as Xen's. */
#ifndef ORACLE_SHIM_XEN_STRING_H
#define ORACLE_SHIM_XEN_STRING_H

#include <string.h>

/*
 * Copies src into dest[size], cut and terminated (Xen's xen/lib/strlcpy.c
 * semantics; glibc before 2.38 has none).  Returns strlen(src).
 */
static inline size_t xenshim_strlcpy(char *dest, const char *src, size_t size)
{
	size_t ret = strlen(src);

	if (size) {
		size_t len = ret >= size ? size - 1 : ret;

		memcpy(dest, src, len);
		dest[len] = '\0';
	}
	return ret;
}
#define strlcpy xenshim_strlcpy

#endif
