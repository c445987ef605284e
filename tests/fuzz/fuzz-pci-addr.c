// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz-pci-addr.c - pci_parse_addr(): an address it accepts is in range,
 * and its canonical name (pci_name) parses back to the same address.
 */

#include "fuzz.h"
#include "pci.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_strndup(data, size), name[PCI_NAME_LEN];
	struct pci_addr a, b;

	if (!s)
		return 0;
	if (pci_parse_addr(s, &a) == 0) {
		CHECK(a.seg <= 0xffff && a.bus <= 0xff && a.dev <= 0x1f &&
		      a.fn <= 7);
		pci_name(&a, name);
		CHECK(strlen(name) == PCI_NAME_LEN - 1);
		CHECK(pci_parse_addr(name, &b) == 0);
		CHECK(a.seg == b.seg && a.bus == b.bus && a.dev == b.dev &&
		      a.fn == b.fn);
		CHECK(pci_sbdf(&a) ==
		      (a.seg << 16 | a.bus << 8 | a.dev << 3 | a.fn));
	}
	free(s);
	return 0;
}
