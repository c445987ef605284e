/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz.h - what the libFuzzer harnesses share. */
#ifndef FLASK_UTILS_FUZZ_H
#define FLASK_UTILS_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A property of the code under test does not hold: a crash to report. */
#define CHECK(cond) do { if (!(cond)) __builtin_trap(); } while (0)

/* A malloc'ed, NUL-terminated copy of data[size] (NULL: out of memory). */
static inline char *fuzz_strndup(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s) {
		memcpy(s, data, size);
		s[size] = '\0';
	}
	return s;
}

#endif
