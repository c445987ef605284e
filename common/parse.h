/* SPDX-License-Identifier: GPL-2.0-or-later */
/* parse.h - pure parsers for command-line words; no hypervisor needed. */
#ifndef FLASK_UTILS_PARSE_H
#define FLASK_UTILS_PARSE_H

/*
 * Parses a boolean value, a whole word, case-insensitive: 1/0, on/off,
 * true/false, yes/no, y/n, enabled/disabled.  Returns 1 or 0, or -EINVAL
 * for anything else ("10", "1abc", "").
 */
int parse_bool_value(const char *s);

/*
 * Parses an enforcing mode, case-insensitive: 1 or Enforcing, 0 or
 * Permissive.  Returns 1 or 0, or -EINVAL.
 */
int parse_enforce_mode(const char *s);

/*
 * Splits "NAME=VALUE" in place at the first '=': arg keeps NAME and *value
 * points at VALUE.  Returns 0, or -EINVAL when there is no '=' or NAME is
 * empty (arg is then left as it was).
 */
int parse_assignment(char *arg, char **value);

#endif
