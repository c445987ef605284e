// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * flask-state.c - prints what the hypervisor's FLASK state is, through
 * libxenctrl (independently of our own code), for the sweeps to compare
 * before and after a command: the mode, every boolean (current and
 * pending), and for each resource given whether it is labelled.
 *
 * A resource is probed as ocon-probe does: a label with context
 * system_u:object_r:domU_t (which the cases never give) is added and
 * removed again; "labelled" when Xen refuses the add (EEXIST), "free" when
 * it was taken (and undone).
 *
 * Usage: flask-state [KIND LOW HIGH]...   (KIND: device, pirq, ioport, iomem)
 * Prints one line each: "mode N", "bool NAME CUR PEND", "KIND LOW-HIGH
 * free|labelled".  Exits 1 on a usage error, 2 when an operation fails.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xenctrl.h>

#define PROBE_CONTEXT "system_u:object_r:domU_t"

/* Adds and removes a probe label. Returns 1 labelled, 0 free, -1 error. */
static int probe(xc_interface *xch, const char *kind, unsigned long low,
		 unsigned long high)
{
	char ctx[] = PROBE_CONTEXT;
	int rc, del = 0;

	if (!strcmp(kind, "device")) {
		rc = xc_flask_add_device(xch, low, ctx);
		del = rc ? 0 : xc_flask_del_device(xch, low);
	} else if (!strcmp(kind, "pirq")) {
		rc = xc_flask_add_pirq(xch, low, ctx);
		del = rc ? 0 : xc_flask_del_pirq(xch, low);
	} else if (!strcmp(kind, "ioport")) {
		rc = xc_flask_add_ioport(xch, low, high, ctx);
		del = rc ? 0 : xc_flask_del_ioport(xch, low, high);
	} else if (!strcmp(kind, "iomem")) {
		rc = xc_flask_add_iomem(xch, low, high, ctx);
		del = rc ? 0 : xc_flask_del_iomem(xch, low, high);
	} else {
		fprintf(stderr, "flask-state: unknown kind '%s'\n", kind);
		return -1;
	}
	if (rc && errno == EEXIST)
		return 1;
	if (rc || del) {
		perror("flask-state");
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	char name[256];
	int i, cur, pend, rc;
	xc_interface *xch;

	if ((argc - 1) % 3) {
		fprintf(stderr, "usage: flask-state [KIND LOW HIGH]...\n");
		return 1;
	}
	xch = xc_interface_open(NULL, NULL, 0);
	if (!xch)
		return 2;
	printf("mode %d\n", xc_flask_getenforce(xch));
	for (i = 0; xc_flask_getbool_byid(xch, i, name, sizeof(name), &cur,
					  &pend) == 0; i++)
		printf("bool %s %d %d\n", name, cur, pend);
	for (i = 1; i + 2 < argc; i += 3) {
		unsigned long low = strtoul(argv[i + 1], NULL, 0);
		unsigned long high = strtoul(argv[i + 2], NULL, 0);

		rc = probe(xch, argv[i], low, high);
		if (rc < 0) {
			xc_interface_close(xch);
			return 2;
		}
		printf("%s %#lx-%#lx %s\n", argv[i], low, high,
		       rc ? "labelled" : "free");
	}
	xc_interface_close(xch);
	return 0;
}
