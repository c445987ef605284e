// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * op-trap.c - an LD_PRELOAD trap for the test cases: makes one FLASK
 * operation fail, or wait, so that the all-or-nothing and locking paths can
 * be shown on the real hypervisor.  Every other hypercall, and the trapped
 * one when it waits, goes through to the hypervisor untouched.
 *
 *   FLASK_TRAP_CMD=N     the FLASK command to trap (flask_op.h numbers:
 *                        12 SETBOOL, 13 COMMITBOOLS, ...), or "any": every
 *                        FLASK operation counts
 *   FLASK_TRAP_AT=K      trap its K-th call (default 1)
 *   FLASK_TRAP_ERRNO=E   fail it with errno E (default EIO) ...
 *   FLASK_TRAP_WAIT=MS   ... or instead wait MS milliseconds, then issue it
 *   FLASK_TRAP_MARK=FILE create FILE when the trap springs
 *   FLASK_TRAP_COUNT=FILE append a line to FILE for every hypercall made
 *                        through xencall1 ("xsm_op CMD" or "op OP"): the
 *                        benchmark counts them (nothing is trapped unless
 *                        FLASK_TRAP_CMD is set too)
 */

#define __XEN_TOOLS__ 1

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <xen/xen.h>
#include <xen/xsm/flask_op.h>
#include <xencall.h>

typedef int xencall1_fn(xencall_handle *, unsigned int, uint64_t);

/* Returns the value of environment variable name, or def when unset. */
static long env_long(const char *name, long def)
{
	const char *s = getenv(name);

	return s && *s ? strtol(s, NULL, 0) : def;
}

/* Appends a line for hypercall op to FLASK_TRAP_COUNT's file, if set. */
static void count(unsigned int op, const xen_flask_op_t *fop)
{
	const char *file = getenv("FLASK_TRAP_COUNT");
	char line[64];
	int fd, len;

	if (!file || (fd = open(file, O_WRONLY | O_CREAT | O_APPEND, 0644)) < 0)
		return;
	if (op == __HYPERVISOR_xsm_op)
		len = snprintf(line, sizeof(line), "xsm_op %u\n", fop->cmd);
	else
		len = snprintf(line, sizeof(line), "op %u\n", op);
	if (write(fd, line, len) != len)
		len = -1;
	close(fd);
}

/* Springs the trap: marks it, then waits or fails. Returns 0 to go on. */
static int spring(void)
{
	const char *mark = getenv("FLASK_TRAP_MARK");
	long ms = env_long("FLASK_TRAP_WAIT", -1);
	int fd;

	if (mark && (fd = open(mark, O_WRONLY | O_CREAT, 0644)) >= 0)
		close(fd);
	if (ms >= 0) {
		struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

		while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
			;
		return 0;
	}
	errno = (int)env_long("FLASK_TRAP_ERRNO", EIO);
	return -1;
}

int xencall1(xencall_handle *xcall, unsigned int op, uint64_t arg1)
{
	static xencall1_fn *real;
	static long calls;
	const xen_flask_op_t *fop = (const xen_flask_op_t *)(uintptr_t)arg1;
	const char *cmd = getenv("FLASK_TRAP_CMD");

	if (!real)
		real = (xencall1_fn *)dlsym(RTLD_NEXT, "xencall1");
	count(op, fop);
	if (op == __HYPERVISOR_xsm_op && cmd &&
	    (!strcmp(cmd, "any") ||
	     fop->cmd == (uint32_t)strtol(cmd, NULL, 0)) &&
	    ++calls == env_long("FLASK_TRAP_AT", 1) && spring() < 0)
		return -1;
	return real(xcall, op, arg1);
}
