// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz-policydb.c - policydb_check(), our complete read of a binary Xen
 * policy: whatever the image, it returns (in time linear in its size,
 * which -timeout watches) with 0, or -EINVAL and a reason.
 */

#include <errno.h>

#include "fuzz.h"
#include "policydb.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* an exact copy, so that ASan sees a read past its end */
	uint8_t *buf = malloc(size ? size : 1);
	char why[256];
	int rc;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	why[0] = '\0';
	rc = policydb_check(buf, size, NULL, why, sizeof(why));
	CHECK(rc == 0 || rc == -EINVAL);
	if (rc < 0)
		CHECK(why[0] && memchr(why, '\0', sizeof(why)));
	free(buf);
	return 0;
}
