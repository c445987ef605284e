/* SPDX-License-Identifier: GPL-2.0-or-later */
/* json.h - -J/--json: one JSON object on standard output, written as it goes. */
#ifndef FLASK_UTILS_JSON_H
#define FLASK_UTILS_JSON_H

/*
 * A tool prints at most one JSON document, so the writer keeps its state
 * here.  Every call inside an object takes the member's key; inside an
 * array key is NULL.  Strings are written as UTF-8: '"', '\\' and control
 * characters escaped, a byte that is not part of valid UTF-8 written as
 * U+FFFD.  Indented by two spaces a level, ended by a newline.
 */

/*
 * Objects and arrays nest at most this deep, the document included; more,
 * an end without its start, or a second document aborts: a bug.
 */
#define JSON_DEPTH_MAX 16

/* Starts the document: "{". */
void json_open(void);

/* Ends it: closes what is open, "}" and a newline; nothing when not open. */
void json_close(void);

void json_object(const char *key);
void json_object_end(void);
void json_array(const char *key);
void json_array_end(void);

/* A string, or null when value is NULL. */
void json_string(const char *key, const char *value);
void json_int(const char *key, long long value);
void json_bool(const char *key, int value);
void json_null(const char *key);

/* Writes s as a JSON string, quoted, to standard output. */
void json_quote(const char *s);

#endif
