// SPDX-License-Identifier: GPL-2.0-or-later
/* flask-loadpolicy - check a binary FLASK policy, load it, and put the device labels back. */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit.h"
#include "cli.h"
#include "file.h"
#include "flask.h"
#include "label.h"
#include "lock.h"
#include "name.h"
#include "policy.h"
#include "policydb.h"
#include "restore.h"
#include "settings.h"
#include "store.h"

static int check_only, no_restore, enforcing, permissive;
static char *store_path = STORE_DEFAULT, *settings_file = SETTINGS_DEFAULT;

static struct poptOption options[] = {
	{ "check", '\0', POPT_ARG_NONE, &check_only, 0,
	  "Only check that this hypervisor would take the policy", NULL },
	{ "no-restore", '\0', POPT_ARG_NONE, &no_restore, 0,
	  "Do not set the recorded booleans or put back the stored device "
	  "labels after the load", NULL },
	{ "enforcing", '\0', POPT_ARG_NONE, &enforcing, 0,
	  "Switch to enforcing mode after the load", NULL },
	{ "permissive", '\0', POPT_ARG_NONE, &permissive, 0,
	  "Switch to permissive mode after the load", NULL },
	{ "store", '\0', POPT_ARG_STRING, &store_path, 0,
	  "The label store (default " STORE_DEFAULT ")", "FILE" },
	{ "settings", '\0', POPT_ARG_STRING, &settings_file, 0,
	  "The local boolean settings (default " SETTINGS_DEFAULT ")",
	  "FILE" },
	CLI_COMMON_OPTIONS,
	POPT_TABLEEND
};

/* A policy image in memory the hypervisor can read. */
struct image {
	char name[4096];	/* the file, as the messages name it */
	char *buf;		/* flask_buffer_alloc() */
	size_t len;
};

/*
 * Reads the policy (a file, or standard input for "-"), at most the 64 MiB
 * the hypervisor takes, then copies it into hypercall memory.  Returns 0
 * or an exit code.
 */
static int read_image(struct flask *f, const char *path, struct image *im)
{
	char *heap;

	if (!strcmp(path, "-")) {
		snprintf(im->name, sizeof(im->name), "(standard input)");
		heap = file_read_fd(STDIN_FILENO, POLICY_SIZE_MAX, &im->len);
	} else {
		snprintf(im->name, sizeof(im->name), "%s", path);
		heap = file_read(path, POLICY_SIZE_MAX, &im->len, NULL);
	}
	if (!heap) {
		cli_error(errno, errno == EFBIG ? CLI_HINT_POLICY_SIZE : NULL,
			  "cannot read '%s'", im->name);
		return EXIT_USAGE;
	}
	im->buf = flask_buffer_alloc(f, im->len ? im->len : 1);
	if (im->buf)
		memcpy(im->buf, heap, im->len);
	free(heap);
	if (!im->buf) {
		cli_error(ENOMEM, NULL, "cannot read '%s'", im->name);
		return EXIT_USAGE;
	}
	return 0;
}

/* Refuses a policy with a reason. Returns EXIT_FLASK. */
static int refuse(const struct image *im, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int refuse(const struct image *im, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: refusing '%s': ", program_invocation_short_name,
		im->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_FLASK;
}

/*
 * Checks that the image is a Xen policy this hypervisor takes: the header,
 * the version against the hypervisor's maximum, MLS against the loaded
 * policy, then a full read (policydb_check(): everything the hypervisor
 * reads, and what it trusts).  Returns 0 or an exit code.
 */
static int check_image(struct flask *f, const struct image *im,
		       struct policy_info *info)
{
	const struct xen_classes *xen = NULL;
	char msg[1024], version[64];
	const char *why;
	int max, mls, rc;

	if (policy_header(im->buf, im->len, info, &why) < 0)
		return refuse(im, "%s", why);
	if (!info->xen)
		return refuse(im, "an SELinux kernel policy, not a Xen one");
	max = flask_policyvers(f);
	mls = flask_mls(f);
	if (max < 0 || mls < 0) {
		rc = max < 0 ? -max : -mls;
		cli_error(rc, cli_hint_op(rc), "cannot check '%s'", im->name);
		return EXIT_FLASK;
	}
	if (info->version < POLICY_VERSION_MIN || info->version > (unsigned)max)
		return refuse(im, "policy version %u; this hypervisor takes "
			      "%d to %d", info->version, POLICY_VERSION_MIN,
			      max);
	/* Before the first load (flask=late) either kind is taken. */
	if (info->mls != mls && flask_policy_loaded(f) != 0)
		return refuse(im, "an %s policy, and the loaded one is %s",
			      info->mls ? "MLS" : "non-MLS",
			      mls ? "MLS" : "not");
	/* the classes of the running Xen (any known one when it is new) */
	if (flask_xen_version(f, version, sizeof(version)) == 0)
		xen = xen_classes_find(version);
	rc = policydb_check(im->buf, im->len, xen, msg, sizeof(msg));
	if (rc == -ENOMEM) {
		cli_error(ENOMEM, NULL, "cannot check '%s'", im->name);
		return EXIT_USAGE;
	}
	if (rc < 0)
		return refuse(im, "not a valid policy: %s", msg);
	return 0;
}

/*
 * Sets the booleans flask-set-bool -P recorded (the new policy's defaults
 * may differ), staged and committed together; one the new policy does not
 * have is skipped.  The caller holds the booleans lock.  Returns an exit
 * code: EXIT_ABSENT when one was skipped.
 */
static int restore_booleans(struct flask *f)
{
	struct settings s;
	size_t i, set = 0;
	int *cur, pend, rc, line = 0, ret = EXIT_OK;

	rc = settings_load(settings_file, &s, &line);
	if (rc < 0) {
		if (rc == -EINVAL)
			fprintf(stderr, "%s: corrupt settings file %s at line "
				"%d: no boolean was set\n",
				program_invocation_short_name, settings_file,
				line);
		else
			cli_error(-rc, NULL, "cannot read %s", settings_file);
		return EXIT_USAGE;
	}
	cur = calloc(s.n + 1, sizeof(*cur));
	if (!cur) {
		cli_error(ENOMEM, NULL, "cannot read %s", settings_file);
		settings_free(&s);
		return EXIT_USAGE;
	}
	for (i = 0; i < s.n; i++) {
		rc = flask_getbool_byname(f, s.v[i].name, &cur[i], &pend);
		if (rc == -ENOENT) {
			fprintf(stderr, "%s: recorded boolean '%s' is not in "
				"the new policy: skipped\n",
				program_invocation_short_name,
				name_show(s.v[i].name));
			cur[i] = -1;
			ret = EXIT_ABSENT;
			rc = 0;
			continue;
		}
		if (rc == 0 && cur[i] != s.v[i].value)
			rc = flask_setbool(f, s.v[i].name, s.v[i].value, 0);
		if (rc < 0)
			break;
		set += cur[i] != s.v[i].value;
	}
	if (rc >= 0 && set)
		rc = flask_commitbools(f);
	if (rc < 0) {
		cli_error(-rc, cli_hint_op(-rc), "policy loaded, but the "
			  "booleans recorded in %s could not be set (none was)",
			  settings_file);
		/* a load leaves nothing pending: so does this */
		while (i-- > 0)
			if (cur[i] >= 0)
				flask_setbool(f, s.v[i].name, cur[i], 0);
		ret = EXIT_FLASK;
		goto out;
	}
	for (i = 0; i < s.n; i++)
		if (cur[i] >= 0 && cur[i] != s.v[i].value)
			audit_log("boolean %s changed from %d to %d (local "
				  "setting, after a policy load)", s.v[i].name,
				  cur[i], s.v[i].value);
	if (set && !cli_quiet)
		printf("set %zu boolean%s as recorded in %s\n", set,
		       set == 1 ? "" : "s", settings_file);
out:
	free(cur);
	settings_free(&s);
	return ret;
}

/*
 * Puts back the stored device labels, each as the device is now (the
 * caller holds the labels lock).  Returns an exit code: EXIT_ABSENT when a
 * stored device is gone.
 */
static int restore_labels(struct flask *f)
{
	struct restore res = { .devs = NULL };
	struct store s;
	int rc, line = 0, ret = EXIT_OK;
	size_t done;

	rc = store_load(store_path, &s, &line);
	if (rc < 0) {
		if (rc == -EINVAL)
			fprintf(stderr, "%s: corrupt label store %s at line "
				"%d: no device label was restored\n",
				program_invocation_short_name, store_path,
				line);
		else
			cli_error(-rc, NULL, "cannot read the label store %s",
				  store_path);
		return EXIT_USAGE;
	}
	rc = restore_all(f, "/sys", &s, store_path, &res);
	if (rc < 0) {
		cli_error(-rc, rc == -EINVAL && res.bad ? "a stored context "
			  "is not valid in the new policy" : NULL,
			  "policy loaded, but the device labels of %s could "
			  "not be restored (none was)",
			  res.bad ? res.bad->dev : store_path);
		ret = EXIT_FLASK;
		goto out;
	}
	ret = restore_report(&res);
	done = restore_count(&res, RESTORE_APPLIED) +
	       restore_count(&res, RESTORE_CHANGED);
	if (done && !cli_quiet)
		printf("restored the labels of %zu device%s from %s\n", done,
		       done == 1 ? "" : "s", store_path);
out:
	restore_free(&res);
	store_free(&s);
	return ret;
}

int main(int argc, char **argv)
{
	poptContext ctx = cli_parse(argc, argv, options, "[OPTION...] [FILE]");
	const char *file = poptGetArg(ctx);
	struct image im = { .buf = NULL };
	struct policy_info info;
	struct flask *f = NULL;
	char path[4096];
	int rc, ret = EXIT_OK, locks[2] = { -1, -1 };

	if (poptPeekArg(ctx)) {
		ret = cli_usage("unexpected argument '%s'", poptPeekArg(ctx));
		goto out;
	}
	if (enforcing && permissive) {
		ret = cli_usage("--enforcing and --permissive exclude each "
				"other");
		goto out;
	}
	if (check_only && (enforcing || permissive || no_restore)) {
		ret = cli_usage("--check loads nothing: it takes no "
				"--enforcing, --permissive or --no-restore");
		goto out;
	}
	f = cli_open();
	if (!f) {
		ret = EXIT_USAGE;
		goto out;
	}
	if (!file) {
		ret = cli_boot_policy(f, path, sizeof(path));
		if (ret)
			goto out;
		file = path;
		if (!cli_quiet)
			printf("using %s\n", file);
	}
	ret = read_image(f, file, &im);
	if (!ret)
		ret = check_image(f, &im, &info);
	if (ret)
		goto out;
	if ((check_only && !cli_quiet) || cli_verbose)
		printf("%s: a Xen policy, version %u%s: this hypervisor takes "
		       "it\n", im.name, info.version, info.mls ? ", MLS" : "");
	if (check_only)
		goto out;
	/*
	 * A load drops the pending booleans and the runtime labels: no
	 * flask-set-bool or flask-label-pci may be half way meanwhile.  The
	 * order (booleans, then labels) is the same in every tool.
	 */
	locks[0] = lock_take("booleans");
	locks[1] = locks[0] < 0 ? locks[0] : lock_take("labels");
	if (locks[1] < 0) {
		cli_error(-locks[1], NULL, "cannot lock %s/%s.lock", LOCK_DIR,
			  locks[0] < 0 ? "booleans" : "labels");
		ret = EXIT_USAGE;
		goto out;
	}
	cli_signals_hold();
	rc = flask_load(f, im.buf, im.len);
	if (rc < 0) {
		cli_error(-rc, cli_hint_op(-rc), "cannot load '%s'", im.name);
		ret = EXIT_FLASK;
		goto out;
	}
	audit_log("loaded policy %s (%zu bytes)", im.name, im.len);
	if (!cli_quiet)
		printf("loaded policy %s (%zu bytes)\n", im.name, im.len);
	/*
	 * The recorded booleans, then the labels the load dropped, come back
	 * even if the switch fails; the worst exit code is kept.
	 */
	if (!no_restore) {
		ret = restore_booleans(f);
		rc = restore_labels(f);
		if (rc == EXIT_FLASK || (rc && ret != EXIT_FLASK &&
					 ret != EXIT_USAGE))
			ret = rc;
	}
	if (enforcing || permissive) {
		rc = flask_setenforce(f, enforcing);
		if (rc < 0) {
			cli_error(-rc, cli_hint_op(-rc), "policy loaded, but "
				  "cannot switch to %s mode",
				  enforcing ? "enforcing" : "permissive");
			ret = EXIT_FLASK;
		}
	}
out:
	lock_release(locks[1]);
	lock_release(locks[0]);
	cli_signals_release();
	if (im.buf)
		flask_buffer_free(f, im.buf);
	flask_close(f);
	return cli_finish(ctx, ret);
}
