// SPDX-License-Identifier: GPL-2.0-or-later
/* flask-get-bool - print FLASK booleans as Xen's tool does: "name: 1 (pending 0)". */

#include <errno.h>
#include <stdio.h>

#include "cli.h"
#include "flask.h"

#define NAME_MAX_LEN 4096

static int all;

static struct poptOption options[] = {
	{ "all", 'a', POPT_ARG_NONE, &all, 0,
	  "Print every boolean of the loaded policy", NULL },
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
			cli_error(ENOENT, "no such boolean in the loaded policy",
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

int main(int argc, char **argv)
{
	poptContext ctx = cli_parse(argc, argv, options, "[OPTION...] -a | NAME...");
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
