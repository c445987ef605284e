/* SPDX-License-Identifier: GPL-2.0-or-later */
/* audit.h - one syslog line (LOG_AUTHPRIV) for every change a tool makes. */
#ifndef FLASK_UTILS_AUDIT_H
#define FLASK_UTILS_AUDIT_H

#include <stddef.h>
#include <sys/types.h>

/*
 * Logs "MESSAGE by CALLER" at LOG_NOTICE to LOG_AUTHPRIV under the
 * program's name, CALLER as audit_caller() gives it.
 */
void audit_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Describes who made a change into buf[size]: "uid=UID(NAME)", then
 * " auid=AUID(NAME)" when the login uid is set and differs, then
 * " sudo_user=NAME" when sudo_user is not NULL.  A name is left out when
 * the uid has none.  Truncates to fit; returns the length written.
 */
size_t audit_caller(char *buf, size_t size, uid_t uid, uid_t auid,
		    const char *sudo_user);

/*
 * Copies s into out[size] with every control character and backslash
 * written as \\xNN, so that one change stays one log line.  Truncates to
 * fit; returns the length written.
 */
size_t audit_escape(char *out, size_t size, const char *s);

#endif
