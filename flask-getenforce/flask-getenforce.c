// SPDX-License-Identifier: GPL-2.0-or-later
/* flask-getenforce - print the hypervisor's FLASK mode. */

#include <errno.h>
#include <stdio.h>

#include "cli.h"
#include "flask.h"

static struct poptOption options[] = {
	CLI_COMMON_OPTIONS,
	POPT_TABLEEND
};

/* Counts the booleans and how many have a pending value; -errno on error. */
static int count_booleans(struct flask *f, int *pending)
{
	int n, cur, pend, rc;

	*pending = 0;
	for (n = 0;; n++) {
		rc = flask_getbool_byid(f, n, NULL, 0, &cur, &pend);
		if (rc == -ENOENT)
			return n;
		if (rc < 0)
			return rc;
		*pending += cur != pend;
	}
}

/* Prints the sestatus-style overview of -v. Returns an exit code. */
static int print_status(struct flask *f, int mode)
{
	int vers, mls, nbool, pending;

	printf("%-24s%s\n", "FLASK status:", mode < 0 ? "disabled" : "enabled");
	if (mode < 0)
		return EXIT_OK;
	printf("%-24s%s\n", "Current mode:", mode ? "enforcing" : "permissive");
	vers = flask_policyvers(f);
	mls = flask_mls(f);
	nbool = count_booleans(f, &pending);
	if (vers < 0 || mls < 0 || nbool < 0) {
		int err = vers < 0 ? -vers : mls < 0 ? -mls : -nbool;

		cli_error(err, cli_hint_op(err), "cannot read the FLASK status");
		return EXIT_FLASK;
	}
	printf("%-24s%d\n", "Max policy version:", vers);
	printf("%-24s%s\n", "Policy MLS status:", mls ? "enabled" : "disabled");
	printf("%-24s%d (%d pending)\n", "Booleans:", nbool, pending);
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	poptContext ctx = cli_parse(argc, argv, options, NULL);
	const char *extra = poptPeekArg(ctx);
	struct flask *f;
	int mode, ret = EXIT_OK;

	if (extra) {
		ret = cli_usage("unexpected argument '%s'", extra);
		goto out;
	}
	f = cli_open();
	if (!f) {
		ret = EXIT_USAGE;
		goto out;
	}
	mode = flask_getenforce(f);
	if (mode < 0 && mode != -ENOSYS) {
		cli_error(-mode, cli_hint_op(-mode),
			  "cannot read the enforcing mode");
		ret = EXIT_FLASK;
	} else if (cli_verbose) {
		ret = print_status(f, mode);
	} else if (!cli_quiet) {
		puts(mode < 0 ? "Disabled" : mode ? "Enforcing" : "Permissive");
	}
	flask_close(f);
out:
	return cli_finish(ctx, ret);
}
