/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cli.h - what every tool shares on the command line: options, messages, exit codes. */
#ifndef FLASK_UTILS_CLI_H
#define FLASK_UTILS_CLI_H

#include <stddef.h>
#include <sys/types.h>
#include <popt.h>

struct flask;
struct policydb;
struct xen_classes;
struct settings;

/* Exit codes, the same in every tool and every man page. */
enum {
	EXIT_OK = 0,		/* success */
	EXIT_USAGE = 1,		/* usage or local error, hypervisor unreachable */
	EXIT_FLASK = 2,		/* a FLASK operation failed */
	EXIT_ABSENT = 3,	/* a stored device is not present: skipped */
};

/* Set by -q/--quiet and -v/--verbose. */
extern int cli_quiet;
extern int cli_verbose;

/* Set by -J/--json (CLI_JSON_OPTION) in the tools that have it. */
extern int cli_json;

#define CLI_JSON_OPTION							\
	{ "json", 'J', POPT_ARG_NONE, &cli_json, 0,			\
	  "Print one JSON object (keys: see the man page)", NULL }

/*
 * Set by --xen-version (CLI_XEN_VERSION_OPTION): the Xen a policy file is
 * for, in the tools that read policy files.
 */
extern const char *cli_xen_version;

#define CLI_XEN_VERSION_OPTION						\
	{ "xen-version", '\0', POPT_ARG_STRING, &cli_xen_version, 0,	\
	  "The Xen the policy file is for (default: from its name)",	\
	  "VERSION" }

/* Printed after the options by --help, when set (before cli_parse). */
extern const char *cli_help_text;

/* -h/-?/--help and --usage. */
extern struct poptOption cli_help_options[];

/* --version, -q/--quiet, -v/--verbose; include with CLI_COMMON_OPTIONS. */
extern struct poptOption cli_common_options[];

#define CLI_COMMON_OPTIONS						\
	{ NULL, '\0', POPT_ARG_INCLUDE_TABLE, cli_common_options, 0,	\
	  "Common options:", NULL },					\
	{ NULL, '\0', POPT_ARG_INCLUDE_TABLE, cli_help_options, 0,	\
	  "Help options:", NULL }

/*
 * Parses the command line against opts (options that only store through
 * their arg pointers), with args_help shown after the program name in
 * --help and --usage.  Returns the context, whose leftover arguments are the
 * operands.  On a bad option prints a usage error and exits with EXIT_USAGE.
 */
poptContext cli_parse(int argc, char **argv, const struct poptOption *opts,
		      const char *args_help);

/*
 * Ends a tool: releases ctx and makes sure standard output reached its
 * destination.  Returns ret, or EXIT_USAGE when writing failed.
 */
int cli_finish(poptContext ctx, int ret);

/*
 * Prints "PROG: MESSAGE" and "Try 'PROG --help' for more information." to
 * stderr.  Returns EXIT_USAGE.
 */
int cli_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Holds back SIGHUP, SIGINT, SIGQUIT, SIGTERM and SIGPIPE until
 * cli_signals_release(): a change of several steps is made whole (or rolled
 * back) first; a signal that came meanwhile acts when released.
 */
void cli_signals_hold(void);
void cli_signals_release(void);

/*
 * Checks that s (a boolean name or a context, named by what) fits what the
 * hypervisor copies in: FLASK_STRING_MAX characters.  Returns 0, or prints
 * a usage error and returns EXIT_USAGE.
 */
int cli_check_string(const char *what, const char *s);

/*
 * Checks a boolean name given on the command line (name_check()): not
 * empty, no control character nor blank, not longer than FLASK takes.
 * Returns 0, or prints a usage error (the name shown escaped) and returns
 * EXIT_USAGE.
 */
int cli_check_name(const char *name);

/*
 * Prints "PROG: WHAT: strerror(err) (hint)" to stderr; hint may be NULL.
 */
void cli_error(int err, const char *hint, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Prints "PROG: warning: MESSAGE" to stderr unless quiet. */
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Formats one error line, without the newline, into buf[size]:
 * "prog: what: strerror(err)" and " (hint)" when hint is not NULL.  Returns
 * what snprintf returns.
 */
int cli_format_error(char *buf, size_t size, const char *prog,
		     const char *what, int err, const char *hint);

/* Returns the hint for a failure to open the hypervisor interface, or NULL. */
const char *cli_hint_open(int err);

/* Returns the hint for a failed FLASK operation, or NULL. */
const char *cli_hint_op(int err);

/*
 * Returns the hint for an unknown boolean: no such boolean in the loaded
 * policy, or no policy loaded yet (flask=late).
 */
const char *cli_hint_bool(struct flask *f);

/* The hint when no policy is loaded yet. */
#define CLI_HINT_POLICY_SIZE "the hypervisor takes policies of at most 64 MiB"
#define CLI_HINT_NO_POLICY \
	"no policy is loaded yet, booted with flask=late: load one with " \
	"flask-loadpolicy"

/*
 * Opens the hypervisor interface.  Returns the handle, or prints why not
 * (with a hint) and returns NULL: the caller exits with EXIT_USAGE.
 */
struct flask *cli_open(void);

/*
 * Finds the policy file this host boots with (boot_policy_find(), for the
 * version the hypervisor reports) into name[size]; says on stderr which
 * one when there are several.  Returns 0, or prints why not and returns
 * EXIT_USAGE.
 */
int cli_boot_policy(struct flask *f, char *name, size_t size);

/*
 * Reads the binary policy file path whole into *db (policydb_open(); its
 * mode into *mode unless NULL).  Returns 0, or prints why not and returns
 * EXIT_USAGE (unreadable, too large) or EXIT_FLASK (not a valid policy).
 */
int cli_read_policy(const char *path, struct policydb **db, mode_t *mode);

/*
 * The Xen the policy file path is for: --xen-version's (cli_parse()
 * refuses one flask-utils does not know), else the one its name says
 * (xenpolicy-VERSION, when flask-utils knows it), else NULL: any Xen
 * flask-utils knows.
 */
const struct xen_classes *cli_policy_target(const char *path);

/*
 * Reads the local boolean settings at path into s (settings_load()).
 * Returns 0, or prints why not (corrupt: at which line) and returns
 * EXIT_USAGE.
 */
int cli_read_settings(const char *path, struct settings *s);

#endif
