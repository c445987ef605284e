// SPDX-License-Identifier: GPL-2.0-or-later
/* flask-set-bool - set FLASK booleans, several at once, all or nothing. */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit.h"
#include "cli.h"
#include "file.h"
#include "flask.h"
#include "lock.h"
#include "parse.h"
#include "policydb.h"

#define NAME_MAX_LEN 4096

struct change {
	char *name;
	int value;		/* the new value */
	int cur, pend;		/* before this call */
	int old_default;	/* with -P: the default in the file before */
};

/* A policy file with new defaults, waiting in a temporary file beside it. */
struct rewrite {
	char path[4096];	/* as given, for messages */
	char real[4096];	/* the file itself, a symbolic link resolved */
	int lock;		/* lock_file() of real, held to the end */
	char tmp[4200];
	char backup[4200];
};

static int no_commit, commit_only, persist, file_only;
static char *policy_path;

/* Releases n changes whose names were allocated (not argv's). */
static void free_changes(struct change *c, int n)
{
	while (n-- > 0)
		free(c[n].name);
	free(c);
}

static struct poptOption options[] = {
	{ "no-commit", '\0', POPT_ARG_NONE, &no_commit, 0,
	  "Stage the new values as pending; do not apply them", NULL },
	{ "commit", '\0', POPT_ARG_NONE, &commit_only, 0,
	  "Apply every pending value (alone, or after staging)", NULL },
	{ "persistent", 'P', POPT_ARG_NONE, &persist, 0,
	  "Also make the values the defaults of the boot policy file", NULL },
	{ "file-only", 'N', POPT_ARG_NONE, &file_only, 0,
	  "With -P: change only the policy file, not the hypervisor", NULL },
	{ "policy", 'p', POPT_ARG_STRING, &policy_path, 0,
	  "With -P: the policy file (default /boot/xenpolicy-VERSION)",
	  "FILE" },
	CLI_COMMON_OPTIONS,
	POPT_TABLEEND
};

/* Reports a value that is not a boolean word. Returns EXIT_USAGE. */
static int bad_value(const char *value, const char *name)
{
	return cli_usage("invalid value '%s' for boolean '%s': use 1/0, "
			 "on/off, true/false, yes/no, y/n or enabled/disabled",
			 value, name);
}

/*
 * Reads the operands: "NAME VALUE" (Xen's form) or "NAME=VALUE...".
 * Fills changes[] (count in *n).  Returns 0 or an exit code.
 */
static int read_changes(poptContext ctx, struct change **out, int *n)
{
	char **args = (char **)poptGetArgs(ctx);
	struct change *c;
	int i, j, count = 0;

	while (args && args[count])
		count++;
	*out = NULL;
	*n = 0;
	if (!count)
		return 0;
	c = calloc(count, sizeof(*c));
	if (!c) {
		cli_error(ENOMEM, NULL, "cannot read the arguments");
		return EXIT_USAGE;
	}
	*out = c;
	if (count == 2 && !strchr(args[0], '=')) {
		/* Xen's form: NAME VALUE. */
		c[0].name = args[0];
		if (cli_check_string("a boolean name", c[0].name))
			return EXIT_USAGE;
		c[0].value = parse_bool_value(args[1]);
		if (c[0].value < 0)
			return bad_value(args[1], args[0]);
		*n = 1;
		return 0;
	}
	for (i = 0; i < count; i++) {
		char *value;

		if (parse_assignment(args[i], &value) < 0)
			return cli_usage("expected NAME=VALUE, not '%s'",
					 args[i]);
		c[i].name = args[i];
		if (cli_check_string("a boolean name", c[i].name))
			return EXIT_USAGE;
		c[i].value = parse_bool_value(value);
		if (c[i].value < 0)
			return bad_value(value, args[i]);
		for (j = 0; j < i; j++)
			if (!strcmp(c[j].name, c[i].name))
				return cli_usage("boolean '%s' given twice",
						 c[i].name);
	}
	*n = count;
	return 0;
}

/*
 * Reads the current and pending value of every boolean named.  Every unknown
 * name is reported.  Returns 0 or an exit code.
 */
static int read_current(struct flask *f, struct change *c, int n)
{
	int i, rc, ret = 0;

	for (i = 0; i < n; i++) {
		rc = flask_getbool_byname(f, c[i].name, &c[i].cur, &c[i].pend);
		if (rc == -ENOENT) {
			cli_error(ENOENT, cli_hint_bool(f),
				  "cannot set boolean '%s'", c[i].name);
			ret = EXIT_FLASK;
		} else if (rc < 0) {
			cli_error(-rc, cli_hint_op(-rc),
				  "cannot set boolean '%s'", c[i].name);
			return EXIT_FLASK;
		}
	}
	return ret;
}

/* Returns nonzero when name is one of the n changes. */
static int is_ours(const char *name, const struct change *c, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(name, c[i].name))
			return 1;
	return 0;
}

/*
 * Collects every boolean other than the n changes whose pending value
 * differs from its current one: a commit applies it too.  Returns how many
 * (in *out, to release with free_changes), or -errno.
 */
static int collect_others(struct flask *f, const struct change *c, int n,
			  struct change **out)
{
	static char name[NAME_MAX_LEN + 1];
	struct change *o = NULL, *bigger;
	int id, cur, pend, rc, count = 0;

	for (id = 0;; id++) {
		rc = flask_getbool_byid(f, id, name, sizeof(name), &cur, &pend);
		if (rc == -ENOENT)
			break;
		if (rc < 0)
			goto fail;
		if (cur == pend || is_ours(name, c, n))
			continue;
		bigger = realloc(o, (count + 1) * sizeof(*o));
		if (!bigger) {
			rc = -ENOMEM;
			goto fail;
		}
		o = bigger;
		o[count] = (struct change){ strdup(name), pend, cur, pend, -1 };
		if (!o[count++].name) {
			rc = -ENOMEM;
			goto fail;
		}
	}
	*out = o;
	return count;
fail:
	free_changes(o, count);
	return rc;
}

/*
 * Logs the applied changes that changed something (and prints them all
 * with -v); suffix may be "".
 */
static void report(const struct change *c, int n, const char *suffix)
{
	int i;

	for (i = 0; i < n; i++) {
		if (c[i].cur != c[i].value)
			audit_log("boolean %s changed from %d to %d%s",
				  c[i].name, c[i].cur, c[i].value, suffix);
		if (cli_verbose)
			printf("%s: %d -> %d\n", c[i].name, c[i].cur,
			       c[i].value);
	}
}

/* Puts back the pending values of the first n changes. */
static void unstage(struct flask *f, const struct change *c, int n)
{
	int rc;

	while (n-- > 0) {
		rc = flask_setbool(f, c[n].name, c[n].pend, 0);
		if (rc < 0)
			cli_error(-rc, cli_hint_op(-rc),
				  "cannot put back the pending value of '%s'",
				  c[n].name);
	}
}

/* Stages every change; on failure puts back what it staged. */
static int stage(struct flask *f, const struct change *c, int n)
{
	int i, rc;

	for (i = 0; i < n; i++) {
		rc = flask_setbool(f, c[i].name, c[i].value, 0);
		if (rc < 0) {
			cli_error(-rc, cli_hint_op(-rc),
				  "cannot set boolean '%s'", c[i].name);
			unstage(f, c, i);
			return EXIT_FLASK;
		}
	}
	return 0;
}

/*
 * Commits every pending value: the n changes we staged and any staged
 * earlier by others, which are named in a warning first.  The n changes
 * are reported here unless later is set (-P reports them once the file
 * is replaced).
 */
static int commit(struct flask *f, const struct change *c, int n, int later)
{
	struct change *others = NULL;
	int i, rc, nothers;

	rc = nothers = collect_others(f, c, n, &others);
	for (i = 0; n && i < nothers; i++)
		cli_warn("also committing '%s' %d -> %d, staged earlier",
			 others[i].name, others[i].cur, others[i].value);
	if (rc >= 0)
		rc = flask_commitbools(f);
	if (rc < 0) {
		cli_error(-rc, cli_hint_op(-rc), "cannot commit booleans");
		unstage(f, c, n);
		free_changes(others, nothers);
		return EXIT_FLASK;
	}
	if (!later)
		report(c, n, "");
	report(others, nothers, " (staged earlier)");
	free_changes(others, nothers);
	return 0;
}

/* The new defaults a rewritten image must hold. */
struct expect {
	const struct change *c;
	int n;
};

static int expect_value(const char *name, int value, void *arg)
{
	const struct expect *e = arg;
	int i;

	for (i = 0; i < e->n; i++)
		if (!strcmp(e->c[i].name, name) && e->c[i].value != value)
			return -EINVAL;
	return 0;
}

/* Reads the new image back whole. Returns 0 or -EINVAL. */
static int verify(const void *image, size_t len, const struct change *c,
		  int n)
{
	struct expect e = { c, n };
	struct policydb *p;
	char why[256];
	int rc = policydb_open(image, len, &p, why, sizeof(why));

	if (rc < 0)
		return rc;
	rc = policydb_bools(p, expect_value, &e);
	policydb_close(p);
	return rc;
}

/* The changes whose defaults in the file are being noted. */
struct defaults {
	struct change *c;
	int n;
};

/* Notes the default in the file of each boolean the changes name. */
static int note_default(const char *name, int value, void *arg)
{
	struct defaults *d = arg;
	int i;

	for (i = 0; i < d->n; i++)
		if (!strcmp(d->c[i].name, name))
			d->c[i].old_default = value;
	return 0;
}

/*
 * Writes the policy file with the new defaults (changed in place: the
 * booleans, the conditionals' states and rules) to a temporary file beside
 * it, after reading the new image back to check it.  The file itself is
 * not touched.  Returns 0 or an exit code.
 */
static int prepare_file(struct flask *f, struct change *c, int n,
			struct rewrite *rw)
{
	struct policydb *p = NULL;
	const void *image;
	size_t ilen;
	mode_t mode;
	int i, rc, ret = EXIT_OK;

	if (policy_path)
		snprintf(rw->path, sizeof(rw->path), "%s", policy_path);
	else if ((ret = cli_boot_policy(f, rw->path, sizeof(rw->path))))
		return ret;
	/* A link stays a link: its file is replaced, under a lock. */
	if (!realpath(rw->path, rw->real)) {
		cli_error(errno, NULL, "cannot read '%s'", rw->path);
		return EXIT_USAGE;
	}
	rw->lock = lock_file(rw->real);
	if (rw->lock < 0) {
		cli_error(-rw->lock, NULL, "cannot lock '%s'", rw->path);
		return EXIT_USAGE;
	}
	snprintf(rw->backup, sizeof(rw->backup), "%s.bak", rw->real);
	ret = cli_read_policy(rw->path, &p, &mode);
	if (ret)
		return ret;
	for (i = 0; i < n; i++)
		c[i].old_default = -1;
	policydb_bools(p, note_default, &(struct defaults){ c, n });
	for (i = 0; i < n; i++) {
		rc = policydb_set_bool(p, c[i].name, c[i].value);
		if (rc == -ENOENT) {
			fprintf(stderr, "%s: no boolean '%s' in '%s'\n",
				program_invocation_short_name, c[i].name,
				rw->path);
			ret = EXIT_FLASK;
		} else if (rc < 0) {
			cli_error(-rc, NULL, "cannot set the default of '%s' in "
				  "'%s'", c[i].name, rw->path);
			ret = EXIT_FLASK;
		}
	}
	if (ret)
		goto out;
	image = policydb_image(p, &ilen);
	rc = verify(image, ilen, c, n);
	if (rc < 0) {
		cli_error(-rc, NULL, "the rewritten '%s' does not read back "
			  "right; it was left as it was", rw->path);
		ret = EXIT_FLASK;
		goto out;
	}
	rc = file_write_temp(rw->real, image, ilen, mode, rw->tmp,
			     sizeof(rw->tmp));
	if (rc < 0) {
		cli_error(-rc, NULL, "cannot write beside '%s'", rw->path);
		ret = EXIT_USAGE;
	}
out:
	policydb_close(p);
	return ret;
}

/* Puts the live values of the n changes back as they were (after -P). */
static void revert_live(struct flask *f, const struct change *c, int n)
{
	int i, rc;

	for (i = 0; i < n; i++) {
		rc = flask_setbool(f, c[i].name, c[i].cur, 1);
		if (rc < 0)
			cli_error(-rc, cli_hint_op(-rc), "cannot put back the "
				  "value of '%s'", c[i].name);
	}
}

/*
 * Puts the prepared file in place, keeping the old one as FILE.bak; if
 * that fails, puts the live values back.  Returns an exit code.
 */
static int replace_file(struct flask *f, const struct change *c, int n,
			const struct rewrite *rw)
{
	int i, rc, changed = 0;

	for (i = 0; i < n; i++)
		changed += c[i].old_default != c[i].value;
	if (!changed) {		/* the file already says so: left alone */
		unlink(rw->tmp);
		if (cli_verbose)
			printf("%s: defaults unchanged\n", rw->path);
		return EXIT_OK;
	}
	rc = file_replace(rw->tmp, rw->real, rw->backup);
	if (rc < 0) {
		cli_error(-rc, NULL, "cannot replace '%s'", rw->path);
		unlink(rw->tmp);
		if (!file_only)
			revert_live(f, c, n);
		return EXIT_USAGE;
	}
	for (i = 0; i < n; i++) {
		if (c[i].old_default == c[i].value)
			continue;
		audit_log("default of boolean %s set to %d in %s", c[i].name,
			  c[i].value, rw->path);
		if (cli_verbose)
			printf("%s: default %d in %s\n", c[i].name,
			       c[i].value, rw->path);
	}
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	poptContext ctx = cli_parse(argc, argv, options,
				    "[OPTION...] NAME VALUE | NAME=VALUE... | --commit");
	struct rewrite rw = { .tmp = "", .lock = -1 };
	struct change *c = NULL;
	struct flask *f = NULL;
	int i, n, lock = -1, ret;

	ret = read_changes(ctx, &c, &n);
	if (ret)
		goto out;
	if (no_commit && commit_only) {
		ret = cli_usage("--commit and --no-commit exclude each other");
		goto out;
	}
	if (!persist && (file_only || policy_path)) {
		ret = cli_usage("-N and --policy go with -P");
		goto out;
	}
	if (persist && (no_commit || commit_only || !n)) {
		ret = cli_usage("-P takes NAME=VALUE... and no --commit or "
				"--no-commit");
		goto out;
	}
	if (!n && !commit_only) {
		ret = cli_usage("give NAME VALUE, NAME=VALUE..., or --commit");
		goto out;
	}
	if (!file_only || !policy_path) {
		f = cli_open();
		if (!f) {
			ret = EXIT_USAGE;
			goto out;
		}
	}
	if (!file_only) {
		lock = lock_take("booleans");
		if (lock < 0) {
			cli_error(-lock, NULL, "cannot lock %s/booleans.lock",
				  LOCK_DIR);
			ret = EXIT_USAGE;
			goto out;
		}
		ret = read_current(f, c, n);
		if (ret)
			goto out;
	}
	cli_signals_hold();
	if (persist && (ret = prepare_file(f, c, n, &rw)))
		goto out;
	if (!file_only) {
		ret = stage(f, c, n);
		if (!ret && !no_commit)
			ret = commit(f, c, n, persist);
		if (ret)
			goto out;
	}
	if (persist) {
		ret = replace_file(f, c, n, &rw);
		rw.tmp[0] = '\0';
		if (ret == EXIT_OK && !file_only)
			report(c, n, "");
		goto out;
	}
	if (no_commit) {
		for (i = 0; i < n; i++) {
			audit_log("boolean %s staged %d (current %d)",
				  c[i].name, c[i].value, c[i].cur);
			if (cli_verbose)
				printf("%s: %d (pending %d)\n", c[i].name,
				       c[i].cur, c[i].value);
		}
	}
out:
	if (rw.tmp[0])
		unlink(rw.tmp);
	lock_release(rw.lock);
	lock_release(lock);
	cli_signals_release();
	flask_close(f);
	free(c);
	return cli_finish(ctx, ret);
}
