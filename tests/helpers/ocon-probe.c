// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ocon-probe.c - tells the test cases whether the hypervisor has a label on
 * a resource, independently of our own code: through libxenctrl, it adds a
 * label with context PROBE (default system_u:object_r:domU_t, which the
 * cases never give), then removes it again.  "labelled" when Xen refuses
 * (EEXIST: labelled with a context other than PROBE), "free" when the add
 * succeeded (and was undone).  Never probe with the label's own context:
 * Xen takes an identical ioport or iomem label without storing it, so the
 * removal would take the real one.
 * Usage: ocon-probe device|pirq|ioport|iomem LOW [HIGH [PROBE]]
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xenctrl.h>

#define PROBE_CONTEXT "system_u:object_r:domU_t"

int main(int argc, char **argv)
{
	char *ctx = argc == 5 ? argv[4] : strdup(PROBE_CONTEXT);
	unsigned long low, high;
	xc_interface *xch;
	int rc, del;

	if (argc < 3 || argc > 5) {
		fprintf(stderr, "usage: ocon-probe KIND LOW [HIGH [PROBE]]\n");
		return 1;
	}
	low = strtoul(argv[2], NULL, 0);
	high = argc >= 4 ? strtoul(argv[3], NULL, 0) : low;
	xch = xc_interface_open(NULL, NULL, 0);
	if (!xch)
		return 1;
	if (!strcmp(argv[1], "device")) {
		rc = xc_flask_add_device(xch, low, ctx);
		del = rc ? 0 : xc_flask_del_device(xch, low);
	} else if (!strcmp(argv[1], "pirq")) {
		rc = xc_flask_add_pirq(xch, low, ctx);
		del = rc ? 0 : xc_flask_del_pirq(xch, low);
	} else if (!strcmp(argv[1], "ioport")) {
		rc = xc_flask_add_ioport(xch, low, high, ctx);
		del = rc ? 0 : xc_flask_del_ioport(xch, low, high);
	} else if (!strcmp(argv[1], "iomem")) {
		rc = xc_flask_add_iomem(xch, low, high, ctx);
		del = rc ? 0 : xc_flask_del_iomem(xch, low, high);
	} else {
		fprintf(stderr, "ocon-probe: unknown kind '%s'\n", argv[1]);
		return 1;
	}
	xc_interface_close(xch);
	if (rc && errno == EEXIST) {
		printf("%s %s labelled\n", argv[1], argv[2]);
		return 0;
	}
	if (rc || del) {
		perror("ocon-probe");
		return 1;
	}
	printf("%s %s free\n", argv[1], argv[2]);
	return 0;
}
