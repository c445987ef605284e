/* SPDX-License-Identifier: GPL-2.0-or-later */
/* flask.h - the hypervisor's FLASK operations, one function each. */
#ifndef FLASK_UTILS_FLASK_H
#define FLASK_UTILS_FLASK_H

#include <stddef.h>
#include <stdint.h>

/*
 * Every function here returns 0 (or the value it names) on success and
 * -errno on failure.  None prints and none exits: the caller decides what a
 * failure means to the person at the terminal.
 */

/* The longest boolean name or context the hypervisor copies in: a page,
   NUL included. */
#define FLASK_STRING_MAX 4095

struct flask;

/*
 * Numbers fixed by Xen's FLASK (xen/xsm/flask/policy/initial_sids,
 * security_classes and access_vectors, the same since Xen 4.3): a policy
 * must use them as they are.
 */
enum {
	SID_XEN = 2,		/* the hypervisor: nothing labels a resource so */
	SID_DOM0 = 3,
	SID_IOPORT = 8,		/* what an unlabelled resource of each kind is */
	SID_IOMEM = 9,
	SID_IRQ = 10,
	SID_DEVICE = 11,
	SID_SECURITY = 7,	/* the security server */
	CLASS_RESOURCE = 7,
	CLASS_SECURITY = 11,
	PERM_ADD_OCONTEXT = 1U << 9,	/* of class security */
	PERM_DEL_OCONTEXT = 1U << 10,
};

/* Kinds of resource a label (an "ocontext") can be attached to. */
enum flask_ocon {
	FLASK_OCON_PIRQ = 1,
	FLASK_OCON_IOPORT = 2,
	FLASK_OCON_IOMEM = 3,	/* in page frames, address >> 12 */
	FLASK_OCON_DEVICE = 4,	/* PCI (segment << 16 | bus << 8 | devfn) */
};

/* AVC cache counters of one CPU. */
struct flask_cache_stats {
	uint32_t lookups, hits, misses, allocations, reclaims, frees;
};

/* AVC hash table shape. */
struct flask_hash_stats {
	uint32_t entries, buckets_used, buckets_total, max_chain_len;
};

/*
 * Opens the hypercall interface (/dev/xen/privcmd).  Returns 0 and sets *fp,
 * or -errno: -ENOENT when this is not dom0 or xen-privcmd is not loaded.
 */
int flask_open(struct flask **fp);

/* Releases the handle; NULL is allowed. */
void flask_close(struct flask *f);

/*
 * Writes the hypervisor's version, as "4.17.5" (major.minor and the extra
 * version), into buf[size].  Returns 0 or -errno.  Not a FLASK operation,
 * but it goes through the same handle.
 */
int flask_xen_version(struct flask *f, char *buf, size_t size);

/*
 * Writes Xen's command line (at most 1023 characters) into buf[size].
 * Returns 0 or -errno (-ERANGE: buf too small).
 */
int flask_xen_cmdline(struct flask *f, char *buf, size_t size);

/*
 * Returns 1 when the hypervisor can pass devices through with an IOMMU
 * ("directio" in xl info), 0 when not, or -errno.  Not a FLASK operation
 * either: a physinfo sysctl, which Xen takes only with its own interface
 * version; the versions of Xen 4.17 to 4.22 are tried in turn, the
 * headers' first, and *asked is the one that answered (the last tried on
 * an error).
 */
int flask_iommu(struct flask *f, uint32_t *asked);

/*
 * Returns 1 when a policy is loaded, 0 when none is yet (booted with
 * flask=late: every context maps to the initial SID xen, every access is
 * allowed, there are no booleans), or -errno.
 */
int flask_policy_loaded(struct flask *f);

/* Returns 1 when enforcing, 0 when permissive. -ENOSYS: no FLASK. */
int flask_getenforce(struct flask *f);

/* Sets enforcing (1) or permissive (0) mode. Returns 0. */
int flask_setenforce(struct flask *f, int enforcing);

/*
 * Reads boolean number id: its name into name[size] (NUL-terminated) and its
 * current and pending values.  Returns 0; -ENOENT past the last boolean;
 * -ERANGE when the name does not fit.  name may be NULL (size 0).
 */
int flask_getbool_byid(struct flask *f, uint32_t id, char *name, size_t size,
		       int *cur, int *pend);

/* Reads the current and pending values of a boolean. Returns 0 or -ENOENT. */
int flask_getbool_byname(struct flask *f, const char *name, int *cur,
			 int *pend);

/*
 * Sets a boolean.  commit = 0 only stages a pending value (shared by every
 * caller, applied by flask_commitbools); commit = 1 applies it at once.
 * Returns 0.
 */
int flask_setbool(struct flask *f, const char *name, int value, int commit);

/* Applies every pending boolean value at once (COMMITBOOLS). Returns 0. */
int flask_commitbools(struct flask *f);

/*
 * Memory the hypervisor can read directly: a policy is read into it and
 * loaded without another copy.  Returns NULL with errno set on failure.
 */
void *flask_buffer_alloc(struct flask *f, size_t size);
void flask_buffer_free(struct flask *f, void *buf);

/* Loads a binary policy that lies in a flask_buffer_alloc() buffer. */
int flask_load(struct flask *f, void *buf, size_t size);

/* Returns the highest policy version the hypervisor accepts. */
int flask_policyvers(struct flask *f);

/* Returns 1 when the loaded policy is MLS, 0 when not. */
int flask_mls(struct flask *f);

/* Converts a context string to a SID. Returns 0; -EINVAL: invalid context. */
int flask_context_to_sid(struct flask *f, const char *context, uint32_t *sid);

/* Converts a SID to its context string in buf[size]. Returns 0 or -ERANGE. */
int flask_sid_to_context(struct flask *f, uint32_t sid, char *buf,
			 size_t size);

/*
 * Asks the security server whether ssid may do req to tsid in class tclass.
 * Returns 0 and the allowed vector in *allowed.
 */
int flask_access(struct flask *f, uint32_t ssid, uint32_t tsid,
		 uint32_t tclass, uint32_t req, uint32_t *allowed);

/*
 * Whether a label dom0 adds could be removed again: the policy lets dom0
 * both add and remove labels (add_ocontext, del_ocontext on the security
 * server), or the mode is permissive.  Asked before adding a label only
 * to find something out.  Returns 0, -EACCES, or -errno.
 */
int flask_labels_undoable(struct flask *f);

/* Labels [low, high] of a kind of resource with sid. -EEXIST: overlap. */
int flask_add_label(struct flask *f, enum flask_ocon ocon, uint64_t low,
		    uint64_t high, uint32_t sid);

/* Removes the label of exactly [low, high]. -ENOENT: no such label. */
int flask_del_label(struct flask *f, enum flask_ocon ocon, uint64_t low,
		    uint64_t high);

/* Returns the AVC cache threshold. */
int flask_get_avc_threshold(struct flask *f);

/* Sets the AVC cache threshold. Returns 0. */
int flask_set_avc_threshold(struct flask *f, uint32_t threshold);

/* Reads the AVC hash statistics. Returns 0. */
int flask_avc_hashstats(struct flask *f, struct flask_hash_stats *st);

/*
 * Reads one CPU's AVC cache statistics.  Returns 0; -ENOENT past the last
 * online CPU; -ENOSYS when the hypervisor was built without AVC statistics.
 */
int flask_avc_cachestats(struct flask *f, uint32_t cpu,
			 struct flask_cache_stats *st);

#endif
