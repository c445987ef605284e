// SPDX-License-Identifier: GPL-2.0-or-later
/* flask-set-bool - set FLASK booleans, several at once, all or nothing. */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "cli.h"
#include "flask.h"
#include "lock.h"
#include "parse.h"

#define NAME_MAX_LEN 4096

struct change {
	char *name;
	int value;		/* the new value */
	int cur, pend;		/* before this call */
};

static int no_commit, commit_only;

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
			cli_error(ENOENT, "no such boolean in the loaded policy",
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
		o[count] = (struct change){ strdup(name), pend, cur, pend };
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

/* Logs the applied changes (and prints them with -v); suffix may be "". */
static void report(const struct change *c, int n, const char *suffix)
{
	int i;

	for (i = 0; i < n; i++) {
		audit_log("boolean %s changed from %d to %d%s", c[i].name,
			  c[i].cur, c[i].value, suffix);
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
 * earlier by others, which are named in a warning first.
 */
static int commit(struct flask *f, const struct change *c, int n)
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
	report(c, n, "");
	report(others, nothers, " (staged earlier)");
	free_changes(others, nothers);
	return 0;
}

int main(int argc, char **argv)
{
	poptContext ctx = cli_parse(argc, argv, options,
				    "[OPTION...] NAME VALUE | NAME=VALUE... | --commit");
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
	if (!n && !commit_only) {
		ret = cli_usage("give NAME VALUE, NAME=VALUE..., or --commit");
		goto out;
	}
	f = cli_open();
	if (!f) {
		ret = EXIT_USAGE;
		goto out;
	}
	lock = lock_take("booleans");
	if (lock < 0) {
		cli_error(-lock, NULL, "cannot lock %s/booleans.lock", LOCK_DIR);
		ret = EXIT_USAGE;
		goto out;
	}
	ret = read_current(f, c, n);
	if (!ret)
		ret = stage(f, c, n);
	if (ret)
		goto out;
	if (no_commit) {
		for (i = 0; i < n; i++) {
			audit_log("boolean %s staged %d (current %d)",
				  c[i].name, c[i].value, c[i].cur);
			if (cli_verbose)
				printf("%s: %d (pending %d)\n", c[i].name,
				       c[i].cur, c[i].value);
		}
		goto out;
	}
	ret = commit(f, c, n);
out:
	lock_release(lock);
	flask_close(f);
	free(c);
	return cli_finish(ctx, ret);
}
