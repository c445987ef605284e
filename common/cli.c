// SPDX-License-Identifier: GPL-2.0-or-later
/* cli.c - what every tool shares on the command line: options, messages, exit codes. */

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boot.h"
#include "cli.h"
#include "file.h"
#include "flask.h"
#include "name.h"
#include "policy.h"
#include "policydb.h"
#include "settings.h"

#ifndef VERSION
#define VERSION "unknown"
#endif

int cli_quiet;
int cli_verbose;
int cli_json;
const char *cli_xen_version;
const char *cli_help_text;

static void version_cb(poptContext ctx, enum poptCallbackReason reason,
		       const struct poptOption *opt, const char *arg,
		       const void *data)
{
	(void)ctx; (void)reason; (void)arg; (void)data;
	/* popt calls back for every option of the table: act on -V only. */
	if (opt->shortName != 'V')
		return;
	printf("%s (flask-utils) %s\n", program_invocation_short_name,
	       VERSION);
	exit(EXIT_OK);
}

struct poptOption cli_common_options[] = {
	{ NULL, '\0', POPT_ARG_CALLBACK, (void *)version_cb, 0, NULL, NULL },
	{ "version", 'V', POPT_ARG_NONE, NULL, 0,
	  "Print the version and exit", NULL },
	{ "quiet", 'q', POPT_ARG_NONE, &cli_quiet, 0,
	  "Print only errors", NULL },
	{ "verbose", 'v', POPT_ARG_NONE, &cli_verbose, 0,
	  "Print more detail", NULL },
	POPT_TABLEEND
};

/* -h, -? and --help print the help; --usage the short usage. */
static void help_cb(poptContext ctx, enum poptCallbackReason reason,
		    const struct poptOption *opt, const char *arg,
		    const void *data)
{
	(void)reason; (void)arg; (void)data;
	if (opt->val == 'u') {
		poptPrintUsage(ctx, stdout, 0);
	} else {
		poptPrintHelp(ctx, stdout, 0);
		if (cli_help_text)
			printf("\n%s", cli_help_text);
	}
	poptFreeContext(ctx);
	exit(fflush(stdout) == 0 ? EXIT_OK : EXIT_USAGE);
}

struct poptOption cli_help_options[] = {
	{ NULL, '\0', POPT_ARG_CALLBACK, (void *)help_cb, 0, NULL, NULL },
	{ "help", 'h', POPT_ARG_NONE, NULL, 'h',
	  "Show this help message", NULL },
	{ NULL, '?', POPT_ARG_NONE | POPT_ARGFLAG_DOC_HIDDEN, NULL, 'h',
	  NULL, NULL },
	{ "usage", '\0', POPT_ARG_NONE, NULL, 'u',
	  "Display brief usage message", NULL },
	POPT_TABLEEND
};

poptContext cli_parse(int argc, char **argv, const struct poptOption *opts,
		      const char *args_help)
{
	poptContext ctx;
	int rc;

	ctx = poptGetContext(NULL, argc, (const char **)argv, opts, 0);
	if (args_help)
		poptSetOtherOptionHelp(ctx, args_help);
	while ((rc = poptGetNextOpt(ctx)) > 0)
		;
	if (rc < -1) {
		cli_usage("%s: %s", poptBadOption(ctx, POPT_BADOPTION_NOALIAS),
			  poptStrerror(rc));
		poptFreeContext(ctx);
		exit(EXIT_USAGE);
	}
	if (cli_xen_version && !xen_classes_find(cli_xen_version)) {
		char known[64];
		size_t i, n = 0;

		for (i = 0; i < xen_classes_nknown && n < sizeof(known); i++)
			n += (size_t)snprintf(known + n, sizeof(known) - n,
					      "%s%s", i ? ", " : "",
					      xen_classes_known[i].version);
		cli_usage("--xen-version: no Xen '%s' known (%s)",
			  cli_xen_version, known);
		poptFreeContext(ctx);
		exit(EXIT_USAGE);
	}
	return ctx;
}

int cli_finish(poptContext ctx, int ret)
{
	poptFreeContext(ctx);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error(errno, NULL, "write error on standard output");
		return ret ? ret : EXIT_USAGE;
	}
	return ret;
}

static sigset_t held_old;
static int held;

void cli_signals_hold(void)
{
	sigset_t set;

	if (held++)
		return;
	sigemptyset(&set);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGQUIT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGPIPE);
	sigprocmask(SIG_BLOCK, &set, &held_old);
}

void cli_signals_release(void)
{
	if (held && !--held)
		sigprocmask(SIG_SETMASK, &held_old, NULL);
}

int cli_check_string(const char *what, const char *s)
{
	size_t len = strlen(s);

	if (len <= FLASK_STRING_MAX)
		return 0;
	return cli_usage("%s of %zu characters: FLASK takes at most %d",
			 what, len, FLASK_STRING_MAX);
}

int cli_check_name(const char *name)
{
	int rc = name_check(name, NULL);

	if (rc == -ENAMETOOLONG)
		return cli_check_string("a boolean name", name);
	if (rc < 0 && !*name)
		return cli_usage("an empty boolean name");
	if (rc < 0)
		return cli_usage("invalid boolean name '%s': control "
				 "characters and blanks are not allowed",
				 name_show(name));
	return 0;
}

int cli_usage(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", program_invocation_short_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s --help' for more information.\n",
		program_invocation_short_name);
	return EXIT_USAGE;
}

int cli_format_error(char *buf, size_t size, const char *prog,
		     const char *what, int err, const char *hint)
{
	if (hint)
		return snprintf(buf, size, "%s: %s: %s (%s)", prog, what,
				strerror(err), hint);
	return snprintf(buf, size, "%s: %s: %s", prog, what, strerror(err));
}

void cli_error(int err, const char *hint, const char *fmt, ...)
{
	char what[1024], line[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	cli_format_error(line, sizeof(line), program_invocation_short_name,
			 what, err, hint);
	fprintf(stderr, "%s\n", line);
}

void cli_warn(const char *fmt, ...)
{
	va_list ap;

	if (cli_quiet)
		return;
	fprintf(stderr, "%s: warning: ", program_invocation_short_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

const char *cli_hint_open(int err)
{
	switch (err) {
	case ENOENT:
	case ENODEV:
	case ENXIO:
		return "no /dev/xen/privcmd: not dom0, or the xen-privcmd "
		       "module is not loaded";
	case EACCES:
	case EPERM:
		return "the hypervisor interface needs root";
	default:
		return NULL;
	}
}

const char *cli_hint_op(int err)
{
	switch (err) {
	case ENOSYS:
		return "this Xen has no FLASK, or it was booted with "
		       "flask=disabled";
	case EACCES:
		return "denied by the XSM policy: see 'xl dmesg' for the AVC "
		       "record";
	default:
		return NULL;
	}
}

const char *cli_hint_bool(struct flask *f)
{
	return flask_policy_loaded(f) == 0 ? CLI_HINT_NO_POLICY
					   : "no such boolean in the loaded policy";
}

struct flask *cli_open(void)
{
	struct flask *f;
	int rc = flask_open(&f);

	if (rc < 0) {
		cli_error(-rc, cli_hint_open(-rc),
			  "cannot open the hypervisor interface");
		return NULL;
	}
	return f;
}

int cli_boot_policy(struct flask *f, char *name, size_t size)
{
	struct boot_policy b;
	char version[64];
	size_t i;
	int rc = flask_xen_version(f, version, sizeof(version));

	if (rc < 0) {
		cli_error(-rc, NULL, "cannot read the Xen version");
		return EXIT_USAGE;
	}
	rc = boot_policy_find(BOOT_CONFIG, BOOT_DIR, version, &b);
	if (rc == -ENOENT && b.path[0]) {
		cli_error(ENOENT, NULL, "cannot find the boot policy %s named "
			  "by BOOT_POLICY in %s", b.path, BOOT_CONFIG);
		return EXIT_USAGE;
	}
	if (rc == -ENOENT) {
		fprintf(stderr, "%s: no policy file given, and no boot policy "
			"for Xen %s in %s (xenpolicy-V beside xen-V.gz, "
			"xenpolicy-%s); set BOOT_POLICY in %s\n",
			program_invocation_short_name, version, BOOT_DIR,
			version, BOOT_CONFIG);
		return EXIT_USAGE;
	}
	if (rc < 0) {
		cli_error(-rc, rc == -EINVAL ? "BOOT_POLICY=FILE, no shell "
			  "expansion" : NULL, "cannot read %s", BOOT_CONFIG);
		return EXIT_USAGE;
	}
	if (strlen(b.path) >= size) {
		cli_error(ENAMETOOLONG, NULL, "cannot use %s", b.path);
		return EXIT_USAGE;
	}
	snprintf(name, size, "%s", b.path);
	if (b.nothers && !cli_quiet) {
		fprintf(stderr, "%s: several boot policy files: using %s (%s); "
			"not", program_invocation_short_name, b.path, b.why);
		for (i = 0; i < b.nothers; i++)
			fprintf(stderr, "%s %s", i ? "," : "", b.others[i]);
		fprintf(stderr, "\n");
	}
	return 0;
}

const struct xen_classes *cli_policy_target(const char *path)
{
	const char *base = strrchr(path, '/');

	if (cli_xen_version)	/* cli_parse() checked it */
		return xen_classes_find(cli_xen_version);
	base = base ? base + 1 : path;
	if (!strncmp(base, "xenpolicy-", 10))
		return xen_classes_find(base + 10);
	return NULL;
}

int cli_read_policy(const char *path, struct policydb **db, mode_t *mode)
{
	const struct xen_classes *xen = cli_policy_target(path);
	char why[1024], *buf;
	size_t len;
	int rc;

	buf = file_read(path, POLICY_SIZE_MAX, &len, mode);
	if (!buf) {
		cli_error(errno, errno == EFBIG ? CLI_HINT_POLICY_SIZE : NULL,
			  "cannot read '%s'", path);
		return EXIT_USAGE;
	}
	rc = policydb_open(buf, len, xen, db, why, sizeof(why));
	free(buf);
	if (rc == -ENOMEM) {
		cli_error(ENOMEM, NULL, "cannot read '%s'", path);
		return EXIT_USAGE;
	}
	if (rc < 0) {
		fprintf(stderr, "%s: '%s' is not a valid policy: %s\n",
			program_invocation_short_name, path, why);
		return EXIT_FLASK;
	}
	return EXIT_OK;
}

int cli_read_settings(const char *path, struct settings *s)
{
	int line = 0, rc = settings_load(path, s, &line);

	if (rc == -EINVAL) {
		fprintf(stderr, "%s: corrupt settings file %s at line %d: fix "
			"or remove it\n", program_invocation_short_name, path,
			line);
		return EXIT_USAGE;
	}
	if (rc < 0) {
		cli_error(-rc, NULL, "cannot read %s", path);
		return EXIT_USAGE;
	}
	return 0;
}
