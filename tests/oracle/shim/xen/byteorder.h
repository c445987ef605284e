/* SPDX-License-Identifier: GPL-2.0-or-later */
/* xen/byteorder.h (oracle shim) - little-endian conversions, as on x86 and Arm. */
#ifndef ORACLE_SHIM_XEN_BYTEORDER_H
#define ORACLE_SHIM_XEN_BYTEORDER_H

#include <endian.h>

#include <xen/types.h>

#define cpu_to_le16(x) ((__le16)htole16(x))
#define cpu_to_le32(x) ((__le32)htole32(x))
#define cpu_to_le64(x) ((__le64)htole64(x))
#define le16_to_cpu(x) ((u16)le16toh(x))
#define le32_to_cpu(x) ((u32)le32toh(x))
#define le64_to_cpu(x) ((u64)le64toh(x))
#define cpu_to_be32(x) ((u32)htobe32(x))
#define be32_to_cpu(x) ((u32)be32toh(x))

#endif
