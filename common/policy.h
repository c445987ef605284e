/* SPDX-License-Identifier: GPL-2.0-or-later */
/* policy.h - binary FLASK policy files: the header check (policydb.h reads the rest). */
#ifndef FLASK_UTILS_POLICY_H
#define FLASK_UTILS_POLICY_H

#include <stddef.h>
#include <stdint.h>

/* The largest policy the hypervisor takes (MAX_POLICY_SIZE, 64 MiB). */
#define POLICY_SIZE_MAX (64UL << 20)

/* The policy versions Xen 4.17 reads (POLICYDB_VERSION_BASE and up). */
#define POLICY_VERSION_MIN 15

/* What the header of a binary policy says. */
struct policy_info {
	int xen;		/* 1: targets Xen ("XenFlask", or "SE Linux"
				   before version 24), 0: an SELinux policy */
	uint32_t version;
	int mls;
};

/*
 * Reads the header of a binary policy image: magic, target string,
 * version and MLS flag.  Returns 0, or -EINVAL with *why set to a reason a
 * person understands ("not a binary FLASK policy", "an SELinux kernel
 * policy, not a Xen one", "truncated", ...).  Pure: no I/O.
 */
int policy_header(const void *buf, size_t len, struct policy_info *info,
		  const char **why);

#endif
