/* SPDX-License-Identifier: GPL-2.0-or-later */
/* file.h - replacing a file atomically: temporary file, fsync, rename. */
#ifndef FLASK_UTILS_FILE_H
#define FLASK_UTILS_FILE_H

#include <stddef.h>
#include <sys/types.h>

/*
 * Writes data[len] to a new temporary file in the folder of path (created,
 * with its parents, when missing), with the given mode, and fsyncs it.
 * Returns 0 and the temporary file's name in tmp[size], or -errno with
 * nothing left behind.
 */
int file_write_temp(const char *path, const void *data, size_t len,
		    mode_t mode, char *tmp, size_t size);

/*
 * The file that a write to path replaces: path with every symbolic link
 * followed (realpath()), into real[size].  Replacing real, not path, puts
 * the new file where the link points and leaves the link as it is.  When
 * that file does not exist yet (a new file, or a link to a file not made
 * yet), real is the name it will have (a dangling link followed) and
 * -ENOENT is returned.  Returns 0, -ENOENT or another -errno.
 */
int file_resolve(const char *path, char *real, size_t size);

/*
 * Writes data[len] to a temporary file beside real (a name file_resolve()
 * gave), as file_write_temp() does, for file_replace(tmp, real, ...): the
 * new file keeps the mode, owner and group of the file real, or gets
 * new_mode (and the caller's owner) when there is none yet.  Returns 0 or
 * -errno, as file_write_temp().
 */
int file_write_over(const char *real, const void *data, size_t len,
		    mode_t new_mode, char *tmp, size_t size);

/*
 * Puts the temporary file tmp in the place of path with one rename, then
 * fsyncs the folder.  When backup is not NULL and path exists, backup
 * first becomes a hard link to the old file.  Returns 0 or -errno (path
 * is then as it was; tmp is left for the caller to remove).
 */
int file_replace(const char *tmp, const char *path, const char *backup);

/*
 * Reads the whole of file path, at most max bytes, into a malloc'ed
 * buffer, NUL-terminated (for text).  Any kind of file that can be read
 * (a pipe, /dev/stdin) is read to its end; a FIFO without a writer reads
 * as empty instead of waiting for one.  Returns the buffer, its size in
 * *len and the file's mode in *mode (may be NULL), or NULL with errno set:
 * EFBIG when the file holds more than max bytes, EISDIR for a folder.
 */
char *file_read(const char *path, size_t max, size_t *len, mode_t *mode);

/*
 * Reads fd (standard input, say) to its end, at most max bytes, into a
 * malloc'ed buffer, NUL-terminated.  Returns it, or NULL with errno set:
 * EFBIG when there is more than max.
 */
char *file_read_fd(int fd, size_t max, size_t *len);

#endif
