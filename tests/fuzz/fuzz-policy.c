// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz-policy.c - policy_parse() and libsepol behind it: what
 * policydb_check() accepts, libsepol reads, lists the booleans of, sets
 * one of and writes back without crashing or hanging (libsepol itself is
 * not instrumented: ASan sees its heap, and any crash or hang in it), and
 * the image libsepol writes passes policydb_check() again.  What
 * policydb_check() refuses never reaches libsepol.
 */

#include <errno.h>
#include <stdio.h>

#include "fuzz.h"
#include "policy.h"
#include "policydb.h"

struct walk {
	unsigned int n;
	char first[256];
};

static int one_bool(const char *name, int value, void *arg)
{
	struct walk *w = arg;

	CHECK(name && (value == 0 || value == 1));
	if (!w->n++)
		snprintf(w->first, sizeof(w->first), "%s", name);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* an exact copy, so that ASan sees a read past its end */
	uint8_t *buf = malloc(size ? size : 1);
	struct walk w = { 0, "" };
	struct policy *p = NULL;
	char why[256];
	void *image = NULL;
	size_t len = 0;
	int rc;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	if (policydb_check(buf, size, why, sizeof(why)) < 0)
		goto out;
	rc = policy_parse(buf, size, &p, why, sizeof(why));
	CHECK(rc != -ELIBACC);	/* libsepol.so.2 must be there */
	if (rc < 0)
		goto out;
	rc = policy_bools(p, one_bool, &w);
	CHECK(rc == 0 || rc == -EINVAL);
	if (w.n)
		CHECK(policy_set_bool(p, w.first, 1) != -ENOENT);
	CHECK(policy_set_bool(p, "no such boolean in any policy", 1) ==
	      -ENOENT);
	/* what flask-set-bool -P writes must pass our own check again */
	if (policy_image(p, &image, &len) == 0)
		CHECK(image && len > 0 &&
		      policydb_check(image, len, why, sizeof(why)) == 0);
	free(image);
	policy_check_context(p, "system_u:object_r:nic_dev_t");
	policy_free(p);
out:
	free(buf);
	return 0;
}
