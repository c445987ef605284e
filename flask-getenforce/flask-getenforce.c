// SPDX-License-Identifier: GPL-2.0-or-later
/* flask-getenforce - print the hypervisor's FLASK mode. */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "flask.h"
#include "label.h"
#include "lock.h"
#include "store.h"

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

/* Prints the AVC lines of -v. Returns 0 or -errno. */
static int print_avc(struct flask *f)
{
	struct flask_cache_stats c, sum = { 0 };
	struct flask_hash_stats h;
	uint32_t cpu;
	int thr, rc;

	thr = flask_get_avc_threshold(f);
	if (thr < 0)
		return thr;
	rc = flask_avc_hashstats(f, &h);
	if (rc < 0)
		return rc;
	printf("%-24s%d\n", "AVC threshold:", thr);
	printf("%-24s%u entries, %u of %u buckets used, longest chain %u\n",
	       "AVC hash:", h.entries, h.buckets_used, h.buckets_total,
	       h.max_chain_len);
	for (cpu = 0; (rc = flask_avc_cachestats(f, cpu, &c)) == 0; cpu++) {
		sum.lookups += c.lookups;
		sum.hits += c.hits;
		sum.misses += c.misses;
	}
	if (rc == -ENOSYS)
		printf("%-24s%s\n", "AVC cache:", "no statistics (Xen built "
		       "without FLASK_AVC_STATS)");
	else if (rc == -ENOENT)
		printf("%-24s%u lookups, %u hits, %u misses (%u CPUs)\n",
		       "AVC cache:", sum.lookups, sum.hits, sum.misses, cpu);
	else
		return rc;
	return 0;
}

/*
 * Prints how many devices the label store holds and how many of them the
 * hypervisor has labelled now (asking changes labels for a moment, so
 * under the labels lock); with probe 0 (no policy loaded: a label means
 * nothing yet) none is asked about and none counts as labelled.
 */
static void print_store(struct flask *f, int probe)
{
	struct store s;
	size_t i, n, devices = 0, live = 0;
	int line = 0, lock, rc = store_load(STORE_DEFAULT, &s, &line);

	if (rc < 0) {
		printf("%-24s%s (%s)\n", "Stored device labels:",
		       rc == -EINVAL ? "corrupt store" : strerror(-rc),
		       STORE_DEFAULT);
		return;
	}
	lock = s.n && probe ? lock_take("labels") : -1;
	cli_signals_hold();	/* the probe adds a label for a moment */
	for (i = 0; i < s.n; i += n) {
		n = store_group(&s, i);
		devices++;
		live += lock >= 0 && label_device_live(f, &s.labels[i], n) == 1;
	}
	lock_release(lock);
	cli_signals_release();
	printf("%-24s%zu device%s, ", "Stored device labels:", devices,
	       devices == 1 ? "" : "s");
	if (s.n && probe && lock < 0)
		printf("cannot tell how many are labelled now");
	else
		printf("%zu labelled now", live);
	printf(" (%s)\n", STORE_DEFAULT);
	store_free(&s);
}

/* Prints the sestatus-style overview of -v. Returns an exit code. */
static int print_status(struct flask *f, int mode)
{
	int vers, mls, nbool, pending, rc;

	printf("%-24s%s\n", "FLASK status:", mode < 0 ? "disabled" : "enabled");
	if (mode < 0)
		return EXIT_OK;
	if (flask_policy_loaded(f) == 0) {
		/* flask=late: the mode applies once a policy is loaded */
		printf("%-24s%s\n", "Current mode:", "no policy loaded yet "
		       "(booted with flask=late): every access is allowed");
		printf("%-24s%s once flask-loadpolicy loads one\n",
		       "Mode after a load:", mode ? "enforcing" : "permissive");
		print_store(f, 0);
		return EXIT_OK;
	}
	printf("%-24s%s\n", "Current mode:", mode ? "enforcing" : "permissive");
	vers = flask_policyvers(f);
	mls = flask_mls(f);
	nbool = count_booleans(f, &pending);
	rc = vers < 0 ? vers : mls < 0 ? mls : nbool < 0 ? nbool : 0;
	if (rc == 0) {
		printf("%-24s%d\n", "Max policy version:", vers);
		printf("%-24s%s\n", "Policy MLS status:",
		       mls ? "enabled" : "disabled");
		printf("%-24s%d (%d pending)\n", "Booleans:", nbool, pending);
		rc = print_avc(f);
	}
	if (rc < 0) {
		cli_error(-rc, cli_hint_op(-rc), "cannot read the FLASK status");
		return EXIT_FLASK;
	}
	print_store(f, 1);
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
