// SPDX-License-Identifier: GPL-2.0-or-later
/* flask-get-bool - print FLASK booleans as Xen's tool does: "name: 1 (pending 0)". */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "flask.h"
#include "policydb.h"

#define NAME_MAX_LEN 4096

static int all;
static char *policy_file;

static struct poptOption options[] = {
	{ "all", 'a', POPT_ARG_NONE, &all, 0,
	  "Print every boolean of the loaded policy", NULL },
	{ "policy", 'p', POPT_ARG_STRING, &policy_file, 0,
	  "Read the booleans' defaults from a policy file instead", "FILE" },
	CLI_COMMON_OPTIONS,
	POPT_TABLEEND
};

/* Prints one boolean in Xen's format; -v always shows the pending value. */
static void print_bool(const char *name, int cur, int pend)
{
	if (cli_quiet)
		return;
	if (cur != pend || cli_verbose)
		printf("%s: %d (pending %d)\n", name, cur, pend);
	else
		printf("%s: %d\n", name, cur);
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
				  "cannot read boolean '%s'", name);
			ret = EXIT_FLASK;
			continue;
		}
		if (rc < 0) {
			cli_error(-rc, cli_hint_op(-rc),
				  "cannot read boolean '%s'", name);
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
				program_invocation_short_name, w.names[i],
				policy_file);
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

int main(int argc, char **argv)
{
	poptContext ctx = cli_parse(argc, argv, options, "[OPTION...] -a | NAME...");
	const char **names;
	struct flask *f;
	int ret;

	if (all && poptPeekArg(ctx)) {
		ret = cli_usage("-a takes no NAME");
		goto out;
	}
	if (!all && !poptPeekArg(ctx)) {
		ret = cli_usage("give one or more boolean NAMEs, or -a");
		goto out;
	}
	for (names = poptGetArgs(ctx); names && *names; names++)
		if ((ret = cli_check_string("a boolean name", *names)))
			goto out;
	if (policy_file) {
		ret = print_file(ctx);
		goto out;
	}
	f = cli_open();
	if (!f) {
		ret = EXIT_USAGE;
		goto out;
	}
	ret = all ? print_all(f) : print_named(f, ctx);
	flask_close(f);
out:
	return cli_finish(ctx, ret);
}
