// SPDX-License-Identifier: GPL-2.0-or-later
/* flask.c - FLASK operations issued as xsm_op hypercalls through libxencall. */

/*
 * libxenctrl's xc_flask_*() wrappers all funnel into xc_flask_op(), which is
 * one xencall1() around a bounce buffer -- and which prints "XSM operation
 * failed!" to stderr on every EACCES.  We issue the same hypercall through
 * libxencall (the layer libxenctrl itself uses) so that nothing is printed
 * behind the caller's back, strings are sent with their terminating NUL,
 * staged booleans (commit = 0) and COMMITBOOLS are reachable, and a tool
 * loads two small libraries at start-up instead of libxenctrl's eight.
 */

#define __XEN_TOOLS__ 1

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xen/sysctl.h>
#include <xen/version.h>
#include <xen/xen.h>
#include <xen/xsm/flask_op.h>
#include <xencall.h>
#include <xentoollog.h>

#include "flask.h"

#define PAGE_SIZE 4096

struct flask {
	xencall_handle *xcall;
	xentoollog_logger *logger;
	xen_flask_op_t *op;	/* hypercall memory: page 0 */
	char *str;		/* hypercall memory: page 1, strings in and out */
};

int flask_open(struct flask **fp)
{
	struct flask *f;
	int err;

	f = calloc(1, sizeof(*f));
	if (!f)
		return -ENOMEM;
	/* libxencall logs its own errors: keep it quiet, we report them. */
	f->logger = (xentoollog_logger *)
		xtl_createlogger_stdiostream(stderr, XTL_CRITICAL, 0);
	if (!f->logger) {
		err = errno ? errno : ENOMEM;
		goto fail;
	}
	f->xcall = xencall_open(f->logger, 0);
	if (!f->xcall) {
		err = errno ? errno : ENOENT;
		goto fail;
	}
	f->op = xencall_alloc_buffer_pages(f->xcall, 2);
	if (!f->op) {
		err = errno ? errno : ENOMEM;
		goto fail;
	}
	f->str = (char *)f->op + PAGE_SIZE;
	*fp = f;
	return 0;
fail:
	flask_close(f);
	return -err;
}

void flask_close(struct flask *f)
{
	if (!f)
		return;
	if (f->op)
		xencall_free_buffer_pages(f->xcall, f->op, 2);
	if (f->xcall)
		xencall_close(f->xcall);
	if (f->logger)
		xtl_logger_destroy(f->logger);
	free(f);
}

/* Starts a fresh operation in the hypercall page. */
static xen_flask_op_t *op_new(struct flask *f, uint32_t cmd)
{
	memset(f->op, 0, sizeof(*f->op));
	f->op->cmd = cmd;
	f->op->interface_version = XEN_FLASK_INTERFACE_VERSION;
	return f->op;
}

/* Issues the prepared operation; returns its value or -errno. */
static int op_call(struct flask *f)
{
	int rc;

	rc = xencall1(f->xcall, __HYPERVISOR_xsm_op, (uintptr_t)f->op);
	return rc < 0 ? -errno : rc;
}

/*
 * Copies s, NUL included, into the string page.  Returns the size to send,
 * or -ENOBUFS when it is longer than the hypervisor takes (a page).
 */
static int str_in(struct flask *f, const char *s)
{
	size_t len = strlen(s) + 1;

	if (len > FLASK_STRING_MAX + 1)
		return -ENOBUFS;
	memcpy(f->str, s, len);
	return (int)len;
}

int flask_xen_version(struct flask *f, char *buf, size_t size)
{
	int ver, rc;

	ver = xencall2(f->xcall, __HYPERVISOR_xen_version, XENVER_version, 0);
	if (ver < 0)
		return -errno;
	memset(f->str, 0, XEN_EXTRAVERSION_LEN);
	rc = xencall2(f->xcall, __HYPERVISOR_xen_version, XENVER_extraversion,
		      (uintptr_t)f->str);
	if (rc < 0)
		return -errno;
	f->str[XEN_EXTRAVERSION_LEN - 1] = '\0';
	rc = snprintf(buf, size, "%d.%d%s", ver >> 16, ver & 0xffff, f->str);
	return rc < 0 || (size_t)rc >= size ? -ERANGE : 0;
}

int flask_xen_cmdline(struct flask *f, char *buf, size_t size)
{
	size_t len;

	memset(f->str, 0, sizeof(xen_commandline_t));
	if (xencall2(f->xcall, __HYPERVISOR_xen_version, XENVER_commandline,
		     (uintptr_t)f->str) < 0)
		return -errno;
	f->str[sizeof(xen_commandline_t) - 1] = '\0';
	len = strlen(f->str);
	if (len >= size)
		return -ERANGE;
	memcpy(buf, f->str, len + 1);
	return 0;
}

/*
 * The sysctl interface versions whose physinfo is laid out as these
 * headers' (the same from Xen 4.17 to 4.22: capabilities after seven
 * words): 0x15 is 4.17's to 4.20's, 0x16 4.22's.  Xen answers another
 * version than its own with -EACCES before anything else.
 */
static const uint32_t physinfo_versions[] = {
	XEN_SYSCTL_INTERFACE_VERSION, 0x15, 0x16,
};

int flask_iommu(struct flask *f, uint32_t *asked)
{
	/* The sysctl goes in the string page: hypercall memory, and big enough. */
	struct xen_sysctl *sc = (struct xen_sysctl *)f->str;
	size_t i;
	int rc = -EACCES;

	for (i = 0; i < sizeof(physinfo_versions) /
			sizeof(physinfo_versions[0]) && rc == -EACCES; i++) {
		if (i && physinfo_versions[i] == physinfo_versions[0])
			continue;
		memset(sc, 0, sizeof(*sc));
		sc->cmd = XEN_SYSCTL_physinfo;
		sc->interface_version = physinfo_versions[i];
		*asked = physinfo_versions[i];
		rc = xencall1(f->xcall, __HYPERVISOR_sysctl, (uintptr_t)sc) < 0
			? -errno : 0;
	}
	if (rc < 0)
		return rc;
	return !!(sc->u.physinfo.capabilities & XEN_SYSCTL_PHYSCAP_directio);
}

int flask_policy_loaded(struct flask *f)
{
	char context[256];
	/* SECINITSID_XEN: "xen" before the first load, a context after it. */
	int rc = flask_sid_to_context(f, 2, context, sizeof(context));

	return rc < 0 ? rc : strchr(context, ':') != NULL;
}

int flask_getenforce(struct flask *f)
{
	op_new(f, FLASK_GETENFORCE);
	return op_call(f);
}

int flask_setenforce(struct flask *f, int enforcing)
{
	op_new(f, FLASK_SETENFORCE)->u.enforce.enforcing = !!enforcing;
	return op_call(f);
}

int flask_getbool_byid(struct flask *f, uint32_t id, char *name, size_t size,
		       int *cur, int *pend)
{
	xen_flask_op_t *op = op_new(f, FLASK_GETBOOL);
	int rc;

	op->u.boolean.bool_id = id;
	op->u.boolean.size = PAGE_SIZE;
	set_xen_guest_handle(op->u.boolean.name, f->str);
	rc = op_call(f);
	if (rc < 0)
		return rc;
	if (name) {
		if (op->u.boolean.size >= size)
			return -ERANGE;
		memcpy(name, f->str, op->u.boolean.size);
		name[op->u.boolean.size] = '\0';
	}
	if (cur)
		*cur = op->u.boolean.enforcing;
	if (pend)
		*pend = op->u.boolean.pending;
	return 0;
}

/* Prepares a GETBOOL or SETBOOL that names its boolean. */
static int bool_byname(struct flask *f, uint32_t cmd, const char *name)
{
	xen_flask_op_t *op = op_new(f, cmd);
	int len = str_in(f, name);

	if (len < 0)
		return len;
	op->u.boolean.bool_id = (uint32_t)-1;
	op->u.boolean.size = len;
	set_xen_guest_handle(op->u.boolean.name, f->str);
	return 0;
}

int flask_getbool_byname(struct flask *f, const char *name, int *cur,
			 int *pend)
{
	int rc = bool_byname(f, FLASK_GETBOOL, name);

	if (rc < 0)
		return rc;
	rc = op_call(f);
	if (rc < 0)
		return rc;
	if (cur)
		*cur = f->op->u.boolean.enforcing;
	if (pend)
		*pend = f->op->u.boolean.pending;
	return 0;
}

int flask_setbool(struct flask *f, const char *name, int value, int commit)
{
	int rc = bool_byname(f, FLASK_SETBOOL, name);

	if (rc < 0)
		return rc;
	f->op->u.boolean.new_value = !!value;
	f->op->u.boolean.commit = !!commit;
	rc = op_call(f);
	return rc < 0 ? rc : 0;
}

int flask_commitbools(struct flask *f)
{
	op_new(f, FLASK_COMMITBOOLS);
	return op_call(f);
}

void *flask_buffer_alloc(struct flask *f, size_t size)
{
	return xencall_alloc_buffer(f->xcall, size);
}

void flask_buffer_free(struct flask *f, void *buf)
{
	if (buf)
		xencall_free_buffer(f->xcall, buf);
}

int flask_load(struct flask *f, void *buf, size_t size)
{
	xen_flask_op_t *op = op_new(f, FLASK_LOAD);

	if (size > UINT32_MAX)
		return -EFBIG;
	op->u.load.size = size;
	set_xen_guest_handle(op->u.load.buffer, buf);
	return op_call(f);
}

int flask_policyvers(struct flask *f)
{
	op_new(f, FLASK_POLICYVERS);
	return op_call(f);
}

int flask_mls(struct flask *f)
{
	op_new(f, FLASK_MLS);
	return op_call(f);
}

int flask_context_to_sid(struct flask *f, const char *context, uint32_t *sid)
{
	xen_flask_op_t *op = op_new(f, FLASK_CONTEXT_TO_SID);
	int rc = str_in(f, context);

	if (rc < 0)
		return rc;
	op->u.sid_context.size = rc;
	set_xen_guest_handle(op->u.sid_context.context, f->str);
	rc = op_call(f);
	if (rc < 0)
		return rc;
	*sid = op->u.sid_context.sid;
	return 0;
}

int flask_sid_to_context(struct flask *f, uint32_t sid, char *buf,
			 size_t size)
{
	xen_flask_op_t *op = op_new(f, FLASK_SID_TO_CONTEXT);
	int rc;

	op->u.sid_context.sid = sid;
	op->u.sid_context.size = PAGE_SIZE;
	set_xen_guest_handle(op->u.sid_context.context, f->str);
	rc = op_call(f);
	if (rc < 0)
		return rc;
	if (op->u.sid_context.size >= size)
		return -ERANGE;
	memcpy(buf, f->str, op->u.sid_context.size);
	buf[op->u.sid_context.size] = '\0';
	return 0;
}

int flask_access(struct flask *f, uint32_t ssid, uint32_t tsid,
		 uint32_t tclass, uint32_t req, uint32_t *allowed)
{
	xen_flask_op_t *op = op_new(f, FLASK_ACCESS);
	int rc;

	op->u.access.ssid = ssid;
	op->u.access.tsid = tsid;
	op->u.access.tclass = tclass;
	op->u.access.req = req;
	rc = op_call(f);
	if (rc < 0)
		return rc;
	*allowed = op->u.access.allowed;
	return 0;
}

/* Prepares an ADD_OCONTEXT or DEL_OCONTEXT. */
static void ocontext(struct flask *f, uint32_t cmd, enum flask_ocon ocon,
		     uint64_t low, uint64_t high, uint32_t sid)
{
	xen_flask_op_t *op = op_new(f, cmd);

	op->u.ocontext.ocon = ocon;
	op->u.ocontext.sid = sid;
	op->u.ocontext.low = low;
	op->u.ocontext.high = high;
}

int flask_labels_undoable(struct flask *f)
{
	const uint32_t both = PERM_ADD_OCONTEXT | PERM_DEL_OCONTEXT;
	uint32_t allowed = 0;
	int rc;

	rc = flask_access(f, SID_DOM0, SID_SECURITY, CLASS_SECURITY, both,
			  &allowed);
	if (rc < 0)
		return rc;
	if ((allowed & both) == both)
		return 0;
	rc = flask_getenforce(f);
	return rc == 0 ? 0 : rc < 0 ? rc : -EACCES;
}

int flask_add_label(struct flask *f, enum flask_ocon ocon, uint64_t low,
		    uint64_t high, uint32_t sid)
{
	ocontext(f, FLASK_ADD_OCONTEXT, ocon, low, high, sid);
	return op_call(f);
}

int flask_del_label(struct flask *f, enum flask_ocon ocon, uint64_t low,
		    uint64_t high)
{
	ocontext(f, FLASK_DEL_OCONTEXT, ocon, low, high, 0);
	return op_call(f);
}

int flask_get_avc_threshold(struct flask *f)
{
	op_new(f, FLASK_GETAVC_THRESHOLD);
	return op_call(f);
}

int flask_set_avc_threshold(struct flask *f, uint32_t threshold)
{
	op_new(f, FLASK_SETAVC_THRESHOLD)->u.setavc_threshold.threshold =
		threshold;
	return op_call(f);
}

int flask_avc_hashstats(struct flask *f, struct flask_hash_stats *st)
{
	xen_flask_op_t *op = op_new(f, FLASK_AVC_HASHSTATS);
	int rc = op_call(f);

	if (rc < 0)
		return rc;
	st->entries = op->u.hash_stats.entries;
	st->buckets_used = op->u.hash_stats.buckets_used;
	st->buckets_total = op->u.hash_stats.buckets_total;
	st->max_chain_len = op->u.hash_stats.max_chain_len;
	return 0;
}

int flask_avc_cachestats(struct flask *f, uint32_t cpu,
			 struct flask_cache_stats *st)
{
	xen_flask_op_t *op = op_new(f, FLASK_AVC_CACHESTATS);
	int rc;

	op->u.cache_stats.cpu = cpu;
	rc = op_call(f);
	if (rc < 0)
		return rc;
	st->lookups = op->u.cache_stats.lookups;
	st->hits = op->u.cache_stats.hits;
	st->misses = op->u.cache_stats.misses;
	st->allocations = op->u.cache_stats.allocations;
	st->reclaims = op->u.cache_stats.reclaims;
	st->frees = op->u.cache_stats.frees;
	return 0;
}
