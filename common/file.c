// SPDX-License-Identifier: GPL-2.0-or-later
/* file.c - replacing a file atomically: temporary file, fsync, rename. */

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file.h"

/* Writes the folder of path into dir[size]. */
static void folder_of(const char *path, char *dir, size_t size)
{
	char copy[4096];

	snprintf(copy, sizeof(copy), "%s", path);
	snprintf(dir, size, "%s", dirname(copy));
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

int file_write_temp(const char *path, const void *data, size_t len,
		    mode_t mode, char *tmp, size_t size)
{
	char dir[4096];
	struct stat st;
	int fd, rc;

	folder_of(path, dir, sizeof(dir));
	rc = make_dirs(dir);
	if (rc < 0)
		return rc;
	if ((size_t)snprintf(tmp, size, "%s.XXXXXX", path) >= size)
		return -ENAMETOOLONG;
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0)
		return -errno;
	rc = write_all(fd, data, len);
	if (rc == 0 && (fchmod(fd, mode) < 0 || fsync(fd) < 0))
		rc = -errno;
	/* The replacement keeps the owner and group of the file it replaces. */
	if (rc == 0 && stat(path, &st) == 0 &&
	    (st.st_uid != geteuid() || st.st_gid != getegid()) &&
	    fchown(fd, st.st_uid, st.st_gid) < 0)
		rc = -errno;
	if (close(fd) < 0 && rc == 0)
		rc = -errno;
	if (rc < 0)
		unlink(tmp);
	return rc;
}

/* Copies s into out[size]. Returns 0 or -ENAMETOOLONG. */
static int copy_name(char *out, size_t size, const char *s)
{
	if ((size_t)snprintf(out, size, "%s", s) >= size)
		return -ENAMETOOLONG;
	return 0;
}

int file_resolve(const char *path, char *real, size_t size)
{
	char cur[PATH_MAX], target[PATH_MAX], dir[PATH_MAX], buf[PATH_MAX];
	struct stat st;
	ssize_t n;
	int hops, rc = copy_name(cur, sizeof(cur), path);

	for (hops = 0; rc == 0 && hops < 40; hops++) {
		if (realpath(cur, buf))
			return copy_name(real, size, buf);
		if (errno != ENOENT)
			return -errno;
		/* missing: a link to a file not made yet is followed by hand */
		if (lstat(cur, &st) < 0 || !S_ISLNK(st.st_mode)) {
			rc = copy_name(real, size, cur);
			return rc ? rc : -ENOENT;
		}
		n = readlink(cur, target, sizeof(target) - 1);
		if (n < 0)
			return -errno;
		target[n] = '\0';
		folder_of(cur, dir, sizeof(dir));
		if (target[0] == '/')
			rc = copy_name(cur, sizeof(cur), target);
		else if ((size_t)snprintf(cur, sizeof(cur), "%s/%s", dir,
					  target) >= sizeof(cur))
			rc = -ENAMETOOLONG;
	}
	return rc ? rc : -ELOOP;
}

int file_write_over(const char *real, const void *data, size_t len,
		    mode_t new_mode, char *tmp, size_t size)
{
	struct stat st;
	mode_t mode = new_mode;

	if (stat(real, &st) == 0)
		mode = st.st_mode & 07777;
	else if (errno != ENOENT)
		return -errno;
	return file_write_temp(real, data, len, mode, tmp, size);
}

int file_replace(const char *tmp, const char *path, const char *backup)
{
	char dir[4096], link_tmp[4200];
	int dfd;

	if (backup && access(path, F_OK) == 0) {
		/* A new link, renamed over the old backup: never none. */
		if ((size_t)snprintf(link_tmp, sizeof(link_tmp), "%s.%d",
				     backup, (int)getpid()) >= sizeof(link_tmp))
			return -ENAMETOOLONG;
		unlink(link_tmp);
		if (link(path, link_tmp) < 0)
			return -errno;
		if (rename(link_tmp, backup) < 0) {
			int err = errno;

			unlink(link_tmp);
			return -err;
		}
	}
	if (rename(tmp, path) < 0)
		return -errno;
	folder_of(path, dir, sizeof(dir));
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	return 0;
}

char *file_read_fd(int fd, size_t max, size_t *len)
{
	size_t cap = 4096, got = 0;
	char *buf = NULL, *bigger;
	ssize_t r;

	for (;;) {
		if (got + 1 >= cap || !buf) {
			if (buf)
				cap = cap > max / 2 ? max + 2 : cap * 2;
			bigger = realloc(buf, cap);
			if (!bigger)
				break;
			buf = bigger;
		}
		r = read(fd, buf + got, cap - 1 - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			break;
		if (r == 0) {
			buf[got] = '\0';
			*len = got;
			return buf;
		}
		got += r;
		if (got > max) {
			errno = EFBIG;
			break;
		}
	}
	r = errno;
	free(buf);
	errno = r;
	return NULL;
}

char *file_read(const char *path, size_t max, size_t *len, mode_t *mode)
{
	struct stat st;
	char *buf = NULL;
	int fd, flags, err = 0;

	/* O_NONBLOCK: opening a FIFO without a writer must not wait. */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) < 0 || (flags = fcntl(fd, F_GETFL)) < 0 ||
	    fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) < 0) {
		err = errno;
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		err = EISDIR;
		goto out;
	}
	if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > max) {
		err = EFBIG;
		goto out;
	}
	buf = file_read_fd(fd, max, len);
	err = errno;
	if (buf && mode)
		*mode = st.st_mode & 07777;
out:
	close(fd);
	errno = err;
	return buf;
}
