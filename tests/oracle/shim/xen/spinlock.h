/* SPDX-License-Identifier: GPL-2.0-or-later */
/* xen/spinlock.h (oracle shim) - spin locks as no-ops: the oracle runs one thread. */
#ifndef ORACLE_SHIM_XEN_SPINLOCK_H
#define ORACLE_SHIM_XEN_SPINLOCK_H

typedef struct { int unused; } spinlock_t;

#define DEFINE_SPINLOCK(l) spinlock_t l = { 0 }
#define spin_lock_init(l) ((void)(l))
#define spin_lock(l) ((void)(l))
#define spin_unlock(l) ((void)(l))
#define spin_lock_irqsave(l, f) ((void)(l), (void)(f))
#define spin_unlock_irqrestore(l, f) ((void)(l), (void)(f))

#endif
