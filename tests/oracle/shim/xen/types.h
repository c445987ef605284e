/* SPDX-License-Identifier: GPL-2.0-or-later */
/* xen/types.h (oracle shim) - Xen's integer types on the C library's. */
#ifndef ORACLE_SHIM_XEN_TYPES_H
#define ORACLE_SHIM_XEN_TYPES_H

#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

typedef uint16_t __u16;
typedef uint32_t __u32;
typedef uint64_t __u64;
/* Xen's __le* are plain integers (sparse annotations aside). */
typedef uint16_t __le16;
typedef uint32_t __le32;
typedef uint64_t __le64;

#endif
