// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz-pci-irq.c - pci_parse_irq(), on the text of a sysfs irq file: what
 * it accepts is decimal digits and one newline, and prints back the same.
 */

#include <errno.h>
#include <stdio.h>

#include "fuzz.h"
#include "pci.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* a copy of exactly size bytes, no NUL after it: nothing is read past */
	char *text = malloc(size ? size : 1), back[16];
	unsigned int irq = 0;
	size_t i;
	int rc;

	if (!text)
		return 0;
	memcpy(text, data, size);
	rc = pci_parse_irq(text, size, &irq);
	CHECK(rc == 0 || rc == -EINVAL);
	if (rc == 0) {
		CHECK(size >= 2 && size <= 11 && text[size - 1] == '\n');
		for (i = 0; i + 1 < size; i++)
			CHECK(text[i] >= '0' && text[i] <= '9');
		/* the same number, leading zeros aside */
		snprintf(back, sizeof(back), "%u\n", irq);
		for (i = 0; i + 2 < size && text[i] == '0'; i++)
			;
		CHECK(strlen(back) == size - i && !memcmp(back, text + i,
							   size - i));
	}
	free(text);
	return 0;
}
