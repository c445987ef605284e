// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * shim.c - what Xen's FLASK security server (xen/xsm/flask/ss) takes from
 * the rest of Xen, in user space: printk into a log the oracle hands back,
 * the allocator on malloc, BUG() as abort(), the class and permission
 * tables avc.c builds from the generated headers, the AVC reset and the
 * enforcing flag.  Compiled against one Xen version's headers.
 */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xen/lib.h>
#include <xen/xmalloc.h>

#include "flask.h"
#include "avc.h"
#include "avc_ss.h"
#include "policydb.h"
#include "oracle.h"

/* What Xen printed, since oracle_log_clear(): a fixed buffer, cut when full. */
static char oracle_logbuf[64 * 1024];
static size_t oracle_loglen;

void printk(const char *fmt, ...)
{
	size_t room = sizeof(oracle_logbuf) - oracle_loglen;
	va_list ap;
	int n;

	if (room <= 1)
		return;
	va_start(ap, fmt);
	n = vsnprintf(oracle_logbuf + oracle_loglen, room, fmt, ap);
	va_end(ap);
	if (n > 0)
		oracle_loglen += (size_t)n < room ? (size_t)n : room - 1;
}

/* Returns everything printk() was given since the last clear, as Xen printed it. */
const char *oracle_log(void)
{
	return oracle_logbuf;
}

/* Empties the log. */
void oracle_log_clear(void)
{
	oracle_loglen = 0;
	oracle_logbuf[0] = '\0';
}

void xenshim_bug(const char *what, const char *file, int line)
{
	fprintf(stderr, "Xen %s at %s:%d (Xen would panic here)\n", what,
		file, line);
	if (oracle_loglen)
		fprintf(stderr, "Xen printed before it:\n%s\n", oracle_logbuf);
	abort();
}

/*
 * Xen's allocator: one malloc'ed block per request, whatever the alignment
 * (malloc's suffices for every type here).  Xen returns a non-NULL
 * "zero block" for 0 bytes; malloc(0) and calloc() do too, and ASan
 * reports any access to it, where Xen would fault.
 */
void *_xmalloc(unsigned long size, unsigned long align)
{
	(void)align;
	return malloc(size);
}

void *_xzalloc(unsigned long size, unsigned long align)
{
	(void)align;
	return calloc(1, size);
}

void xfree(void *p)
{
	free(p);
}

/* Xen enforcing, as it boots by default (flask=enforcing). */
bool flask_enforcing = true;

/* No access vector cache here: nothing to flush.  Returns 0, as Xen's. */
int avc_ss_reset(u32 seqno)
{
	(void)seqno;
	return 0;
}

/* The class and permission definitions of this Xen, built as avc.c builds them. */
static const struct av_perm_to_string av_perm_to_string[] = {
#define S_(c, v, s) { c, v, s },
#include "av_perm_to_string.h"
#undef S_
};

static const char *class_to_string[] = {
#define S_(s) s,
#include "class_to_string.h"
#undef S_
};

const struct selinux_class_perm selinux_class_perm = {
	.av_perm_to_string = av_perm_to_string,
	.av_pts_len = ARRAY_SIZE(av_perm_to_string),
	.class_to_string = class_to_string,
	.cts_len = ARRAY_SIZE(class_to_string),
};

/* How many bytes Xen's last policydb_read() took of its file. */
static size_t oracle_read_consumed;

/* Returns what Xen's last policydb_read() consumed of its input, in bytes. */
size_t oracle_consumed(void)
{
	return oracle_read_consumed;
}

/*
 * services.c calls this for policydb_read() (xen-services.c defines
 * policydb_read as xenshim_policydb_read around it): Xen's own
 * policydb_read(), then how far it got in the file, which
 * security_load_policy() keeps in a local.  Returns what policydb_read()
 * returned.
 */
int xenshim_policydb_read(struct policydb *p, void *fp);
int xenshim_policydb_read(struct policydb *p, void *fp)
{
	struct policy_file *file = fp;
	size_t len = file->len;
	int rc;

	rc = policydb_read(p, fp);
	oracle_read_consumed = len - file->len;
	return rc;
}
