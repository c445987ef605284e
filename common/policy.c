// SPDX-License-Identifier: GPL-2.0-or-later
/* policy.c - binary FLASK policy files: the header check. */

#include <stddef.h>
#include <errno.h>
#include <string.h>

#include "policy.h"

#define SELINUX_MAGIC 0xf97cff8cU
#define MODULE_MAGIC 0xf97cff8dU
#define CONFIG_MLS 1

/* Reads a little-endian 32-bit word. */
static uint32_t le32(const unsigned char *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

int policy_header(const void *buf, size_t len, struct policy_info *info,
		  const char **why)
{
	const unsigned char *p = buf;
	uint32_t slen;

	if (len == 0) {
		*why = "empty file";
		return -EINVAL;
	}
	if (len < 8) {
		*why = "too short to be a policy";
		return -EINVAL;
	}
	if (le32(p) == MODULE_MAGIC) {
		*why = "a policy module, not a binary policy";
		return -EINVAL;
	}
	slen = le32(p + 4);
	if (le32(p) != SELINUX_MAGIC || slen == 0 || slen > 32) {
		*why = "not a binary FLASK policy";
		return -EINVAL;
	}
	if (len < 8 + slen + 8) {
		*why = "truncated";
		return -EINVAL;
	}
	info->version = le32(p + 8 + slen);
	info->mls = !!(le32(p + 12 + slen) & CONFIG_MLS);
	if (slen == 8 && !memcmp(p + 8, "XenFlask", 8)) {
		info->xen = 1;
	} else if (slen == 8 && !memcmp(p + 8, "SE Linux", 8)) {
		/* Xen policies before version 24 carried SELinux's string. */
		info->xen = info->version < 24;
	} else {
		*why = "not a binary FLASK policy";
		return -EINVAL;
	}
	return 0;
}
