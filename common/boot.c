// SPDX-License-Identifier: GPL-2.0-or-later
/* boot.c - which policy file the boot loader gives Xen, found as it finds it. */

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "boot.h"
#include "file.h"

/*
 * Reads BOOT_POLICY from config into path[size] (empty when not set).
 * Returns 0 or -errno.
 */
static int read_config(const char *config, char *path, size_t size)
{
	char *text, *line, *next, *v;
	size_t len;
	int rc = 0;

	path[0] = '\0';
	if (!config)
		return 0;
	text = file_read(config, BOOT_CONFIG_MAX, &len, NULL);
	if (!text)
		return errno == ENOENT ? 0 : -(errno ? errno : ENOMEM);
	for (line = text; *line && rc == 0; line = next) {
		next = line + strcspn(line, "\n");
		if (*next)
			*next++ = '\0';
		line += strspn(line, " \t");
		if (strncmp(line, "BOOT_POLICY=", 12))
			continue;	/* comments, other settings */
		v = line + 12;
		len = strlen(v);
		if (len >= 2 && (v[0] == '"' || v[0] == '\'') &&
		    v[len - 1] == v[0]) {
			v[len - 1] = '\0';
			v++;
		}
		if (strpbrk(v, "\"'$` \t") || strlen(v) >= size)
			rc = -EINVAL;	/* no shell beyond plain quoting */
		else
			snprintf(path, size, "%s", v);
	}
	free(text);
	return rc;
}

/*
 * Tells whether hypervisor file name (in a boot folder) is one GRUB boots
 * and its V ("4.17-amd64") is for version; writes V into v[size].
 */
static int grub_version(const char *name, const char *version, char *v,
			size_t size)
{
	size_t len = strlen(name), mm;
	const char *dot;

	if (strncmp(name, "xen-", 4) || !strncmp(name, "xen-syms-", 9))
		return 0;
	if (strstr(name, ".dpkg-") || strstr(name, ".config") ||
	    (len && name[len - 1] == '~') ||
	    (len > 4 && !strcmp(name + len - 4, ".bak")))
		return 0;
	snprintf(v, size, "%s", name + 4);
	len = strlen(v);
	if (len > 3 && !strcmp(v + len - 3, ".gz"))
		v[len - 3] = '\0';
	if (!strcmp(v, version))
		return 1;
	/* "4.17" of "4.17.5", followed by the end, '-' or '.' */
	dot = strchr(version, '.');
	dot = dot ? strchr(dot + 1, '.') : NULL;
	mm = dot ? (size_t)(dot - version) : strlen(version);
	return !strncmp(v, version, mm) && strchr("-.", v[mm]);
}

static int newest_first(const void *a, const void *b)
{
	return strverscmp(*(char *const *)b, *(char *const *)a);
}

/* Adds path to b unless already there. */
static void add(struct boot_policy *b, const char *path, const char *why)
{
	size_t i;

	if (access(path, F_OK))
		return;
	if (!b->path[0]) {
		snprintf(b->path, sizeof(b->path), "%s", path);
		b->why = why;
		return;
	}
	if (!strcmp(b->path, path))
		return;
	for (i = 0; i < b->nothers; i++)
		if (!strcmp(b->others[i], path))
			return;
	if (b->nothers < BOOT_MAX_OTHERS)
		snprintf(b->others[b->nothers++], sizeof(*b->others), "%s",
			 path);
}

/* Adds GRUB's candidates, newest hypervisor first. Returns 0 or -errno. */
static int add_grub(struct boot_policy *b, const char *bootdir,
		    const char *version)
{
	char v[256], path[4096], **vs = NULL, **bigger;
	size_t n = 0, i;
	struct dirent *e;
	DIR *d = opendir(bootdir);
	int rc = 0;

	if (!d)
		return errno == ENOENT ? 0 : -errno;
	while ((e = readdir(d))) {
		if (!grub_version(e->d_name, version, v, sizeof(v)))
			continue;
		bigger = realloc(vs, (n + 1) * sizeof(*vs));
		if (!bigger || !(bigger[n] = strdup(v))) {
			vs = bigger ? bigger : vs;
			rc = -ENOMEM;
			break;
		}
		vs = bigger;
		n++;
	}
	closedir(d);
	if (rc == 0 && n)
		qsort(vs, n, sizeof(*vs), newest_first);
	for (i = 0; i < n; i++) {
		if (rc == 0) {
			snprintf(path, sizeof(path), "%s/xenpolicy-%s", bootdir,
				 vs[i]);
			add(b, path, "the boot loader's, beside the hypervisor");
		}
		free(vs[i]);
	}
	free(vs);
	return rc;
}

int boot_policy_find(const char *config, const char *bootdir,
		     const char *version, struct boot_policy *b)
{
	char path[4096], short_version[64], *dot;
	int rc;

	memset(b, 0, sizeof(*b));
	rc = read_config(config, b->path, sizeof(b->path));
	if (rc < 0)
		return rc;
	if (b->path[0]) {
		b->why = "BOOT_POLICY in " BOOT_CONFIG;
		return access(b->path, F_OK) ? -ENOENT : 0;
	}
	rc = add_grub(b, bootdir, version);
	if (rc < 0)
		return rc;
	snprintf(path, sizeof(path), "%s/xenpolicy-%s", bootdir, version);
	add(b, path, "Xen's name for it");
	snprintf(short_version, sizeof(short_version), "%s", version);
	dot = strchr(short_version, '.');
	if (dot && (dot = strchr(dot + 1, '.')))
		*dot = '\0';
	snprintf(path, sizeof(path), "%s/xenpolicy-%s", bootdir,
		 short_version);
	add(b, path, "Xen's name for it");
	return b->path[0] ? 0 : -ENOENT;
}
