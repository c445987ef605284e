// SPDX-License-Identifier: GPL-2.0-or-later
/* flask-setenforce - switch the hypervisor's FLASK mode. */

#include <stdio.h>

#include "audit.h"
#include "cli.h"
#include "flask.h"
#include "json.h"
#include "parse.h"

static const char *const mode_name[] = { "Permissive", "Enforcing" };

static struct poptOption options[] = {
	CLI_JSON_OPTION,
	CLI_COMMON_OPTIONS,
	POPT_TABLEEND
};

int main(int argc, char **argv)
{
	poptContext ctx;
	const char *arg;
	struct flask *f;
	int mode, old = -1, rc, ret = EXIT_OK;

	cli_help_text =
		"Modes (any case):\n"
		"  Enforcing, 1     the policy's decisions are enforced\n"
		"  Permissive, 0    denials are logged, not enforced\n";
	ctx = cli_parse(argc, argv, options, "[OPTION...] MODE");
	arg = poptGetArg(ctx);

	if (!arg) {
		ret = cli_usage("missing MODE (Enforcing or Permissive)");
		goto out;
	}
	if (poptPeekArg(ctx)) {
		ret = cli_usage("unexpected argument '%s'", poptPeekArg(ctx));
		goto out;
	}
	mode = parse_enforce_mode(arg);
	if (mode < 0) {
		ret = cli_usage("invalid mode '%s': use Enforcing, Permissive, "
				"1 or 0", arg);
		goto out;
	}
	f = cli_open();
	if (!f) {
		ret = EXIT_USAGE;
		goto out;
	}
	rc = old = flask_getenforce(f);
	if (rc >= 0 && old != mode)
		rc = flask_setenforce(f, mode);
	if (rc < 0) {
		cli_error(-rc, cli_hint_op(-rc),
			  "cannot set the enforcing mode to %s", mode_name[mode]);
		ret = EXIT_FLASK;
	} else if (cli_json) {
		json_open();
		json_string("mode", mode_name[mode]);
		json_string("old", mode_name[old]);
		json_bool("changed", old != mode);
		json_close();
	}
	if (rc >= 0 && old != mode) {
		audit_log("FLASK mode changed from %s to %s", mode_name[old],
			  mode_name[mode]);
		if (cli_verbose && !cli_json)
			printf("%s -> %s\n", mode_name[old], mode_name[mode]);
	} else if (rc >= 0 && cli_verbose && !cli_json) {
		printf("%s (unchanged)\n", mode_name[mode]);
	}
	flask_close(f);
out:
	return cli_finish(ctx, ret);
}
