// SPDX-License-Identifier: GPL-2.0-or-later
/* json.c - -J/--json: one JSON object on standard output, written as it goes. */

#include <stdio.h>
#include <stdlib.h>

#include "json.h"

#define DEPTH_MAX JSON_DEPTH_MAX

static int depth;		/* open objects and arrays */
static int members[DEPTH_MAX];	/* written so far at each depth */
static char closer[DEPTH_MAX];	/* '}' or ']' */

/* The length of the valid UTF-8 sequence at s, or 0. */
static int utf8_length(const unsigned char *s)
{
	int n, i;
	unsigned int c;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, c = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, c = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, c = s[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	/* overlong forms, surrogates and beyond U+10FFFF are not UTF-8 */
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 0;
	return n;
}

void json_quote(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	int n;

	putchar('"');
	while (*s) {
		if (*s == '"' || *s == '\\') {
			printf("\\%c", *s++);
		} else if (*s == '\n') {
			fputs("\\n", stdout), s++;
		} else if (*s == '\t') {
			fputs("\\t", stdout), s++;
		} else if (*s < 0x20 || *s == 0x7f) {
			printf("\\u%04x", *s++);
		} else if ((n = utf8_length(s)) > 0) {
			fwrite(s, 1, n, stdout);
			s += n;
		} else {
			fputs("\\ufffd", stdout), s++;
		}
	}
	putchar('"');
}

/* Starts a member: the comma, the line, the indent and the key. */
static void member(const char *key)
{
	if (depth > 0 && members[depth - 1]++)
		putchar(',');
	printf("\n%*s", 2 * depth, "");
	if (key) {
		json_quote(key);
		fputs(": ", stdout);
	}
}

/* Deeper nesting, or an end without a start, is a bug of the caller. */
static void open_level(const char *key, char c)
{
	if (depth >= DEPTH_MAX)
		abort();
	member(key);
	putchar(c);
	members[depth] = 0;
	closer[depth] = c == '{' ? '}' : ']';
	depth++;
}

static void close_level(void)
{
	if (depth <= 0)
		abort();
	depth--;
	if (members[depth])
		printf("\n%*s", 2 * depth, "");
	putchar(closer[depth]);
}

void json_open(void)
{
	if (depth)
		abort();
	putchar('{');
	members[0] = 0;
	closer[0] = '}';
	depth = 1;
}

void json_close(void)
{
	if (!depth)
		return;
	while (depth > 0)
		close_level();
	putchar('\n');
}

void json_object(const char *key)
{
	open_level(key, '{');
}

void json_object_end(void)
{
	close_level();
}

void json_array(const char *key)
{
	open_level(key, '[');
}

void json_array_end(void)
{
	close_level();
}

void json_string(const char *key, const char *value)
{
	member(key);
	if (value)
		json_quote(value);
	else
		fputs("null", stdout);
}

void json_int(const char *key, long long value)
{
	member(key);
	printf("%lld", value);
}

void json_bool(const char *key, int value)
{
	member(key);
	fputs(value ? "true" : "false", stdout);
}

void json_null(const char *key)
{
	member(key);
	fputs("null", stdout);
}
