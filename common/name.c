// SPDX-License-Identifier: GPL-2.0-or-later
/* name.c - boolean names: which ones a command line may give, and how one is printed. */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "flask.h"
#include "name.h"

int name_check(const char *name, size_t *bad)
{
	const unsigned char *s = (const unsigned char *)name;
	size_t i;

	if (!*s) {
		if (bad)
			*bad = 0;
		return -EINVAL;
	}
	for (i = 0; s[i]; i++) {
		if (s[i] <= ' ' || s[i] == 0x7f) {
			if (bad)
				*bad = i;
			return -EINVAL;
		}
		if (i >= FLASK_STRING_MAX)
			return -ENAMETOOLONG;
	}
	return 0;
}

int name_escaped(unsigned char c)
{
	return c <= ' ' || c >= 0x7f || c == '\\';
}

size_t name_escape(char *out, size_t size, const char *name)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *s = (const unsigned char *)name;
	char esc[4] = { '\\', 'x' };
	size_t n = 0, i, w;
	const char *p;

	for (; *s; s++) {
		if (name_escaped(*s)) {
			esc[2] = hex[*s >> 4];
			esc[3] = hex[*s & 0xf];
			p = esc;
			w = 4;
		} else {
			p = (const char *)s;
			w = 1;
		}
		for (i = 0; i < w; i++, n++)
			if (n + 1 < size)
				out[n] = p[i];
	}
	if (size)
		out[n < size ? n : size - 1] = '\0';
	return n;
}

const char *name_show(const char *name)
{
	static char *slot[NAME_SHOW_SLOTS];
	static unsigned int next;
	const unsigned char *s;
	size_t len;
	char *copy;

	for (s = (const unsigned char *)name; *s; s++)
		if (name_escaped(*s))
			break;
	if (!*s)
		return name;
	len = name_escape(NULL, 0, name);
	copy = malloc(len + 1);
	if (!copy)
		return NAME_SHOW_NOMEM;
	name_escape(copy, len + 1, name);
	/* the oldest copy goes: the slots keep the last few alive */
	free(slot[next]);
	slot[next] = copy;
	next = (next + 1) % NAME_SHOW_SLOTS;
	return copy;
}
