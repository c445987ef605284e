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

/* Releases a lock taken with lock_take; a negative fd is ignored. */
void lock_release(int fd);

#endif
