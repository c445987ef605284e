/* SPDX-License-Identifier: GPL-2.0-or-later */
/* name.h - boolean names: which ones a command line may give, and how one is printed. */
#ifndef FLASK_UTILS_NAME_H
#define FLASK_UTILS_NAME_H

#include <stddef.h>

/*
 * A policy may give its booleans any bytes but NUL as names: a newline, an
 * ESC, a blank.  Such a name must never reach a terminal, a settings file
 * or a line a script parses as it is.
 */

/*
 * Checks a boolean name that comes in from a command line or a settings
 * file: not empty, no control character (0x00-0x1f, 0x7f) nor blank, and
 * at most FLASK_STRING_MAX bytes (what the hypervisor copies in).  Any
 * other byte is allowed.  Returns 0; -EINVAL (empty, or a byte not
 * allowed: its offset in *bad unless bad is NULL); -ENAMETOOLONG.
 */
int name_check(const char *name, size_t *bad);

/*
 * Whether byte c is printed escaped: every byte that is not printable
 * ASCII (0x00-0x20, 0x7f-0xff: controls, the blank, and every byte of
 * other characters) and the backslash.
 */
int name_escaped(unsigned char c);

/*
 * Writes name into out[size] as it is printed: each byte name_escaped()
 * says as "\xNN" (two lower-case hex digits), every other byte as it is.
 * A name of printable ASCII without a backslash is printed unchanged.
 * Like snprintf, writes at most size - 1 bytes and a NUL (when size > 0)
 * and returns the length of the whole escaped name, however long.
 */
size_t name_escape(char *out, size_t size, const char *name);

/*
 * Returns name as it is printed (name_escape()), whole: name itself when
 * it has nothing to escape, else an escaped copy that stays valid until
 * the NAME_SHOW_SLOTS-th next call (so that a message may show several
 * names).  Returns NAME_SHOW_NOMEM when that copy cannot be allocated.
 */
const char *name_show(const char *name);

#define NAME_SHOW_SLOTS 4
#define NAME_SHOW_NOMEM "(a name that cannot be shown: out of memory)"

#endif
