/* SPDX-License-Identifier: GPL-2.0-or-later */
/* policy.h - binary FLASK policy files: the header check, and libsepol (loaded only when needed). */
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

struct policy;

/*
 * Parses a whole binary policy image: first our own complete check
 * (policydb_check()), then libsepol, which is loaded at the first call (so
 * that a tool links it only when it needs it).  Returns 0 and *p;
 * -ELIBACC when libsepol cannot be loaded; -EINVAL when the image is not a
 * valid Xen policy, with the reason in why[size] (libsepol's own last
 * message prefixed "libsepol: ").  why is not kept.
 */
int policy_parse(const void *buf, size_t len, struct policy **p, char *why,
		 size_t size);

/* Releases a parsed policy; NULL is allowed. */
void policy_free(struct policy *p);

/*
 * Calls fn(name, default value, arg) for every boolean of p, in the
 * policy's order, until fn returns nonzero.  Returns 0, fn's value, or
 * -errno.
 */
int policy_bools(struct policy *p,
		 int (*fn)(const char *name, int value, void *arg), void *arg);

/*
 * Sets the default value of boolean name in p, re-evaluating the
 * conditional rules.  Returns 0; -ENOENT: no such boolean; -EINVAL.
 */
int policy_set_bool(struct policy *p, const char *name, int value);

/*
 * Writes p as a binary policy image into *data (malloc'ed; free it) and
 * *len.  Returns 0 or -EINVAL.
 */
int policy_image(struct policy *p, void **data, size_t *len);

/* Returns 0 when context is valid in p, -EINVAL when not. */
int policy_check_context(struct policy *p, const char *context);

#endif
