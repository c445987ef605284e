/* SPDX-License-Identifier: GPL-2.0-or-later */
/* xen/bitmap.h (oracle shim) - the bit searches ebitmap.h uses, with x86 Xen's results. */
#ifndef ORACLE_SHIM_XEN_BITMAP_H
#define ORACLE_SHIM_XEN_BITMAP_H

#include <limits.h>

#include <xen/types.h>

#define BITS_PER_LONG (CHAR_BIT * (int)sizeof(long))
#define BITS_TO_LONGS(bits) (((bits) + BITS_PER_LONG - 1) / BITS_PER_LONG)

/*
 * Returns the number of the first set bit of addr[] at or after offset, or
 * size when there is none, as x86 Xen's find_next_bit() does when size is
 * a multiple of BITS_PER_LONG (the ebitmaps' 128).
 */
static inline unsigned int find_next_bit(const unsigned long *addr,
					 unsigned int size,
					 unsigned int offset)
{
	unsigned int i, bit;
	unsigned long w;

	if (offset >= size)
		return size;
	i = offset / BITS_PER_LONG;
	w = addr[i] & (~0UL << (offset % BITS_PER_LONG));
	for (;;) {
		if (w) {
			bit = i * BITS_PER_LONG + (unsigned int)__builtin_ctzl(w);
			return bit < size ? bit : size;
		}
		if (++i >= BITS_TO_LONGS(size))
			return size;
		w = addr[i];
	}
}

/* Returns the number of the first set bit of addr[], or size. */
static inline unsigned int find_first_bit(const unsigned long *addr,
					  unsigned int size)
{
	return find_next_bit(addr, size, 0);
}

#endif
