// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * xen-reset.c - the bench's reset of the hypervisor between two cases
 * (tests/xen/dom0/run-cases), through libxenctrl, independently of our own
 * code, in one process: what Xen's flask-loadpolicy, flask-get-bool -a,
 * flask-set-bool, flask-getenforce, flask-setenforce and `xl dmesg -c` did
 * in five to seven (a process start costs about 0.15 s in the bench's dom0).
 *
 * Usage: xen-reset record
 *            prints the state to return to: "enforce N", then "bool NAME
 *            VALUE" for each boolean, in the hypervisor's order
 *        xen-reset POLICY STATE [--clear-console]
 *            loads POLICY (which drops pending boolean values and the
 *            run-time labels); sets each boolean whose value differs from
 *            STATE's (a file `record` wrote) back to it, and the enforcing
 *            mode; reads both again and checks them against STATE; with
 *            --clear-console, empties Xen's console ring as `xl dmesg -c`
 *            does
 * Exits 0, or 1 with one line on stderr saying what failed.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xenctrl.h>

#define NAME_MAX_LEN 256
#define STATE_MAX_BOOLS 1024

struct state {
	int enforce;
	size_t nbools;
	struct {
		char name[NAME_MAX_LEN];
		int value;
	} bools[STATE_MAX_BOOLS];
};

static struct state want, now;

static int fail(const char *what, int err)
{
	fprintf(stderr, "xen-reset: %s: %s\n", what, strerror(err));
	return 1;
}

/* Reads the hypervisor's state into s. Returns 0 or an errno. */
static int read_state(xc_interface *xch, struct state *s)
{
	int cur, pend;

	s->enforce = xc_flask_getenforce(xch);
	if (s->enforce < 0)
		return errno;
	for (s->nbools = 0; s->nbools < STATE_MAX_BOOLS; s->nbools++) {
		char *name = s->bools[s->nbools].name;

		if (xc_flask_getbool_byid(xch, s->nbools, name, NAME_MAX_LEN,
					  &cur, &pend))
			return errno == ENOENT ? 0 : errno;
		s->bools[s->nbools].value = cur;
	}
	return E2BIG;
}

static int read_file(const char *path, struct state *s)
{
	char line[NAME_MAX_LEN + 32];
	FILE *f = fopen(path, "r");

	if (!f)
		return errno;
	s->nbools = 0;
	s->enforce = -1;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "enforce %d", &s->enforce) == 1)
			continue;
		if (s->nbools == STATE_MAX_BOOLS ||
		    sscanf(line, "bool %255s %d", s->bools[s->nbools].name,
			   &s->bools[s->nbools].value) != 2) {
			fclose(f);
			return EINVAL;
		}
		s->nbools++;
	}
	fclose(f);
	return s->enforce < 0 ? EINVAL : 0;
}

static int same(const struct state *a, const struct state *b)
{
	size_t i;

	if (a->enforce != b->enforce || a->nbools != b->nbools)
		return 0;
	for (i = 0; i < a->nbools; i++)
		if (strcmp(a->bools[i].name, b->bools[i].name) ||
		    a->bools[i].value != b->bools[i].value)
			return 0;
	return 1;
}

static int load_policy(xc_interface *xch, const char *path)
{
	char *buf = NULL;
	long size;
	int rc = 0;
	FILE *f = fopen(path, "rb");

	if (!f)
		return errno;
	if (fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET))
		rc = errno;
	else if (!(buf = malloc(size ? size : 1)))
		rc = ENOMEM;
	else if (fread(buf, 1, size, f) != (size_t)size)
		rc = EIO;
	else if (xc_flask_load(xch, buf, size))
		rc = errno;
	free(buf);
	fclose(f);
	return rc;
}

static int clear_console(xc_interface *xch)
{
	static char buf[16384];
	unsigned int n = sizeof(buf), index = 0;

	return xc_readconsolering(xch, buf, &n, 1, 0, &index) ? errno : 0;
}

int main(int argc, char **argv)
{
	xc_interface *xch;
	size_t i;
	int rc, clear = argc == 4 && !strcmp(argv[3], "--clear-console");

	if (!(argc == 2 && !strcmp(argv[1], "record")) &&
	    !(argc == 3 || clear)) {
		fprintf(stderr, "usage: xen-reset record | "
				"xen-reset POLICY STATE [--clear-console]\n");
		return 1;
	}
	xch = xc_interface_open(NULL, NULL, 0);
	if (!xch)
		return fail("xc_interface_open", errno);
	if (argc == 2) {
		if ((rc = read_state(xch, &now)))
			return fail("reading the state", rc);
		printf("enforce %d\n", now.enforce);
		for (i = 0; i < now.nbools; i++)
			printf("bool %s %d\n", now.bools[i].name,
			       now.bools[i].value);
		return fflush(stdout) ? fail("stdout", errno) : 0;
	}
	if ((rc = read_file(argv[2], &want)))
		return fail(argv[2], rc);
	if ((rc = load_policy(xch, argv[1])))
		return fail(argv[1], rc);
	if ((rc = read_state(xch, &now)))
		return fail("reading the state", rc);
	for (i = 0; i < want.nbools; i++) {
		size_t j;

		for (j = 0; j < now.nbools; j++)
			if (!strcmp(now.bools[j].name, want.bools[i].name))
				break;
		if (j < now.nbools && now.bools[j].value == want.bools[i].value)
			continue;
		if (xc_flask_setbool(xch, want.bools[i].name,
				     want.bools[i].value, 1))
			return fail(want.bools[i].name, errno);
	}
	if (now.enforce != want.enforce &&
	    xc_flask_setenforce(xch, want.enforce))
		return fail("setenforce", errno);
	if ((rc = read_state(xch, &now)))
		return fail("reading the state again", rc);
	if (!same(&now, &want)) {
		fprintf(stderr, "xen-reset: the state differs from %s after "
				"the reset\n", argv[2]);
		return 1;
	}
	if (clear && (rc = clear_console(xch)))
		return fail("clearing the console ring", rc);
	xc_interface_close(xch);
	return 0;
}
