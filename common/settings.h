/* SPDX-License-Identifier: GPL-2.0-or-later */
/* settings.h - local boolean settings: what flask-set-bool -P recorded, kept apart from the policy. */
#ifndef FLASK_UTILS_SETTINGS_H
#define FLASK_UTILS_SETTINGS_H

#include <stddef.h>

/* Where flask-set-bool -P records settings (--settings overrides). */
#define SETTINGS_DEFAULT "/var/lib/flask-utils/booleans"
/* A settings file larger than this is not one we wrote. */
#define SETTINGS_SIZE_MAX (1UL << 20)

struct setting {
	char *name;		/* points into text, or malloc'ed when added */
	int value;		/* 0 or 1 */
	int added;		/* name is malloc'ed */
	int line;		/* its line in the file; 0 when added */
};

struct settings {
	struct setting *v;	/* sorted by name */
	size_t n;
	char *text;
};

/*
 * Parses the text of a settings file into s, taking text (malloc'ed,
 * text[len] == '\0') over: freed by settings_free(), or at once on
 * failure.  Each line is "NAME VALUE" as settings_save() writes it: NAME
 * as name_check() takes it (no blank nor control character, at most
 * FLASK_STRING_MAX characters), one space, VALUE 0 or 1; '#' comments and blank lines are skipped.  A name given
 * twice, a NUL or any other line makes the file corrupt.  Returns 0,
 * -EINVAL (*bad_line is the line's number) or -ENOMEM.
 */
int settings_parse(char *text, size_t len, struct settings *s, int *bad_line);

/*
 * Reads the settings file path into s (settings_parse()).  A missing file
 * holds no settings.  Returns 0, -EINVAL (corrupt, *bad_line) or -errno.
 */
int settings_load(const char *path, struct settings *s, int *bad_line);

/* Returns the setting called name, or NULL. */
struct setting *settings_find(const struct settings *s, const char *name);

/*
 * Records name = value.  Returns 1 when that changed s, 0 when s already
 * said so, -EINVAL (a name name_check() refuses: it would break the
 * file), -ENOMEM.
 */
int settings_set(struct settings *s, const char *name, int value);

/* Drops name.  Returns 1 when it was there, else 0. */
int settings_forget(struct settings *s, const char *name);

/*
 * Replaces the file at path with s, atomically (a temporary file beside
 * it, its folder created when missing), as flask-set-bool -P replaces a
 * policy file: a symbolic link is followed (the file it points to is
 * replaced, the link stays) and the file keeps its mode, owner and group
 * (a new one is 0644).  Returns 0 or -errno (the old file is then
 * untouched).
 */
int settings_save(const char *path, const struct settings *s);

/*
 * Removes the file at path, the one a symbolic link points to (what
 * settings_save() wrote).  Returns 0 or -errno.
 */
int settings_remove(const char *path);

/* Releases what s holds. */
void settings_free(struct settings *s);

#endif
