// SPDX-License-Identifier: GPL-2.0-or-later
/* flask-set-bool - set FLASK booleans, several at once, all or nothing. */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "audit.h"
#include "cli.h"
#include "file.h"
#include "flask.h"
#include "json.h"
#include "lock.h"
#include "name.h"
#include "parse.h"
#include "policydb.h"
#include "settings.h"

#define NAME_MAX_LEN 4096
/* The value of "toggle" and of -t: the opposite of the current one. */
#define VALUE_TOGGLE 2
/* A recorded setting the policy file written by -P does not have. */
#define VALUE_ABSENT (-1)

struct change {
	char *name;
	int value;		/* the new value */
	int cur, pend;		/* before this call */
	int old_default;	/* with -P: the default in the file before */
	int recorded;		/* with -P: the local settings changed */
};

/* A policy file with new defaults, waiting in a temporary file beside it. */
struct rewrite {
	char path[4096];	/* as given, for messages */
	char real[4096];	/* the file itself, a symbolic link resolved */
	int lock;		/* lock_file() of real, held to the end */
	char tmp[4200];
	char backup[4200];
};

static int no_commit, commit_only, persist, file_only, toggle, forget;
/* What this call changed, for -J. */
static int live_changed, file_changed, settings_changed;
static char *policy_path, *settings_file = SETTINGS_DEFAULT;

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
	{ "toggle", 't', POPT_ARG_NONE, &toggle, 0,
	  "Flip each boolean NAME given (as togglesebool)", NULL },
	{ "persistent", 'P', POPT_ARG_NONE, &persist, 0,
	  "Also make the values the defaults of the boot policy file and "
	  "record them as local settings; alone: apply every recorded "
	  "setting", NULL },
	{ "file-only", 'N', POPT_ARG_NONE, &file_only, 0,
	  "With -P: change only the policy file, not the hypervisor", NULL },
	{ "policy", 'p', POPT_ARG_STRING, &policy_path, 0,
	  "With -P: the policy file (default /boot/xenpolicy-VERSION)",
	  "FILE" },
	{ "forget", '\0', POPT_ARG_NONE, &forget, 0,
	  "Drop each boolean NAME given from the local settings", NULL },
	{ "settings", '\0', POPT_ARG_STRING, &settings_file, 0,
	  "The local settings (default " SETTINGS_DEFAULT ")", "FILE" },
	CLI_XEN_VERSION_OPTION,
	CLI_JSON_OPTION,
	CLI_COMMON_OPTIONS,
	POPT_TABLEEND
};

/* Reports a value that is not a boolean word. Returns EXIT_USAGE. */
static int bad_value(const char *value, const char *name)
{
	return cli_usage("invalid value '%s' for boolean '%s': use 1/0, "
			 "on/off, true/false, yes/no, y/n, enabled/disabled "
			 "or toggle", name_show(value), name_show(name));
}

/* A boolean word, or "toggle" (VALUE_TOGGLE); -EINVAL for anything else. */
static int parse_value(const char *s)
{
	return strcasecmp(s, "toggle") ? parse_bool_value(s) : VALUE_TOGGLE;
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
	if (toggle || forget) {
		/* every operand is a NAME */
		for (i = 0; i < count; i++) {
			c[i].name = args[i];
			c[i].value = VALUE_TOGGLE;
			if (cli_check_name(c[i].name))
				return EXIT_USAGE;
		}
	} else if (count == 2 && !strchr(args[0], '=')) {
		/* Xen's form: NAME VALUE. */
		c[0].name = args[0];
		if (cli_check_name(c[0].name))
			return EXIT_USAGE;
		c[0].value = parse_value(args[1]);
		if (c[0].value < 0)
			return bad_value(args[1], args[0]);
		count = 1;
	} else {
		for (i = 0; i < count; i++) {
			char *value;

			if (parse_assignment(args[i], &value) < 0)
				return cli_usage("expected NAME=VALUE, not '%s'",
						 name_show(args[i]));
			c[i].name = args[i];
			if (cli_check_name(c[i].name))
				return EXIT_USAGE;
			c[i].value = parse_value(value);
			if (c[i].value < 0)
				return bad_value(value, args[i]);
		}
	}
	for (i = 0; i < count; i++)
		for (j = 0; j < i; j++)
			if (!strcmp(c[j].name, c[i].name))
				return cli_usage("boolean '%s' given twice",
						 name_show(c[i].name));
	*n = count;
	return 0;
}

/*
 * Reads the current and pending value of every boolean named, and makes a
 * toggle the opposite of the current value.  Every unknown name is
 * reported.  Returns 0 or an exit code.
 */
static int read_current(struct flask *f, struct change *c, int n)
{
	int i, rc, ret = 0;

	for (i = 0; i < n; i++) {
		rc = flask_getbool_byname(f, c[i].name, &c[i].cur, &c[i].pend);
		if (rc == 0 && c[i].value == VALUE_TOGGLE)
			c[i].value = !c[i].cur;
		if (rc == -ENOENT) {
			cli_error(ENOENT, cli_hint_bool(f),
				  "cannot set boolean '%s'", name_show(c[i].name));
			ret = EXIT_FLASK;
		} else if (rc < 0) {
			cli_error(-rc, cli_hint_op(-rc),
				  "cannot set boolean '%s'", name_show(c[i].name));
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
		o[count] = (struct change){ strdup(name), pend, cur, pend, -1,
					    0 };
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
		if (cli_verbose && !cli_json)
			printf("%s: %d -> %d\n", name_show(c[i].name),
			       c[i].cur, c[i].value);
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
				  name_show(c[n].name));
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
				  "cannot set boolean '%s'", name_show(c[i].name));
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
			 name_show(others[i].name), others[i].cur,
			 others[i].value);
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
	for (i = 0; i < nothers; i++)
		live_changed |= others[i].cur != others[i].value;
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
		if (!strcmp(e->c[i].name, name) &&
		    e->c[i].value != VALUE_ABSENT && e->c[i].value != value)
			return -EINVAL;
	return 0;
}

/* Reads the new image back whole. Returns 0 or -EINVAL. */
static int verify(const void *image, size_t len, const char *path,
		  const struct change *c, int n)
{
	struct expect e = { c, n };
	struct policydb *p;
	char why[1024];
	int rc = policydb_open(image, len, cli_policy_target(path), &p, why,
			       sizeof(why));

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
 * not touched.  Changes n.. are the other recorded settings: one the file
 * does not have is left out with a warning (VALUE_ABSENT).  A toggle still
 * open (-N) flips the file's default.  Returns 0 or an exit code.
 */
static int prepare_file(struct flask *f, struct change *c, int n, int nall,
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
	rc = file_resolve(rw->path, rw->real, sizeof(rw->real));
	if (rc < 0) {
		cli_error(-rc, NULL, "cannot read '%s'", rw->path);
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
	for (i = 0; i < nall; i++)
		c[i].old_default = -1;
	policydb_bools(p, note_default, &(struct defaults){ c, nall });
	for (i = 0; i < nall; i++) {
		if (c[i].value == VALUE_TOGGLE && c[i].old_default >= 0)
			c[i].value = !c[i].old_default;
		if (i >= n && c[i].old_default < 0) {
			cli_warn("recorded boolean '%s' is not in '%s': left "
				 "out", name_show(c[i].name), rw->path);
			c[i].value = VALUE_ABSENT;
			continue;
		}
		rc = policydb_set_bool(p, c[i].name, c[i].value);
		if (rc == -ENOENT) {
			fprintf(stderr, "%s: no boolean '%s' in '%s'\n",
				program_invocation_short_name,
				name_show(c[i].name), rw->path);
			ret = EXIT_FLASK;
		} else if (rc < 0) {
			cli_error(-rc, NULL, "cannot set the default of '%s' in "
				  "'%s'", name_show(c[i].name), rw->path);
			ret = EXIT_FLASK;
		}
	}
	if (ret)
		goto out;
	image = policydb_image(p, &ilen);
	rc = verify(image, ilen, rw->path, c, nall);
	if (rc < 0) {
		cli_error(-rc, NULL, "the rewritten '%s' does not read back "
			  "right; it was left as it was", rw->path);
		ret = EXIT_FLASK;
		goto out;
	}
	rc = file_write_over(rw->real, image, ilen, mode, rw->tmp,
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
				  "value of '%s'", name_show(c[i].name));
	}
}

/*
 * Puts the prepared file in place, keeping the old one as FILE.bak; if
 * that fails, puts the live values of the first n changes back.  Returns
 * an exit code.
 */
static int replace_file(struct flask *f, const struct change *c, int n,
			int nall, const struct rewrite *rw)
{
	int i, rc, changed = 0;

	for (i = 0; i < nall; i++)
		changed += c[i].value != VALUE_ABSENT &&
			   c[i].old_default != c[i].value;
	if (!changed) {		/* the file already says so: left alone */
		unlink(rw->tmp);
		if (cli_verbose && !cli_json)
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
	file_changed = 1;
	for (i = 0; i < nall; i++) {
		if (c[i].value == VALUE_ABSENT ||
		    c[i].old_default == c[i].value)
			continue;
		audit_log("default of boolean %s set to %d in %s", c[i].name,
			  c[i].value, rw->path);
		if (cli_verbose && !cli_json)
			printf("%s: default %d in %s\n",
			       name_show(c[i].name), c[i].value, rw->path);
	}
	return EXIT_OK;
}

/* Writes st over the local settings.  Returns 0 or EXIT_USAGE. */
static int save_settings(const struct settings *st)
{
	int rc = settings_save(settings_file, st);

	if (rc < 0) {
		cli_error(-rc, NULL, "cannot write %s", settings_file);
		return EXIT_USAGE;
	}
	return 0;
}

/*
 * Records the first n changes in st and writes it when that changed it
 * (-P).  Returns 0 or an exit code.
 */
static int record(struct settings *st, struct change *c, int n)
{
	int i, rc;

	for (i = 0; i < n; i++) {
		rc = settings_set(st, c[i].name, c[i].value);
		if (rc < 0) {
			cli_error(-rc, NULL, "cannot record '%s'",
				  name_show(c[i].name));
			return EXIT_USAGE;
		}
		c[i].recorded = rc;
		settings_changed |= rc;
	}
	return settings_changed ? save_settings(st) : 0;
}

/* --forget: drops each of the n names from the local settings. */
static int forget_settings(const struct change *c, int n)
{
	struct settings st;
	int i, lock, ret;

	lock = lock_take("settings");
	if (lock < 0) {
		cli_error(-lock, NULL, "cannot lock %s/settings.lock", LOCK_DIR);
		return EXIT_USAGE;
	}
	ret = cli_read_settings(settings_file, &st);
	for (i = 0; !ret && i < n; i++)
		if (!settings_find(&st, c[i].name)) {
			fprintf(stderr, "%s: boolean '%s' has no local setting "
				"in %s\n", program_invocation_short_name,
				name_show(c[i].name), settings_file);
			ret = EXIT_USAGE;
		}
	if (!ret) {
		cli_signals_hold();
		for (i = 0; i < n; i++)
			settings_forget(&st, c[i].name);
		ret = save_settings(&st);
		cli_signals_release();
	}
	for (i = 0; !ret && i < n; i++) {
		settings_changed = 1;
		audit_log("local setting of boolean %s dropped", c[i].name);
		if (cli_verbose && !cli_json)
			printf("%s: local setting dropped\n",
			       name_show(c[i].name));
	}
	if (cli_json && !ret) {
		json_open();
		json_bool("changed", 1);
		json_string("settings", settings_file);
		json_array("forgotten");
		for (i = 0; i < n; i++)
			json_string(NULL, c[i].name);
		json_array_end();
		json_close();
	}
	settings_free(&st);
	lock_release(lock);
	return ret;
}

/*
 * -P: the changes given (or every recorded setting when none is given),
 * then the other recorded settings, for the file only.  Returns 0 or an
 * exit code; *out is realloc'ed, *n and *nall set.
 */
static int add_recorded(const struct settings *st, struct change **out,
			int *n, int *nall)
{
	struct change *c;
	size_t i;
	int k = *n, given = *n;

	c = realloc(*out, (given + st->n + 1) * sizeof(*c));
	if (!c) {
		cli_error(ENOMEM, NULL, "cannot read %s", settings_file);
		return EXIT_USAGE;
	}
	*out = c;
	for (i = 0; i < st->n; i++) {
		int j;

		for (j = 0; j < given; j++)
			if (!strcmp(c[j].name, st->v[i].name))
				break;
		if (j < given)
			continue;
		c[k++] = (struct change){ st->v[i].name, st->v[i].value,
					  -1, -1, -1, 0 };
	}
	*nall = k;
	if (!given)	/* -P alone: every recorded setting, live too */
		*n = k;
	return 0;
}

/* -J: what the call did. */
static void print_json(const struct change *c, int n, const char *policy)
{
	int i;

	json_open();
	json_bool("changed", live_changed || file_changed || settings_changed);
	json_array("booleans");
	for (i = 0; i < n; i++) {
		json_object(NULL);
		json_string("name", c[i].name);
		if (file_only)
			json_null("old");
		else
			json_int("old", c[i].cur);
		json_int("new", c[i].value);
		json_object_end();
	}
	json_array_end();
	json_string("policy", policy);
	json_bool("policy_changed", file_changed);
	json_string("settings", persist ? settings_file : NULL);
	json_bool("settings_changed", settings_changed);
	json_close();
}

int main(int argc, char **argv)
{
	poptContext ctx = cli_parse(argc, argv, options,
				    "[OPTION...] NAME VALUE | NAME=VALUE... | "
				    "--commit | -t NAME... | -P | --forget NAME...");
	struct rewrite rw = { .tmp = "", .lock = -1 };
	struct settings st = { 0 }, before = { 0 };
	struct change *c = NULL;
	struct flask *f = NULL;
	int i, n, nall, lock = -1, slock = -1, existed = 1, ret;

	ret = read_changes(ctx, &c, &n);
	if (ret)
		goto out;
	if (no_commit && commit_only) {
		ret = cli_usage("--commit and --no-commit exclude each other");
		goto out;
	}
	if (forget && (toggle || persist || no_commit || commit_only ||
		       file_only || policy_path || !n)) {
		ret = cli_usage("--forget takes NAME... and no other option");
		goto out;
	}
	if (forget) {
		ret = forget_settings(c, n);
		goto out;
	}
	if (toggle && (!n || commit_only)) {
		ret = cli_usage("-t takes NAME... and no --commit");
		goto out;
	}
	if (!persist && (file_only || policy_path)) {
		ret = cli_usage("-N and --policy go with -P");
		goto out;
	}
	if (persist && (no_commit || commit_only)) {
		ret = cli_usage("-P takes no --commit or --no-commit");
		goto out;
	}
	if (!n && !commit_only && !persist) {
		ret = cli_usage("give NAME VALUE, NAME=VALUE..., -t NAME..., "
				"-P or --commit");
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
	}
	nall = n;
	if (persist) {
		slock = lock_take("settings");
		if (slock < 0) {
			cli_error(-slock, NULL, "cannot lock %s/settings.lock",
				  LOCK_DIR);
			ret = EXIT_USAGE;
			goto out;
		}
		existed = access(settings_file, F_OK) == 0;
		ret = cli_read_settings(settings_file, &st);
		if (!ret)
			ret = cli_read_settings(settings_file, &before);
		if (!ret)
			ret = add_recorded(&st, &c, &n, &nall);
		if (ret)
			goto out;
		if (!nall) {	/* -P alone, nothing recorded */
			if (!cli_quiet && !cli_json)
				printf("no local settings recorded in %s: "
				       "nothing to apply\n", settings_file);
			if (cli_json)
				print_json(c, n, NULL);
			goto out;
		}
	}
	if (!file_only) {
		ret = read_current(f, c, n);
		if (ret)
			goto out;
	}
	cli_signals_hold();
	if (persist && (ret = prepare_file(f, c, n, nall, &rw)))
		goto out;
	if (persist && (ret = record(&st, c, n)))
		goto out;
	if (!file_only) {
		ret = stage(f, c, n);
		if (!ret && !no_commit)
			ret = commit(f, c, n, persist);
		for (i = 0; !ret && i < n; i++)
			live_changed |= no_commit ? c[i].pend != c[i].value :
						    c[i].cur != c[i].value;
	}
	if (!ret && persist) {
		ret = replace_file(f, c, n, nall, &rw);
		rw.tmp[0] = '\0';
		if (ret == EXIT_OK && !file_only)
			report(c, n, "");
	}
	if (ret && settings_changed) {
		/* the live values and the file are as they were: so is this */
		if (existed)
			save_settings(&before);
		else
			settings_remove(settings_file);
		settings_changed = 0;
	}
	if (ret)
		goto out;
	for (i = 0; i < n; i++)
		if (c[i].recorded)
			audit_log("local setting of boolean %s recorded: %d",
				  c[i].name, c[i].value);
	if (no_commit) {
		for (i = 0; i < n; i++) {
			audit_log("boolean %s staged %d (current %d)",
				  c[i].name, c[i].value, c[i].cur);
			if (cli_verbose && !cli_json)
				printf("%s: %d (pending %d)\n",
				       name_show(c[i].name), c[i].cur,
				       c[i].value);
		}
	}
	if (cli_json)
		print_json(c, n, persist ? rw.path : NULL);
out:
	if (rw.tmp[0])
		unlink(rw.tmp);
	lock_release(rw.lock);
	lock_release(slock);
	lock_release(lock);
	cli_signals_release();
	flask_close(f);
	settings_free(&st);
	settings_free(&before);
	free(c);
	return cli_finish(ctx, ret);
}
