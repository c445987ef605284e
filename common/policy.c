// SPDX-License-Identifier: GPL-2.0-or-later
/* policy.c - binary FLASK policy files: the header check, and libsepol (loaded only when needed). */

#include <dlfcn.h>
#include <stddef.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sepol/booleans.h>
#include <sepol/context.h>
#include <sepol/context_record.h>
#include <sepol/debug.h>
#include <sepol/handle.h>
#include <sepol/policydb.h>

#include "policy.h"
#include "policydb.h"

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

/* The libsepol functions we use, found at run time. */
static struct {
	void *lib;
	sepol_handle_t *(*handle_create)(void);
	void (*handle_destroy)(sepol_handle_t *);
	void (*msg_set_callback)(sepol_handle_t *,
				 void (*)(void *, sepol_handle_t *,
					  const char *, ...), void *);
	int (*file_create)(sepol_policy_file_t **);
	void (*file_free)(sepol_policy_file_t *);
	void (*file_set_mem)(sepol_policy_file_t *, char *, size_t);
	void (*file_set_handle)(sepol_policy_file_t *, sepol_handle_t *);
	int (*db_create)(sepol_policydb_t **);
	void (*db_free)(sepol_policydb_t *);
	int (*db_read)(sepol_policydb_t *, sepol_policy_file_t *);
	int (*bool_iterate)(sepol_handle_t *, const sepol_policydb_t *,
			    int (*)(const sepol_bool_t *, void *), void *);
	const char *(*bool_get_name)(const sepol_bool_t *);
	int (*bool_get_value)(const sepol_bool_t *);
	int (*bool_key_create)(sepol_handle_t *, const char *,
			       sepol_bool_key_t **);
	void (*bool_key_free)(sepol_bool_key_t *);
	int (*bool_query)(sepol_handle_t *, const sepol_policydb_t *,
			  const sepol_bool_key_t *, sepol_bool_t **);
	void (*bool_set_value)(sepol_bool_t *, int);
	int (*bool_set)(sepol_handle_t *, sepol_policydb_t *,
			const sepol_bool_key_t *, const sepol_bool_t *);
	void (*bool_free)(sepol_bool_t *);
	int (*db_to_image)(sepol_handle_t *, sepol_policydb_t *, void **,
			   size_t *);
	int (*context_from_string)(sepol_handle_t *, const char *,
				   sepol_context_t **);
	int (*context_check)(sepol_handle_t *, const sepol_policydb_t *,
			     const sepol_context_t *);
	void (*context_free)(sepol_context_t *);
} sepol;

struct policy {
	sepol_handle_t *handle;
	sepol_policydb_t *db;
	char msg[256];		/* libsepol's last message */
};

/* Loads libsepol and its functions. Returns 0 or -ELIBACC. */
static int load_sepol(void)
{
	static const struct { const char *name; size_t off; } fns[] = {
#define FN(field, sym) { #sym, offsetof(__typeof__(sepol), field) }
		FN(handle_create, sepol_handle_create),
		FN(handle_destroy, sepol_handle_destroy),
		FN(msg_set_callback, sepol_msg_set_callback),
		FN(file_create, sepol_policy_file_create),
		FN(file_free, sepol_policy_file_free),
		FN(file_set_mem, sepol_policy_file_set_mem),
		FN(file_set_handle, sepol_policy_file_set_handle),
		FN(db_create, sepol_policydb_create),
		FN(db_free, sepol_policydb_free),
		FN(db_read, sepol_policydb_read),
		FN(bool_iterate, sepol_bool_iterate),
		FN(bool_get_name, sepol_bool_get_name),
		FN(bool_get_value, sepol_bool_get_value),
		FN(bool_key_create, sepol_bool_key_create),
		FN(bool_key_free, sepol_bool_key_free),
		FN(bool_query, sepol_bool_query),
		FN(bool_set_value, sepol_bool_set_value),
		FN(bool_set, sepol_bool_set),
		FN(bool_free, sepol_bool_free),
		FN(db_to_image, sepol_policydb_to_image),
		FN(context_from_string, sepol_context_from_string),
		FN(context_check, sepol_context_check),
		FN(context_free, sepol_context_free),
#undef FN
	};
	void *debug;
	size_t i;

	if (sepol.lib)
		return 0;
	sepol.lib = dlopen("libsepol.so.2", RTLD_NOW | RTLD_LOCAL);
	if (!sepol.lib)
		return -ELIBACC;
	for (i = 0; i < sizeof(fns) / sizeof(fns[0]); i++) {
		void *sym = dlsym(sepol.lib, fns[i].name);

		if (!sym) {
			dlclose(sepol.lib);
			sepol.lib = NULL;
			return -ELIBACC;
		}
		memcpy((char *)&sepol + fns[i].off, &sym, sizeof(sym));
	}
	/*
	 * Some parts of libsepol (ebitmap_read) report through its global
	 * handle, not the one policy_parse() installs: silence that one.
	 */
	debug = dlsym(sepol.lib, "sepol_debug");
	if (debug)
		((void (*)(int))debug)(0);
	return 0;
}

/* Keeps libsepol's last message (it would print it to stderr). */
static void keep_message(void *arg, sepol_handle_t *handle,
			 const char *fmt, ...)
{
	struct policy *p = arg;
	va_list ap;

	(void)handle;
	va_start(ap, fmt);
	vsnprintf(p->msg, sizeof(p->msg), fmt, ap);
	va_end(ap);
}

int policy_parse(const void *buf, size_t len, struct policy **out, char *why,
		 size_t size)
{
	sepol_policy_file_t *pf = NULL;
	struct policy *p;
	int rc;

	/* libsepol trusts counts it reads: it sees only what we checked. */
	rc = policydb_check(buf, len, why, size);
	if (rc < 0)
		return rc;
	rc = load_sepol();
	if (rc < 0)
		return rc;
	p = calloc(1, sizeof(*p));
	if (!p)
		return -ENOMEM;
	p->handle = sepol.handle_create();
	if (!p->handle || sepol.file_create(&pf) < 0 ||
	    sepol.db_create(&p->db) < 0) {
		rc = -ENOMEM;
		goto fail;
	}
	sepol.msg_set_callback(p->handle, keep_message, p);
	sepol.file_set_mem(pf, (char *)buf, len);
	sepol.file_set_handle(pf, p->handle);
	if (sepol.db_read(p->db, pf) < 0) {
		snprintf(why, size, "libsepol: %s", p->msg[0] ? p->msg
				    : "could not read it");
		rc = -EINVAL;
		goto fail;
	}
	sepol.file_free(pf);
	*out = p;
	return 0;
fail:
	if (pf)
		sepol.file_free(pf);
	policy_free(p);
	return rc;
}

void policy_free(struct policy *p)
{
	if (!p)
		return;
	if (p->db)
		sepol.db_free(p->db);
	if (p->handle)
		sepol.handle_destroy(p->handle);
	free(p);
}

struct bool_walk {
	int (*fn)(const char *name, int value, void *arg);
	void *arg;
	int ret;
};

static int walk_one(const sepol_bool_t *b, void *arg)
{
	struct bool_walk *w = arg;

	w->ret = w->fn(sepol.bool_get_name(b), sepol.bool_get_value(b),
		       w->arg);
	return w->ret ? 1 : 0;
}

int policy_bools(struct policy *p,
		 int (*fn)(const char *name, int value, void *arg), void *arg)
{
	struct bool_walk w = { fn, arg, 0 };

	if (sepol.bool_iterate(p->handle, p->db, walk_one, &w) < 0)
		return -EINVAL;
	return w.ret;
}

int policy_set_bool(struct policy *p, const char *name, int value)
{
	sepol_bool_key_t *key = NULL;
	sepol_bool_t *b = NULL;
	int rc = -ENOMEM;

	if (sepol.bool_key_create(p->handle, name, &key) < 0)
		goto out;
	if (sepol.bool_query(p->handle, p->db, key, &b) < 0)
		goto out;
	rc = -ENOENT;
	if (!b)
		goto out;
	sepol.bool_set_value(b, !!value);
	rc = sepol.bool_set(p->handle, p->db, key, b) < 0 ? -EINVAL : 0;
out:
	if (b)
		sepol.bool_free(b);
	if (key)
		sepol.bool_key_free(key);
	return rc;
}

int policy_image(struct policy *p, void **data, size_t *len)
{
	return sepol.db_to_image(p->handle, p->db, data, len) < 0 ? -EINVAL
								    : 0;
}

int policy_check_context(struct policy *p, const char *context)
{
	sepol_context_t *c = NULL;
	int rc;

	if (sepol.context_from_string(p->handle, context, &c) < 0)
		return -EINVAL;
	rc = sepol.context_check(p->handle, p->db, c) < 0 ? -EINVAL : 0;
	sepol.context_free(c);
	return rc;
}
