// SPDX-License-Identifier: GPL-2.0-or-later
/* flask-get-bool - print FLASK booleans as Xen's tool does: "name: 1 (pending 0)". */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "flask.h"
#include "json.h"
#include "name.h"
#include "policydb.h"
#include "settings.h"

#define NAME_MAX_LEN 4096

static int all, local;
static char *policy_file, *settings_file = SETTINGS_DEFAULT;

static struct poptOption options[] = {
	{ "all", 'a', POPT_ARG_NONE, &all, 0,
	  "Print every boolean of the loaded policy", NULL },
	{ "policy", 'p', POPT_ARG_STRING, &policy_file, 0,
	  "Read the booleans' defaults from a policy file instead", "FILE" },
	{ "local", 'L', POPT_ARG_NONE, &local, 0,
	  "List the local settings recorded by flask-set-bool, against the "
	  "boot policy's defaults and the live values", NULL },
	{ "settings", '\0', POPT_ARG_STRING, &settings_file, 0,
	  "The local settings (default " SETTINGS_DEFAULT ")", "FILE" },
	CLI_XEN_VERSION_OPTION,
	CLI_JSON_OPTION,
	CLI_COMMON_OPTIONS,
	POPT_TABLEEND
};

/*
 * Prints one boolean in Xen's format, the name escaped (name_show()); -v
 * always shows the pending value.  With -J: an object of the "booleans"
 * array.
 */
static void print_bool(const char *name, int cur, int pend)
{
	if (cli_json) {
		json_object(NULL);
		json_string("name", name);
		json_int("value", cur);
		if (!policy_file)
			json_int("pending", pend);
		json_object_end();
		return;
	}
	if (cli_quiet)
		return;
	if (cur != pend || cli_verbose)
		printf("%s: %d (pending %d)\n", name_show(name), cur, pend);
	else
		printf("%s: %d\n", name_show(name), cur);
}

/* Prints every boolean. Returns an exit code. */
static int print_all(struct flask *f)
{
	static char name[NAME_MAX_LEN + 1];
	int id, cur, pend, rc;

	for (id = 0;; id++) {
		rc = flask_getbool_byid(f, id, name, sizeof(name), &cur, &pend);
		if (rc == -ENOENT && id == 0 && flask_policy_loaded(f) == 0) {
			cli_error(ENOENT, CLI_HINT_NO_POLICY,
				  "cannot list the booleans");
			return EXIT_FLASK;
		}
		if (rc == -ENOENT)
			return EXIT_OK;
		if (rc < 0) {
			cli_error(-rc, cli_hint_op(-rc),
				  "cannot read boolean number %d", id);
			return EXIT_FLASK;
		}
		print_bool(name, cur, pend);
	}
}

/* Prints the named booleans; an unknown name does not stop the others. */
static int print_named(struct flask *f, poptContext ctx)
{
	const char *name;
	int cur, pend, rc, ret = EXIT_OK;

	while ((name = poptGetArg(ctx))) {
		rc = flask_getbool_byname(f, name, &cur, &pend);
		if (rc == -ENOENT) {
			cli_error(ENOENT, cli_hint_bool(f),
				  "cannot read boolean '%s'", name_show(name));
			ret = EXIT_FLASK;
			continue;
		}
		if (rc < 0) {
			cli_error(-rc, cli_hint_op(-rc),
				  "cannot read boolean '%s'", name_show(name));
			return EXIT_FLASK;
		}
		print_bool(name, cur, pend);
	}
	return ret;
}

/* What the offline listing looks for. */
struct wanted {
	const char **names;	/* NULL: every boolean */
	int *found;
};

static int print_default(const char *name, int value, void *arg)
{
	struct wanted *w = arg;
	int i;

	if (!w->names) {
		print_bool(name, value, value);
		return 0;
	}
	for (i = 0; w->names[i]; i++)
		if (!strcmp(w->names[i], name))
			w->found[i] = value + 1;
	return 0;
}

/*
 * Prints the booleans of a policy file with their defaults, in the same
 * format, without a hypervisor.  Returns an exit code.
 */
static int print_file(poptContext ctx)
{
	struct wanted w = { poptGetArgs(ctx), NULL };
	struct policydb *p;
	int i, rc, ret = cli_read_policy(policy_file, &p, NULL);

	if (ret)
		return ret;
	for (i = 0; w.names && w.names[i]; i++)
		;
	w.found = calloc(i + 1, sizeof(*w.found));
	rc = w.found ? policydb_bools(p, print_default, &w) : -ENOMEM;
	for (i = 0; rc == 0 && w.names && w.names[i]; i++) {
		if (!w.found[i]) {
			fprintf(stderr, "%s: no boolean '%s' in '%s'\n",
				program_invocation_short_name,
				name_show(w.names[i]), policy_file);
			ret = EXIT_FLASK;
		} else {
			print_bool(w.names[i], w.found[i] - 1,
				   w.found[i] - 1);
		}
	}
	if (rc < 0) {
		cli_error(-rc, NULL, "cannot list the booleans of '%s'",
			  policy_file);
		ret = EXIT_FLASK;
	}
	free(w.found);
	policydb_close(p);
	return ret;
}

/* The defaults a policy file gives the recorded settings. */
struct local_defaults {
	const struct settings *s;
	int *def;		/* -1: not in the policy */
};

static int note_default(const char *name, int value, void *arg)
{
	struct local_defaults *d = arg;
	struct setting *o = settings_find(d->s, name);

	if (o)
		d->def[o - d->s->v] = value;
	return 0;
}

/* Prints one recorded setting against the policy's default and the live value. */
static void print_local(const char *name, int value, int def, int live)
{
	if (cli_json) {
		json_object(NULL);
		json_string("name", name);
		json_int("value", value);
		if (def < 0)
			json_null("default");
		else
			json_int("default", def);
		if (live < 0)
			json_null("live");
		else
			json_int("live", live);
		json_object_end();
		return;
	}
	if (cli_quiet)
		return;
	printf("%s: %d", name_show(name), value);
	if (def == -1)
		printf(" (not in the policy)");
	else if (def >= 0 && def != value)
		printf(" (policy default %d)", def);
	if (live == -1)
		printf(" (not in the loaded policy)");
	else if (live >= 0 && live != value)
		printf(" (live %d)", live);
	putchar('\n');
}

/*
 * -L: the settings flask-set-bool -P recorded, each against the default of
 * the boot policy file (or --policy FILE) and the live value (f may be
 * NULL: offline).  Returns an exit code.
 */
static int print_settings(struct flask *f)
{
	char path[4096];
	struct settings s;
	struct policydb *p = NULL;
	int *def = NULL, cur, pend, rc, ret;
	size_t i;

	if (cli_read_settings(settings_file, &s))
		return EXIT_USAGE;
	if (policy_file)
		snprintf(path, sizeof(path), "%s", policy_file);
	else if ((ret = cli_boot_policy(f, path, sizeof(path))))
		goto out;
	ret = cli_read_policy(path, &p, NULL);
	if (ret)
		goto out;
	def = malloc((s.n + 1) * sizeof(*def));
	if (!def) {
		cli_error(ENOMEM, NULL, "cannot list the settings");
		ret = EXIT_USAGE;
		goto out;
	}
	for (i = 0; i < s.n; i++)
		def[i] = -1;
	policydb_bools(p, note_default, &(struct local_defaults){ &s, def });
	if (cli_json) {
		json_open();
		json_string("settings", settings_file);
		json_string("policy", path);
		json_array("booleans");
	}
	for (i = 0; i < s.n; i++) {
		cur = -2;	/* offline: no live value */
		rc = f ? flask_getbool_byname(f, s.v[i].name, &cur, &pend) : 0;
		if (rc == -ENOENT) {
			cur = -1;
		} else if (rc < 0) {
			cli_error(-rc, cli_hint_op(-rc),
				  "cannot read boolean '%s'",
				  name_show(s.v[i].name));
			ret = EXIT_FLASK;
			break;
		}
		print_local(s.v[i].name, s.v[i].value, def[i], cur);
	}
out:
	free(def);
	policydb_close(p);
	settings_free(&s);
	return ret;
}

int main(int argc, char **argv)
{
	poptContext ctx = cli_parse(argc, argv, options, "[OPTION...] -a | NAME... | -L");
	const char **names;
	struct flask *f = NULL;
	int ret;

	if (local && (all || poptPeekArg(ctx))) {
		ret = cli_usage("-L takes no NAME and no -a");
		goto out;
	}
	if (all && poptPeekArg(ctx)) {
		ret = cli_usage("-a takes no NAME");
		goto out;
	}
	if (!local && !all && !poptPeekArg(ctx)) {
		ret = cli_usage("give one or more boolean NAMEs, -a or -L");
		goto out;
	}
	for (names = poptGetArgs(ctx); names && *names; names++)
		if ((ret = cli_check_name(*names)))
			goto out;
	if (policy_file && !local) {
		if (cli_json) {
			json_open();
			json_string("policy", policy_file);
			json_array("booleans");
		}
		ret = print_file(ctx);
		goto out;
	}
	/* -L --policy FILE works offline too, without the live values */
	if (local && policy_file) {
		if (flask_open(&f) < 0)
			f = NULL;
	} else {
		f = cli_open();
		if (!f) {
			ret = EXIT_USAGE;
			goto out;
		}
	}
	if (local) {
		ret = print_settings(f);
	} else {
		if (cli_json) {
			json_open();
			json_array("booleans");
		}
		ret = all ? print_all(f) : print_named(f, ctx);
	}
	flask_close(f);
out:
	if (cli_json)
		json_close();
	return cli_finish(ctx, ret);
}
