/* SPDX-License-Identifier: GPL-2.0-or-later */
/* xen/rwlock.h (oracle shim) - read-write locks as no-ops: the oracle runs one thread. */
#ifndef ORACLE_SHIM_XEN_RWLOCK_H
#define ORACLE_SHIM_XEN_RWLOCK_H

typedef struct { int unused; } rwlock_t;

#define DEFINE_RWLOCK(l) rwlock_t l = { 0 }
#define rwlock_init(l) ((void)(l))
#define read_lock(l) ((void)(l))
#define read_unlock(l) ((void)(l))
#define write_lock(l) ((void)(l))
#define write_unlock(l) ((void)(l))

#endif
