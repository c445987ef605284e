// SPDX-License-Identifier: GPL-2.0-or-later
/* lock.c - lock files under /run that serialise our own callers. */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lock.h"

int lock_take(const char *name)
{
	char path[256];
	int fd;

	if (mkdir(LOCK_DIR, 0755) < 0 && errno != EEXIST)
		return -errno;
	snprintf(path, sizeof(path), LOCK_DIR "/%s.lock", name);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0)
		return -errno;
	while (flock(fd, LOCK_EX) < 0) {
		if (errno != EINTR) {
			int err = errno;

			close(fd);
			return -err;
		}
	}
	return fd;
}

int lock_file(const char *path)
{
	struct stat a, b;
	int fd;

	for (;;) {
		fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
		if (fd < 0)
			return -errno;
		while (flock(fd, LOCK_EX) < 0)
			if (errno != EINTR) {
				int err = errno;

				close(fd);
				return -err;
			}
		/* Still the file at path, not one a rename has replaced? */
		if (fstat(fd, &a) == 0 && stat(path, &b) == 0 &&
		    a.st_dev == b.st_dev && a.st_ino == b.st_ino)
			return fd;
		close(fd);
	}
}

void lock_release(int fd)
{
	if (fd >= 0)
		close(fd);
}
