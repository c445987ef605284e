/* SPDX-License-Identifier: GPL-2.0-or-later */
/* xen/percpu.h (oracle shim) - one CPU: a per-CPU variable is a variable. */
#ifndef ORACLE_SHIM_XEN_PERCPU_H
#define ORACLE_SHIM_XEN_PERCPU_H

#define DECLARE_PER_CPU(type, name) extern type per_cpu__##name
#define DEFINE_PER_CPU(type, name) type per_cpu__##name
#define this_cpu(name) per_cpu__##name

#endif
