/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lock.h - lock files under /run that serialise our own callers. */
#ifndef FLASK_UTILS_LOCK_H
#define FLASK_UTILS_LOCK_H

/* The folder that holds the lock files. */
#define LOCK_DIR "/run/flask-utils"

/*
 * Takes the exclusive lock LOCK_DIR/NAME.lock, waiting while another of our
 * tools holds it; creates the folder and file when missing.  Returns the
 * open descriptor (the lock lasts until lock_release or exit), or -errno.
 */
int lock_take(const char *name);

/*
 * Takes an exclusive lock on the file path itself (flock), for a
 * read-modify-replace of it: waits while another caller holds it, and
 * takes it again when the file was replaced while waiting.  Returns the
 * open descriptor, or -errno.
 */
int lock_file(const char *path);

/* Releases a lock taken with lock_take or lock_file; a negative fd is ignored. */
void lock_release(int fd);

#endif
