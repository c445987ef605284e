// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * xen-read.c - loads policy files with Xen's own security_load_policy()
 * (one Xen version's, tests/oracle/build), and says whether Xen accepts
 * each, what it printed when it refuses one, and how many bytes it read.
 *
 *   xen-read-VERSION [-x VERSION] [-r] [-v] FILE...
 *
 * Each file is a first load into an empty security server (as at boot or
 * with flask=late); -r also loads it a second time onto itself, the
 * reload path a running Xen takes (flask-loadpolicy).  -v prints the
 * booleans and static labels Xen read, and Xen's informational messages
 * (which a release Xen does not print by default) with a refusal.  -x VERSION runs the xen-read of
 * that Xen version (major.minor) beside this one instead.  Two lines per
 * file:
 *   FILE: accepted                       FILE: refused: MESSAGES
 *   FILE: consumed N of M bytes          (Xen ignores what follows N)
 * or "FILE: crashed: ..." when Xen's code crashes on it (each file is read
 * in a child process).  Exit status: 0 every file accepted, 3 one
 * refused, 4 Xen crashed on one, 2 an error (usage, unreadable file).
 */

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "oracle.h"

/*
 * No leak report at exit: Xen leaks on some refusals (an ocontext whose
 * context does not read); fuzz-oracle reports leaks, xen-read says what
 * Xen does with a file.  Returns the sanitizer's default options.
 */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "detect_leaks=0";
}

/* Returns the file's contents in a malloc'ed block of exactly *len bytes, or NULL (errno). */
static void *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL, *bigger;
	size_t n = 0, size = 0, got;

	if (!f)
		return NULL;
	for (;;) {
		if (n == size) {
			size = size ? size * 2 : 65536;
			bigger = realloc(buf, size);
			if (!bigger)
				goto fail;
			buf = bigger;
		}
		got = fread(buf + n, 1, size - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f))
		goto fail;
	fclose(f);
	/* exactly n bytes, so that ASan sees a read past the end */
	bigger = malloc(n ? n : 1);
	if (!bigger) {
		free(buf);
		return NULL;
	}
	memcpy(bigger, buf, n);
	free(buf);
	*len = n;
	return bigger;
fail:
	free(buf);
	fclose(f);
	return NULL;
}

/*
 * Prints Xen's log as one line, lines joined by "; ", without the
 * informational and debugging ones (a release Xen does not print those by
 * default), unless all is set; log levels dropped.
 */
static void print_log(FILE *out, int rc, int all)
{
	const char *p = oracle_log(), *end;
	int first = 1;
	size_t n;

	for (; *p; p += end ? n + 1 : n) {
		end = strchr(p, '\n');
		n = end ? (size_t)(end - p) : strlen(p);
		if (n >= 3 && p[0] == '<' && p[2] == '>') {
			/* <0> error, <1> warning, <2> info, <3> debug */
			if (p[1] >= '2' && !all)
				continue;
			p += 3, n -= 3;
		}
		while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		if (n) {
			fprintf(out, "%s%.*s", first ? "" : "; ", (int)n, p);
			first = 0;
		}
	}
	if (first)
		fprintf(out, "(Xen printed nothing; error %d)", rc);
}

/* oracle_bools() callback: prints one boolean.  Returns 0. */
static int print_bool(const char *name, int value, void *arg)
{
	printf("%s: bool %s %d\n", (const char *)arg, name, value);
	return 0;
}

/* oracle_labels() callback: prints one static label.  Returns 0. */
static int print_label(int kind, uint64_t low, uint64_t high,
		       const char *context, void *arg)
{
	static const char *const what[] = { "?", "pirq", "ioport", "iomem",
					     "device" };

	printf("%s: label %s %#" PRIx64 "-%#" PRIx64 " %s\n",
	       (const char *)arg, what[kind >= 1 && kind <= 4 ? kind : 0],
	       low, high, context);
	return 0;
}

/*
 * Loads one file, first load (and reload with reload set).  Returns 0
 * accepted, 3 refused, 2 error.
 */
static int one(const char *path, int reload, int verbose)
{
	size_t len = 0;
	void *buf = read_file(path, &len);
	int rc, status = 0;

	if (!buf) {
		fprintf(stderr, "xen-read: %s: %s\n", path, strerror(errno));
		return 2;
	}
	oracle_reset();
	oracle_log_clear();
	rc = oracle_load(buf, len);
	if (rc == 0) {
		printf("%s: accepted\n", path);
	} else {
		printf("%s: refused: ", path);
		print_log(stdout, rc, verbose);
		printf("\n");
		status = 3;
	}
	printf("%s: consumed %zu of %zu bytes%s\n", path, oracle_consumed(),
	       len, rc == 0 && oracle_consumed() != len ?
	       " (Xen ignores what follows)" : "");
	if (rc == 0 && verbose) {
		oracle_bools(print_bool, (void *)path);
		oracle_labels(print_label, (void *)path);
	}
	if (rc == 0 && reload) {
		oracle_log_clear();
		rc = oracle_load(buf, len);
		if (rc == 0) {
			printf("%s: reload accepted\n", path);
		} else {
			printf("%s: reload refused: ", path);
			print_log(stdout, rc, verbose);
			printf("\n");
			status = 3;
		}
	}
	oracle_reset();
	free(buf);
	return status;
}

/*
 * one() in a child process, so that a file Xen's code crashes on (ASan
 * reports it) is said and the next one read.  Returns one()'s status, 4
 * when the child died, 2 when it cannot fork.
 */
static int in_child(const char *path, int reload, int verbose)
{
	int st;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "xen-read: fork: %s\n", strerror(errno));
		return 2;
	}
	if (pid == 0) {
		st = one(path, reload, verbose);
		fflush(stdout);
		_exit(st);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return 2;
	if (WIFEXITED(st) && WEXITSTATUS(st) != 1)
		return WEXITSTATUS(st);
	printf("%s: crashed: Xen's code died (%s %d; the sanitizer's report "
	       "is above): the hypervisor would panic\n", path,
	       WIFSIGNALED(st) ? "signal" : "exit status",
	       WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
	return 4;
}

/*
 * -x VERSION: runs the xen-read of Xen VERSION (major.minor) from this
 * program's folder with the other arguments.  Returns 2 when it cannot.
 */
static int other_version(const char *version, int argc, char **argv)
{
	char self[PATH_MAX], path[PATH_MAX + 64], *slash;
	unsigned int major, minor;
	ssize_t n;

	if (sscanf(version, "%u.%u", &major, &minor) != 2) {
		fprintf(stderr, "xen-read: -x %s: not a Xen version\n",
			version);
		return 2;
	}
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n < 0) {
		fprintf(stderr, "xen-read: /proc/self/exe: %s\n",
			strerror(errno));
		return 2;
	}
	self[n] = '\0';
	slash = strrchr(self, '/');
	*slash = '\0';
	snprintf(path, sizeof(path), "%s/xen-read-%u.%u", self, major, minor);
	argv[0] = path;
	(void)argc;
	execv(path, argv);
	fprintf(stderr, "xen-read: %s: %s (tests/oracle/build has not built "
		"that version)\n", path, strerror(errno));
	return 2;
}

int main(int argc, char **argv)
{
	const char *version = NULL;
	int opt, reload = 0, verbose = 0, status = 0, rc, i;

	while ((opt = getopt(argc, argv, "+x:rvh")) != -1) {
		switch (opt) {
		case 'x':
			version = optarg;
			break;
		case 'r':
			reload = 1;
			break;
		case 'v':
			verbose = 1;
			break;
		default:
			fprintf(opt == 'h' ? stdout : stderr,
				"usage: %s [-x VERSION] [-r] [-v] FILE...\n"
				"Loads each policy FILE with Xen %s's "
				"security_load_policy().\n", argv[0],
				oracle_xen_version());
			return opt == 'h' ? 0 : 2;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "usage: %s [-x VERSION] [-r] [-v] FILE...\n",
			argv[0]);
		return 2;
	}
	if (version) {
		unsigned int a, b, c, d;

		if (sscanf(version, "%u.%u", &a, &b) != 2 ||
		    sscanf(oracle_xen_version(), "%u.%u", &c, &d) != 2 ||
		    a != c || b != d) {
			char **args = calloc((size_t)argc + 4, sizeof(*args));
			int n = 0;

			if (!args)
				return 2;
			args[n++] = argv[0];
			if (reload)
				args[n++] = "-r";
			if (verbose)
				args[n++] = "-v";
			args[n++] = "--";
			for (i = optind; i < argc; i++)
				args[n++] = argv[i];
			return other_version(version, n, args);
		}
	}
	for (i = optind; i < argc; i++) {
		rc = in_child(argv[i], reload, verbose);
		/* the worst: error, crash, refusal */
		if (rc == 2 || (rc == 4 && status != 2) ||
		    (rc == 3 && status == 0))
			status = rc;
	}
	return status;
}
