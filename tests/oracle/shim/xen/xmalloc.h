/* SPDX-License-Identifier: GPL-2.0-or-later */
/* xen/xmalloc.h (oracle shim) - Xen's allocator on malloc/calloc/free, so that ASan sees every block. */
#ifndef ORACLE_SHIM_XEN_XMALLOC_H
#define ORACLE_SHIM_XEN_XMALLOC_H

#include <limits.h>
#include <stdlib.h>

#include <xen/types.h>

/* Each returns a block of size bytes (zeroed: _xzalloc), or NULL. */
void *_xmalloc(unsigned long size, unsigned long align);
void *_xzalloc(unsigned long size, unsigned long align);
/* Releases a block; NULL is allowed. */
void xfree(void *p);

/* The macros and the overflow check are Xen's (xen/include/xen/xmalloc.h). */
#define xmalloc(_type) ((_type *)_xmalloc(sizeof(_type), __alignof__(_type)))
#define xzalloc(_type) ((_type *)_xzalloc(sizeof(_type), __alignof__(_type)))
#define xmalloc_array(_type, _num) \
	((_type *)_xmalloc_array(sizeof(_type), __alignof__(_type), _num))
#define xzalloc_array(_type, _num) \
	((_type *)_xzalloc_array(sizeof(_type), __alignof__(_type), _num))
#define xmalloc_bytes(_bytes) _xmalloc(_bytes, 64)
#define xzalloc_bytes(_bytes) _xzalloc(_bytes, 64)
#define XFREE(p) do { void *_ptr_ = (p); (p) = NULL; xfree(_ptr_); } while (0)

/* Returns _xmalloc(size * num), or NULL when that overflows an unsigned int. */
static inline void *_xmalloc_array(unsigned long size, unsigned long align,
				   unsigned long num)
{
	if (size && num > UINT_MAX / size)
		return NULL;
	return _xmalloc(size * num, align);
}

/* Returns _xzalloc(size * num), or NULL when that overflows an unsigned int. */
static inline void *_xzalloc_array(unsigned long size, unsigned long align,
				   unsigned long num)
{
	if (size && num > UINT_MAX / size)
		return NULL;
	return _xzalloc(size * num, align);
}

#endif
