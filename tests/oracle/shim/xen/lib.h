/* SPDX-License-Identifier: GPL-2.0-or-later */
/* xen/lib.h (oracle shim) - printk into the oracle's log, and Xen's small helpers. */
#ifndef ORACLE_SHIM_XEN_LIB_H
#define ORACLE_SHIM_XEN_LIB_H

#include <stdio.h>
#include <string.h>

#include <xen/types.h>
#include <xen/bug.h>
#include <xen/string.h>

/* As in Xen's xen/config.h: log levels are a prefix of the message. */
#define XENLOG_ERR     "<0>"
#define XENLOG_WARNING "<1>"
#define XENLOG_INFO    "<2>"
#define XENLOG_DEBUG   "<3>"
#define KERN_ERR       XENLOG_ERR
#define KERN_CRIT      XENLOG_ERR
#define KERN_EMERG     XENLOG_ERR
#define KERN_WARNING   XENLOG_WARNING
#define KERN_NOTICE    XENLOG_INFO
#define KERN_INFO      XENLOG_INFO
#define KERN_DEBUG     XENLOG_DEBUG

/* Appends to the oracle's log (oracle_log()); never to a terminal. */
void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define ARRAY_SIZE(x) (sizeof(x) / sizeof((x)[0]))

/* As Xen's xen/kernel.h. */
#define min(x, y) ({                    \
	const typeof(x) _x = (x);       \
	const typeof(y) _y = (y);       \
	(void)(&_x == &_y);             \
	_x < _y ? _x : _y; })
#define max(x, y) ({                    \
	const typeof(x) _x = (x);       \
	const typeof(y) _y = (y);       \
	(void)(&_x == &_y);             \
	_x > _y ? _x : _y; })

#define likely(x)   __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

/* Attributes of no meaning here: CET indirect-branch marks, sections. */
#define cf_check
#define __init
#define __read_mostly

#define smp_wmb() __atomic_thread_fence(__ATOMIC_RELEASE)

#endif
