// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz-parse.c - the command-line word parsers of parse.h:
 * parse_bool_value, parse_enforce_mode and parse_assignment.
 */

#include <errno.h>

#include "fuzz.h"
#include "parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_strndup(data, size), *orig, *value = NULL;
	size_t len;
	int rc;

	if (!s)
		return 0;
	len = strlen(s);	/* what a C string of the input holds */
	rc = parse_bool_value(s);
	CHECK(rc == 0 || rc == 1 || rc == -EINVAL);
	rc = parse_enforce_mode(s);
	CHECK(rc == 0 || rc == 1 || rc == -EINVAL);
	orig = strdup(s);
	if (!orig) {
		free(s);
		return 0;
	}
	rc = parse_assignment(s, &value);
	if (rc == 0) {
		/* NAME (not empty, no '=') '=' VALUE is what was given */
		size_t n = strlen(s);

		CHECK(n > 0 && n < len && !strchr(s, '='));
		CHECK(value == s + n + 1 && orig[n] == '=');
		CHECK(!memcmp(s, orig, n) && !strcmp(value, orig + n + 1));
	} else {
		CHECK(rc == -EINVAL && !strcmp(s, orig));
	}
	free(orig);
	free(s);
	return 0;
}
