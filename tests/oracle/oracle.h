/* SPDX-License-Identifier: GPL-2.0-or-later */
/* oracle.h - Xen's own FLASK security server in user space (tests/oracle/build): what xen-read and fuzz-oracle call. */
#ifndef FLASK_UTILS_ORACLE_H
#define FLASK_UTILS_ORACLE_H

#include <stddef.h>
#include <stdint.h>

/*
 * One oracle archive holds the C files of Xen's xen/xsm/flask/ss of one Xen version,
 * compiled unmodified, with shims for the rest of Xen; only these oracle_*
 * names are global in it.  Xen's security server is one set of globals:
 * a policy is loaded into it, and oracle_reset() empties it.  Every
 * function but oracle_xen_version(), oracle_log*() and oracle_reset()
 * is one of Xen's, named after it; it returns what Xen's returns.
 */

/* The Xen version the archive was built from, e.g. "4.17.5+72-g01140da4e8". */
const char *oracle_xen_version(void);

/* Everything Xen printed since oracle_log_clear(), as it printed it. */
const char *oracle_log(void);
void oracle_log_clear(void);

/*
 * security_load_policy(): a first load after oracle_reset() (or at the
 * start), the reload path (booleans preserved, SIDs converted) after a
 * successful one.  Returns 0 or Xen's -errno.
 */
int oracle_load(const void *buf, size_t len);

/* How many bytes of its input the last oracle_load()'s policydb_read() took. */
size_t oracle_consumed(void);

/* Frees the loaded policy and the SID table: Xen as before its first load. */
void oracle_reset(void);

/* Returns 1 when the loaded policy is MLS (flask_mls_enabled), else 0. */
int oracle_mls(void);

/*
 * security_get_bools(): calls fn(name, value, arg) for each boolean in the
 * order of their values, until fn returns nonzero.  Returns 0, fn's value
 * or -ENOMEM.
 */
int oracle_bools(int (*fn)(const char *name, int value, void *arg), void *arg);

/* security_set_bools(): sets (commits) all n booleans.  Returns 0 or -errno. */
int oracle_set_bools(int n, int *values);

/* security_get_bool_value(b).  Returns 0, 1 or -ENOENT. */
int oracle_bool_value(unsigned int b);

/* security_find_bool(name).  Returns the boolean's number or -ENOENT. */
int oracle_find_bool(const char *name);

/* Kinds of static labels, Xen's OCON_* numbers (as struct policydb_label's). */
enum { ORACLE_PIRQ = 1, ORACLE_IOPORT, ORACLE_IOMEM, ORACLE_DEVICE };

/*
 * Calls fn(kind, low, high, context, arg) for each pirqcon, ioportcon,
 * iomemcon and pcidevicecon in the loaded policy, in Xen's list order
 * (which sorts overlapping I/O ranges), with the context as Xen prints it
 * (MLS: with its range); until fn returns nonzero.  Returns 0, fn's value
 * or -ENOMEM.
 */
int oracle_labels(int (*fn)(int kind, uint64_t low, uint64_t high,
			    const char *context, void *arg), void *arg);

/* Symbol tables whose names oracle_names() gives. */
enum { ORACLE_USERS, ORACLE_ROLES, ORACLE_TYPES, ORACLE_SENS, ORACLE_CATS,
       ORACLE_CLASSES, ORACLE_NSYMS };

/*
 * Calls fn(name, primary, arg) for every name in one symbol table's hash
 * table (types: aliases and attributes too; primary is 0 for an alias or
 * an attribute), until fn returns nonzero.  Returns 0 or fn's value.
 */
int oracle_names(int sym, int (*fn)(const char *name, int primary, void *arg),
		 void *arg);

/* The number of classes of the loaded policy. */
unsigned int oracle_nclasses(void);

/* The number of initial SIDs of this Xen (SECINITSID_NUM). */
unsigned int oracle_ninitial_sids(void);

/* security_context_to_sid(); context need not be terminated. Returns 0 or -errno. */
int oracle_context_to_sid(const char *context, size_t len, uint32_t *sid);

/* security_sid_to_context(): *context malloc'ed (free()).  Returns 0 or -errno. */
int oracle_sid_to_context(uint32_t sid, char **context, uint32_t *len);

/* security_compute_av(): the allowed permissions.  Returns 0 or -errno. */
int oracle_compute_av(uint32_t ssid, uint32_t tsid, uint16_t tclass,
		      uint32_t requested, uint32_t *allowed);

/* security_transition_sid(), _member_sid(), _change_sid().  Return 0 or -errno. */
int oracle_transition_sid(uint32_t ssid, uint32_t tsid, uint16_t tclass,
			  uint32_t *out);
int oracle_member_sid(uint32_t ssid, uint32_t tsid, uint16_t tclass,
		      uint32_t *out);
int oracle_change_sid(uint32_t ssid, uint32_t tsid, uint16_t tclass,
		      uint32_t *out);

/* security_validate_transition().  Returns 0 or -errno. */
int oracle_validate_transition(uint32_t oldsid, uint32_t newsid,
			       uint32_t tasksid, uint16_t tclass);

/* security_irq_sid(), _iomem_sid(), _ioport_sid(), _device_sid().  Return 0 or -errno. */
int oracle_irq_sid(int pirq, uint32_t *sid);
int oracle_iomem_sid(unsigned long mfn, uint32_t *sid);
int oracle_ioport_sid(uint32_t ioport, uint32_t *sid);
int oracle_device_sid(uint32_t device, uint32_t *sid);

/*
 * security_iterate_iomem_sids(), _ioport_sids(): fn(arg, sid, start, end)
 * for each labelled part of [start, end].  Return 0, fn's value or -errno.
 */
int oracle_iterate_iomem_sids(unsigned long start, unsigned long end,
			      int (*fn)(void *arg, uint32_t sid,
					unsigned long start, unsigned long end),
			      void *arg);
int oracle_iterate_ioport_sids(uint32_t start, uint32_t end,
			       int (*fn)(void *arg, uint32_t sid,
					 unsigned long start,
					 unsigned long end),
			       void *arg);

/* security_ocontext_add(), _del() (what flask-label-pci asks of Xen).  Return 0 or -errno. */
int oracle_ocontext_add(uint32_t kind, unsigned long low, unsigned long high,
			uint32_t sid);
int oracle_ocontext_del(uint32_t kind, unsigned long low, unsigned long high);

#endif
