// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz-label.c - label_parse(): a line it accepts is exactly what
 * label_format() writes for the label it parsed (one spelling per label),
 * and the label is one the hypervisor can take.
 */

#include <errno.h>
#include <stdio.h>

#include "fuzz.h"
#include "label.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *line = fuzz_strndup(data, size), *orig, *buf;
	struct label l;
	size_t len;
	int rc;

	if (!line)
		return 0;
	orig = strdup(line);
	len = strlen(line);
	buf = malloc(len + 2);
	if (!orig || !buf)
		goto out;
	rc = label_parse(line, &l);
	CHECK(rc == 0 || rc == -EINVAL || rc == -ENOMEM);
	if (rc == 0) {
		CHECK(l.kind == FLASK_OCON_PIRQ || l.kind == FLASK_OCON_IOPORT ||
		      l.kind == FLASK_OCON_IOMEM ||
		      l.kind == FLASK_OCON_DEVICE);
		CHECK(l.low <= l.high);
		CHECK(l.kind == FLASK_OCON_IOMEM || l.high <= UINT32_MAX);
		CHECK(l.context >= line && l.context < line + len &&
		      *l.context);
		CHECK((size_t)label_format(buf, len + 2, &l) == len);
		CHECK(!strcmp(buf, orig));
	}
out:
	free(buf);
	free(orig);
	free(line);
	return 0;
}
