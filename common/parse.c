// SPDX-License-Identifier: GPL-2.0-or-later
/* parse.c - pure parsers for command-line words; no hypervisor needed. */

#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "parse.h"

/* Returns the index of s in words (case-insensitive), or -1. */
static int word_index(const char *s, const char *const *words)
{
	int i;

	for (i = 0; words[i]; i++)
		if (!strcasecmp(s, words[i]))
			return i;
	return -1;
}

int parse_bool_value(const char *s)
{
	static const char *const on[] = {
		"1", "on", "true", "yes", "y", "enabled", NULL
	};
	static const char *const off[] = {
		"0", "off", "false", "no", "n", "disabled", NULL
	};

	if (word_index(s, on) >= 0)
		return 1;
	if (word_index(s, off) >= 0)
		return 0;
	return -EINVAL;
}

int parse_enforce_mode(const char *s)
{
	static const char *const on[] = { "1", "enforcing", NULL };
	static const char *const off[] = { "0", "permissive", NULL };

	if (word_index(s, on) >= 0)
		return 1;
	if (word_index(s, off) >= 0)
		return 0;
	return -EINVAL;
}

int parse_assignment(char *arg, char **value)
{
	char *eq = strchr(arg, '=');

	if (!eq || eq == arg)
		return -EINVAL;
	*eq = '\0';
	*value = eq + 1;
	return 0;
}
