// SPDX-License-Identifier: GPL-2.0-or-later
/* store.c - the label store: the I/O labels our tools applied, in a text file. */

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store.h"

#define STORE_HEADER \
	"# flask-utils I/O label store, written by flask-label-pci: do not edit.\n" \
	"# DEVICE KIND VALUE CONTEXT (value: device number, port range,\n" \
	"# page-frame range or pirq)\n"

/* Reads the whole file fd into a NUL-terminated buffer. */
static char *slurp(int fd)
{
	size_t len = 0, cap = 4096;
	char *buf = malloc(cap), *bigger;
	ssize_t r;

	while (buf) {
		if (len + 1 >= cap) {
			bigger = realloc(buf, cap *= 2);
			if (!bigger)
				break;
			buf = bigger;
		}
		r = read(fd, buf + len, cap - len - 1);
		if (r == 0) {
			buf[len] = '\0';
			return buf;
		}
		if (r < 0 && errno != EINTR)
			break;
		if (r > 0)
			len += r;
	}
	free(buf);
	return NULL;
}

int store_load(const char *path, struct store *s, int *bad_line)
{
	char *line, *next;
	struct label *bigger;
	int fd, lineno = 0, err;

	memset(s, 0, sizeof(*s));
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0 : -errno;
	s->text = slurp(fd);
	err = errno;
	close(fd);
	if (!s->text)
		return -(err ? err : ENOMEM);
	for (line = s->text; *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		else
			next = line + strlen(line);
		lineno++;
		line += strspn(line, " \t");
		if (!*line || *line == '#')
			continue;
		bigger = realloc(s->labels, (s->n + 1) * sizeof(*s->labels));
		if (!bigger) {
			store_free(s);
			return -ENOMEM;
		}
		s->labels = bigger;
		if (label_parse(line, &s->labels[s->n]) < 0) {
			*bad_line = lineno;
			store_free(s);
			return -EINVAL;
		}
		s->n++;
	}
	return 0;
}

/* Writes all of buf to fd. Returns 0 or -errno. */
static int write_all(int fd, const char *buf, size_t len)
{
	ssize_t w;

	while (len) {
		w = write(fd, buf, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -errno;
		buf += w;
		len -= w;
	}
	return 0;
}

/* Creates folder dir (and its parents) when missing. Returns 0 or -errno. */
static int make_dirs(const char *dir)
{
	char tmp[4096], *p;

	snprintf(tmp, sizeof(tmp), "%s", dir);
	for (p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(tmp, 0755) < 0 && errno != EEXIST)
			return -errno;
		*p = '/';
	}
	if (mkdir(tmp, 0755) < 0 && errno != EEXIST)
		return -errno;
	return 0;
}

int store_save(const char *path, const struct label *l, size_t n)
{
	char copy[4096], dir[4096], tmp[4200], line[8192];
	int fd, dfd, rc;
	size_t i;

	snprintf(copy, sizeof(copy), "%s", path);
	snprintf(dir, sizeof(dir), "%s", dirname(copy));
	rc = make_dirs(dir);
	if (rc < 0)
		return rc;
	snprintf(tmp, sizeof(tmp), "%s.XXXXXX", path);
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0)
		return -errno;
	rc = write_all(fd, STORE_HEADER, strlen(STORE_HEADER));
	for (i = 0; rc == 0 && i < n; i++) {
		int len = label_format(line, sizeof(line) - 1, &l[i]);

		if (len < 0 || (size_t)len >= sizeof(line) - 1) {
			rc = -ENAMETOOLONG;
			break;
		}
		line[len++] = '\n';
		rc = write_all(fd, line, len);
	}
	if (rc == 0 && (fchmod(fd, 0644) < 0 || fsync(fd) < 0))
		rc = -errno;
	if (close(fd) < 0 && rc == 0)
		rc = -errno;
	if (rc == 0 && rename(tmp, path) < 0)
		rc = -errno;
	if (rc < 0) {
		unlink(tmp);
		return rc;
	}
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	return 0;
}

void store_free(struct store *s)
{
	free(s->labels);
	free(s->text);
	memset(s, 0, sizeof(*s));
}
