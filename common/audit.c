// SPDX-License-Identifier: GPL-2.0-or-later
/* audit.c - one syslog line (LOG_AUTHPRIV) for every change a tool makes. */

#include <errno.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/*
 * Returns SUDO_USER when sudo really started us (our parent is sudo), NULL
 * otherwise: anyone can set the variable.
 */
static const char *sudo_user(void)
{
	const char *user = getenv("SUDO_USER");
	char path[64], comm[32] = "";
	FILE *fp;

	if (!user)
		return NULL;
	snprintf(path, sizeof(path), "/proc/%d/comm", (int)getppid());
	fp = fopen(path, "re");
	if (fp) {
		if (!fgets(comm, sizeof(comm), fp))
			comm[0] = '\0';
		fclose(fp);
	}
	return strcmp(comm, "sudo\n") ? NULL : user;
}

size_t audit_escape(char *out, size_t size, const char *s)
{
	size_t n = 0;

	if (!size)
		return 0;
	for (; *s; s++) {
		unsigned char c = *s;
		int w = c < 0x20 || c == 0x7f || c == '\\'
			? snprintf(out + n, size - n, "\\x%02x", c)
			: snprintf(out + n, size - n, "%c", c);

		if (w < 0 || (size_t)w >= size - n)
			break;
		n += w;
	}
	out[n] = '\0';
	return n;
}

void audit_log(const char *fmt, ...)
{
	static char caller[512];
	char msg[1024], line[4096], who[256];
	va_list ap;

	if (!caller[0]) {
		audit_caller(who, sizeof(who), getuid(), login_uid(),
			     sudo_user());
		audit_escape(caller, sizeof(caller), who);
		openlog(program_invocation_short_name, LOG_PID, LOG_AUTHPRIV);
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* File names and contexts may hold newlines: one line per change. */
	audit_escape(line, sizeof(line), msg);
	syslog(LOG_NOTICE, "%s by %s", line, caller);
}
