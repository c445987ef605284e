// SPDX-License-Identifier: GPL-2.0-or-later
/* test-guest.c - unit tests of what --guest reads of Xen's command line. */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "guest.h"

/* Command lines as Xen's parse_iommu_param() would leave iommu_intremap. */
static void cmdline_intremap(void **state)
{
	static const struct {
		const char *cmdline;
		int on;
	} cases[] = {
		{ "", 1 },
		{ "console=com1 flask=enforcing", 1 },
		{ "iommu=1,no-quarantine", 1 },
		{ "iommu=1,no-quarantine,no-intremap", 0 },
		{ "iommu=no-intremap", 0 },
		{ "flask=enforcing iommu=no-intremap dom0_mem=512M", 0 },
		{ "iommu=intremap=0", 0 },
		{ "iommu=intremap=off", 0 },
		{ "iommu=intremap=false", 0 },
		{ "iommu=intremap=disable", 0 },
		{ "iommu=intremap=no", 0 },
		{ "iommu=intremap=yes", 1 },
		{ "iommu=no-intremap iommu=intremap", 1 },	/* the last wins */
		{ "iommu=intremap,no-intremap", 0 },
		{ "iommu=no-intremap,intremap=1", 1 },
		/* not the option: other words, other options, bad values */
		{ "no-intremap", 1 },
		{ "xiommu=no-intremap", 1 },
		{ "iommu=no-intremapx", 1 },
		{ "iommu=no-intremap=0", 1 },
		{ "iommu=intremap=maybe", 1 },
		{ "iommu=amd-iommu-perdev-intremap=0", 1 },
		{ "iommu=", 1 },
		{ "iommu=,,", 1 },
		{ "  iommu=no-intremap  ", 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (guest_cmdline_intremap(cases[i].cmdline) != cases[i].on)
			fail_msg("'%s': expected %d", cases[i].cmdline,
				 cases[i].on);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cmdline_intremap),
	};

	return cmocka_run_group_tests_name("guest", tests, NULL, NULL);
}
