// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz-policy-header.c - policy_header(), on the first bytes of a policy
 * file: never reads past them, and gives a reason whenever it refuses.
 */

#include <errno.h>

#include "fuzz.h"
#include "policy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* an exact copy, so that ASan sees a read past its end */
	uint8_t *buf = malloc(size ? size : 1);
	struct policy_info info;
	const char *why = NULL;
	int rc;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	rc = policy_header(buf, size, &info, &why);
	CHECK(rc == 0 || rc == -EINVAL);
	if (rc == 0)
		CHECK(info.xen == 0 || info.xen == 1);
	else
		CHECK(why && *why);
	free(buf);
	return 0;
}
