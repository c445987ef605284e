// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * xen-services.c - Xen's security server (xen/xsm/flask/ss/services.c),
 * compiled unmodified as part of this file, and the oracle's API (oracle.h)
 * after it: the security server's state (the SID table, the sequence
 * number) is static in services.c, so only code in its translation unit
 * can reset it, and context_struct_to_string() is static there too.
 */

/*
 * services.c's calls to policydb_read() go to the shim's
 * xenshim_policydb_read(), which calls Xen's and records how many bytes of
 * the file it read (security_load_policy() keeps the file in a local).
 */
#define policydb_read xenshim_policydb_read
#include "services.c"
#undef policydb_read

#include "oracle.h"

#ifndef ORACLE_XEN_VERSION
#error "ORACLE_XEN_VERSION: the full version of the Xen tree"
#endif

/* Returns the Xen version the archive was built from. */
const char *oracle_xen_version(void)
{
	return ORACLE_XEN_VERSION;
}

/*
 * Frees what a load left: the policy (after a successful load; a refused
 * one frees its own), and the SID table, which Xen leaves behind when
 * policydb_load_isids() fails.  Returns nothing; Xen is as before boot.
 */
void oracle_reset(void)
{
	if (ss_initialized)
		policydb_destroy(&policydb);
	if (sidtab.htable)
		sidtab_destroy(&sidtab);
	memset(&policydb, 0, sizeof(policydb));
	memset(&sidtab, 0, sizeof(sidtab));
	ss_initialized = 0;
	latest_granting = 0;
	flask_mls_enabled = 0;
}

int oracle_load(const void *buf, size_t len)
{
	return security_load_policy(buf, len);
}

int oracle_mls(void)
{
	return flask_mls_enabled != 0;
}

int oracle_bools(int (*fn)(const char *name, int value, void *arg), void *arg)
{
	char **names;
	int *values, n, i, rc;

	rc = security_get_bools(&n, &names, &values, NULL);
	if (rc)
		return rc;
	for (i = 0; i < n && !rc; i++)
		rc = fn(names[i], values[i], arg);
	for (i = 0; i < n; i++)
		xfree(names ? names[i] : NULL);
	xfree(names);
	xfree(values);
	return rc;
}

int oracle_set_bools(int n, int *values)
{
	return security_set_bools(n, values);
}

int oracle_bool_value(unsigned int b)
{
	return security_get_bool_value(b);
}

int oracle_find_bool(const char *name)
{
	return security_find_bool(name);
}

int oracle_labels(int (*fn)(int kind, uint64_t low, uint64_t high,
			    const char *context, void *arg), void *arg)
{
	static const int kinds[] = { OCON_PIRQ, OCON_IOPORT, OCON_IOMEM,
				     OCON_DEVICE };
	struct ocontext *c;
	uint64_t low, high;
	unsigned int k;
	char *s;
	u32 len;
	int rc = 0;

	for (k = 0; k < ARRAY_SIZE(kinds) && !rc; k++) {
		for (c = policydb.ocontexts[kinds[k]]; c && !rc; c = c->next) {
			switch (kinds[k]) {
			case OCON_PIRQ:
				low = high = c->u.pirq;
				break;
			case OCON_IOPORT:
				low = c->u.ioport.low_ioport;
				high = c->u.ioport.high_ioport;
				break;
			case OCON_IOMEM:
				low = c->u.iomem.low_iomem;
				high = c->u.iomem.high_iomem;
				break;
			default:
				low = high = c->u.device;
				break;
			}
			if (context_struct_to_string(&c->context, &s, &len))
				return -ENOMEM;
			rc = fn(kinds[k], low, high, s, arg);
			xfree(s);
		}
	}
	return rc;
}

/* What oracle_names() passes through hashtab_map(). */
struct names_walk {
	int sym;
	int (*fn)(const char *name, int primary, void *arg);
	void *arg;
};

/* A hashtab_map() callback: one name to the caller.  Returns its value. */
static int cf_check names_one(void *key, void *datum, void *p)
{
	struct names_walk *w = p;
	int primary = 1;

	if (w->sym == SYM_TYPES) {
		struct type_datum *t = datum;

		primary = t->primary && !t->attribute;
	} else if (w->sym == SYM_LEVELS) {
		primary = !((struct level_datum *)datum)->isalias;
	} else if (w->sym == SYM_CATS) {
		primary = !((struct cat_datum *)datum)->isalias;
	}
	return w->fn(key, primary, w->arg);
}

int oracle_names(int sym, int (*fn)(const char *name, int primary, void *arg),
		 void *arg)
{
	static const int syms[ORACLE_NSYMS] = {
		[ORACLE_USERS] = SYM_USERS, [ORACLE_ROLES] = SYM_ROLES,
		[ORACLE_TYPES] = SYM_TYPES, [ORACLE_SENS] = SYM_LEVELS,
		[ORACLE_CATS] = SYM_CATS, [ORACLE_CLASSES] = SYM_CLASSES,
	};
	struct names_walk w;

	if (sym < 0 || sym >= ORACLE_NSYMS || !ss_initialized)
		return -EINVAL;
	w.sym = syms[sym];
	w.fn = fn;
	w.arg = arg;
	if (!policydb.symtab[w.sym].table)
		return 0;
	return hashtab_map(policydb.symtab[w.sym].table, names_one, &w);
}

unsigned int oracle_nclasses(void)
{
	return policydb.p_classes.nprim;
}

unsigned int oracle_ninitial_sids(void)
{
	return SECINITSID_NUM;
}

int oracle_context_to_sid(const char *context, size_t len, uint32_t *sid)
{
	char *copy;
	int rc;

	if (len > UINT32_MAX - 1)
		return -EINVAL;
	/* Xen copies the guest's string into a buffer of its own first */
	copy = xmalloc_array(char, len + 1);
	if (!copy)
		return -ENOMEM;
	memcpy(copy, context, len);
	copy[len] = '\0';
	rc = security_context_to_sid(copy, len, sid);
	xfree(copy);
	return rc;
}

int oracle_sid_to_context(uint32_t sid, char **context, uint32_t *len)
{
	return security_sid_to_context(sid, context, len);
}

int oracle_compute_av(uint32_t ssid, uint32_t tsid, uint16_t tclass,
		      uint32_t requested, uint32_t *allowed)
{
	struct av_decision avd;
	int rc;

	memset(&avd, 0, sizeof(avd));
	rc = security_compute_av(ssid, tsid, tclass, requested, &avd);
	*allowed = avd.allowed;
	return rc;
}

int oracle_transition_sid(uint32_t ssid, uint32_t tsid, uint16_t tclass,
			  uint32_t *out)
{
	return security_transition_sid(ssid, tsid, tclass, out);
}

int oracle_member_sid(uint32_t ssid, uint32_t tsid, uint16_t tclass,
		      uint32_t *out)
{
	return security_member_sid(ssid, tsid, tclass, out);
}

int oracle_change_sid(uint32_t ssid, uint32_t tsid, uint16_t tclass,
		      uint32_t *out)
{
	return security_change_sid(ssid, tsid, tclass, out);
}

int oracle_validate_transition(uint32_t oldsid, uint32_t newsid,
			       uint32_t tasksid, uint16_t tclass)
{
	return security_validate_transition(oldsid, newsid, tasksid, tclass);
}

int oracle_irq_sid(int pirq, uint32_t *sid)
{
	return security_irq_sid(pirq, sid);
}

int oracle_iomem_sid(unsigned long mfn, uint32_t *sid)
{
	return security_iomem_sid(mfn, sid);
}

int oracle_ioport_sid(uint32_t ioport, uint32_t *sid)
{
	return security_ioport_sid(ioport, sid);
}

int oracle_device_sid(uint32_t device, uint32_t *sid)
{
	return security_device_sid(device, sid);
}

/* What the iterate functions pass through security_iterate_fn. */
struct iterate_walk {
	int (*fn)(void *arg, uint32_t sid, unsigned long start,
		  unsigned long end);
	void *arg;
};

/* A security_iterate_fn: one range to the caller.  Returns its value. */
static int cf_check iterate_one(void *data, u32 sid, unsigned long start,
				unsigned long end)
{
	struct iterate_walk *w = data;

	return w->fn(w->arg, sid, start, end);
}

int oracle_iterate_iomem_sids(unsigned long start, unsigned long end,
			      int (*fn)(void *arg, uint32_t sid,
					unsigned long start, unsigned long end),
			      void *arg)
{
	struct iterate_walk w = { fn, arg };

	return security_iterate_iomem_sids(start, end, iterate_one, &w);
}

int oracle_iterate_ioport_sids(uint32_t start, uint32_t end,
			       int (*fn)(void *arg, uint32_t sid,
					 unsigned long start,
					 unsigned long end),
			       void *arg)
{
	struct iterate_walk w = { fn, arg };

	return security_iterate_ioport_sids(start, end, iterate_one, &w);
}

int oracle_ocontext_add(uint32_t kind, unsigned long low, unsigned long high,
			uint32_t sid)
{
	return security_ocontext_add(kind, low, high, sid);
}

int oracle_ocontext_del(uint32_t kind, unsigned long low, unsigned long high)
{
	return security_ocontext_del(kind, low, high);
}
