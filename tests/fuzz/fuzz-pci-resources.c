// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz-pci-resources.c - pci_parse_resources(), on the text of a sysfs
 * resource file (text[len] == '\0', as file_read() leaves it): what it
 * accepts is in line order, each range the right way round.
 */

#include <errno.h>

#include "fuzz.h"
#include "pci.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_strndup(data, size);
	struct pci_device d;
	size_t i;
	int rc;

	if (!text)
		return 0;
	memset(&d, 0, sizeof(d));
	rc = pci_parse_resources(text, size, &d);
	CHECK(rc == 0 || rc == -EINVAL || rc == -ENOMEM);
	if (rc == 0) {
		/*
		 * a line is exactly 3 x "0x" + 16 digits, 2 blanks and a
		 * newline, as the kernel writes it: no more lines than fit
		 */
		CHECK(size % 57 == 0 && d.nres <= size / 57);
		for (i = 0; i < d.nres; i++) {
			CHECK(d.res[i].start <= d.res[i].end);
			CHECK(d.res[i].io == 0 || d.res[i].io == 1);
			CHECK(i == 0 || d.res[i - 1].line < d.res[i].line);
		}
	}
	pci_device_free(&d);
	free(text);
	return 0;
}
