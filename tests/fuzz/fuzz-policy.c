// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz-policy.c - what the tools do with a policy file they read
 * (common/policydb.c): what policydb_open() accepts has booleans with a
 * default of 0 or 1, one of them can be set in place, and the image so
 * changed is a whole policy again, with that default; contexts are
 * checked without crashing.  What it refuses is refused as
 * policydb_check() refuses it.
 */

#include <errno.h>
#include <stdio.h>

#include "fuzz.h"
#include "policydb.h"

struct walk {
	unsigned int n;
	char first[256];
	int value;		/* the first one's default */
};

static int one_bool(const char *name, int value, void *arg)
{
	struct walk *w = arg;

	CHECK(name && (value == 0 || value == 1));
	if (!w->n++) {
		snprintf(w->first, sizeof(w->first), "%s", name);
		w->value = value;
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* an exact copy, so that ASan sees a read past its end */
	uint8_t *buf = malloc(size ? size : 1);
	struct walk w = { 0, "", 0 }, again = { 0, "", 0 };
	struct policydb *p = NULL, *q = NULL;
	const void *image;
	char why[256];
	size_t len;
	int rc;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	rc = policydb_open(buf, size, NULL, &p, why, sizeof(why));
	CHECK((rc == 0) == (policydb_check(buf, size, NULL, why, sizeof(why)) == 0));
	if (rc < 0)
		goto out;
	CHECK(policydb_bools(p, one_bool, &w) == 0);
	if (w.n)
		CHECK(policydb_set_bool(p, w.first, !w.value) == 0);
	CHECK(policydb_set_bool(p, "no such boolean in any policy", 1) ==
	      -ENOENT);
	/* what flask-set-bool -P writes is a whole policy, with the change */
	image = policydb_image(p, &len);
	CHECK(len == size);
	CHECK(policydb_open(image, len, NULL, &q, why, sizeof(why)) == 0);
	CHECK(policydb_bools(q, one_bool, &again) == 0);
	CHECK(again.n == w.n && (!w.n || again.value == !w.value));
	policydb_check_context(p, "system_u:object_r:nic_dev_t");
	policydb_check_context(p, "system_u:object_r:nic_dev_t:s0:c0.c3");
	policydb_close(q);
	policydb_close(p);
out:
	free(buf);
	return 0;
}
