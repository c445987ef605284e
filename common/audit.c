// SPDX-License-Identifier: GPL-2.0-or-later
/* audit.c - one syslog line (LOG_AUTHPRIV) for every change a tool makes. */

#include <errno.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <syslog.h>
#include <unistd.h>

#include "audit.h"

/* Appends to buf[size] at offset *n, never past its end. */
static void append(char *buf, size_t size, size_t *n, const char *fmt, ...)
{
	va_list ap;
	int rc;

	if (*n >= size)
		return;
	va_start(ap, fmt);
	rc = vsnprintf(buf + *n, size - *n, fmt, ap);
	va_end(ap);
	if (rc > 0)
		*n = *n + rc < size ? *n + rc : size - 1;
}

/* Appends "KEY=UID(NAME)", or "KEY=UID" when the uid has no name. */
static void append_user(char *buf, size_t size, size_t *n, const char *key,
			uid_t uid)
{
	struct passwd *pw = getpwuid(uid);

	if (pw)
		append(buf, size, n, "%s=%u(%s)", key, (unsigned)uid,
		       pw->pw_name);
	else
		append(buf, size, n, "%s=%u", key, (unsigned)uid);
}

size_t audit_caller(char *buf, size_t size, uid_t uid, uid_t auid,
		    const char *sudo_user)
{
	size_t n = 0;

	if (size)
		buf[0] = '\0';
	append_user(buf, size, &n, "uid", uid);
	if (auid != (uid_t)-1 && auid != uid)
		append_user(buf, size, &n, " auid", auid);
	if (sudo_user)
		append(buf, size, &n, " sudo_user=%s", sudo_user);
	return n;
}

/* Returns the login uid of this process, or (uid_t)-1 when unset. */
static uid_t login_uid(void)
{
	FILE *fp = fopen("/proc/self/loginuid", "re");
	unsigned long v;
	uid_t auid = (uid_t)-1;

	if (!fp)
		return auid;
	if (fscanf(fp, "%lu", &v) == 1)
		auid = (uid_t)v;
	fclose(fp);
	return auid;
}

void audit_log(const char *fmt, ...)
{
	static char caller[256];
	char msg[1024];
	va_list ap;

	if (!caller[0]) {
		audit_caller(caller, sizeof(caller), getuid(), login_uid(),
			     getenv("SUDO_USER"));
		openlog(program_invocation_short_name, LOG_PID, LOG_AUTHPRIV);
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	syslog(LOG_NOTICE, "%s by %s", msg, caller);
}
