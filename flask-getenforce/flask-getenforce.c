// SPDX-License-Identifier: GPL-2.0-or-later
/* flask-getenforce - print the hypervisor's FLASK mode. */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "boot.h"
#include "cli.h"
#include "flask.h"
#include "json.h"
#include "label.h"
#include "lock.h"
#include "name.h"
#include "store.h"

static int booleans;

static struct poptOption options[] = {
	{ "booleans", 'b', POPT_ARG_NONE, &booleans, 0,
	  "With the overview, list every boolean (as sestatus -b)", NULL },
	CLI_JSON_OPTION,
	CLI_COMMON_OPTIONS,
	POPT_TABLEEND
};

static const char *const mode_name[] = { "Permissive", "Enforcing" };

/* Prints "Label: value" as the overview's lines are, or a JSON member. */
static void line_str(const char *label, const char *key, const char *value)
{
	if (cli_json)
		json_string(key, value);
	else
		printf("%-24s%s\n", label, value ? value : "none");
}
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
	for (cpu = 0; (rc = flask_avc_cachestats(f, cpu, &c)) == 0; cpu++) {
		sum.lookups += c.lookups;
		sum.hits += c.hits;
		sum.misses += c.misses;
	}
	if (rc != -ENOSYS && rc != -ENOENT)
		return rc;
	if (cli_json) {
		json_object("avc");
		json_int("threshold", thr);
		json_int("entries", h.entries);
		json_int("buckets_used", h.buckets_used);
		json_int("buckets_total", h.buckets_total);
		json_int("longest_chain", h.max_chain_len);
		if (rc == -ENOENT) {	/* else Xen keeps no statistics */
			json_int("lookups", sum.lookups);
			json_int("hits", sum.hits);
			json_int("misses", sum.misses);
		}
		json_object_end();
		return 0;
	}
	printf("%-24s%d\n", "AVC threshold:", thr);
	printf("%-24s%u entries, %u of %u buckets used, longest chain %u\n",
	       "AVC hash:", h.entries, h.buckets_used, h.buckets_total,
	       h.max_chain_len);
	if (rc == -ENOSYS)
		printf("%-24s%s\n", "AVC cache:", "no statistics (Xen built "
		       "without FLASK_AVC_STATS)");
	else
		printf("%-24s%u lookups, %u hits, %u misses (%u CPUs)\n",
		       "AVC cache:", sum.lookups, sum.hits, sum.misses, cpu);
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

	if (rc < 0 && cli_json) {
		json_object("label_store");
		json_string("file", STORE_DEFAULT);
		json_string("error", rc == -EINVAL ? "corrupt store" :
			    strerror(-rc));
		json_object_end();
		return;
	}
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
	if (cli_json) {
		json_object("label_store");
		json_string("file", STORE_DEFAULT);
		json_int("devices", devices);
		if (s.n && probe && lock < 0)
			json_null("labelled_now");
		else
			json_int("labelled_now", live);
		json_object_end();
		store_free(&s);
		return;
	}
	printf("%-24s%zu device%s, ", "Stored device labels:", devices,
	       devices == 1 ? "" : "s");
	if (s.n && probe && lock < 0)
		printf("cannot tell how many are labelled now");
	else
		printf("%zu labelled now", live);
	printf(" (%s)\n", STORE_DEFAULT);
	store_free(&s);
}

/* The boot policy file, found as the other tools find it, or NULL. */
static const char *boot_policy(struct flask *f, struct boot_policy *b)
{
	char version[64];

	if (flask_xen_version(f, version, sizeof(version)) < 0 ||
	    boot_policy_find(BOOT_CONFIG, BOOT_DIR, version, b) < 0)
		return NULL;
	return b->path;
}

/* Lists every boolean (-b), as sestatus -b does. Returns 0 or -errno. */
static int print_booleans(struct flask *f)
{
	/* the hypervisor gives names of up to a page, NUL not included */
	static char name[FLASK_STRING_MAX + 2];
	int id, cur, pend, rc;

	if (cli_json)
		json_array("booleans");
	else
		printf("\nPolicy booleans:\n");
	for (id = 0;; id++) {
		rc = flask_getbool_byid(f, id, name, sizeof(name), &cur, &pend);
		if (rc == -ENOENT)
			break;
		if (rc < 0)
			return rc;
		if (cli_json) {
			json_object(NULL);
			json_string("name", name);
			json_int("value", cur);
			json_int("pending", pend);
			json_object_end();
		} else if (cur != pend) {
			printf("%-40s%s (pending %s)\n", name_show(name),
			       cur ? "on" : "off", pend ? "on" : "off");
		} else {
			printf("%-40s%s\n", name_show(name),
			       cur ? "on" : "off");
		}
	}
	if (cli_json)
		json_array_end();
	return 0;
}

/* Prints the sestatus-style overview of -v. Returns an exit code. */
static int print_status(struct flask *f, int mode)
{
	struct boot_policy b;
	int vers, mls, nbool, pending, loaded, rc;

	if (cli_json) {
		json_open();
		json_string("mode", mode < 0 ? "Disabled" : mode_name[mode]);
	}
	line_str("FLASK status:", "flask", mode < 0 ? "disabled" : "enabled");
	if (mode < 0)
		return EXIT_OK;
	loaded = flask_policy_loaded(f) != 0;
	if (cli_json)
		json_bool("policy_loaded", loaded);
	if (!loaded) {
		/* flask=late: the mode applies once a policy is loaded */
		if (!cli_json) {
			printf("%-24s%s\n", "Current mode:", "no policy loaded "
			       "yet (booted with flask=late): every access is "
			       "allowed");
			printf("%-24s%s once flask-loadpolicy loads one\n",
			       "Mode after a load:",
			       mode ? "enforcing" : "permissive");
		}
		line_str("Boot policy file:", "boot_policy",
			 boot_policy(f, &b));
		print_store(f, 0);
		return EXIT_OK;
	}
	if (!cli_json)
		printf("%-24s%s\n", "Current mode:",
		       mode ? "enforcing" : "permissive");
	vers = flask_policyvers(f);
	mls = flask_mls(f);
	nbool = count_booleans(f, &pending);
	rc = vers < 0 ? vers : mls < 0 ? mls : nbool < 0 ? nbool : 0;
	if (rc == 0 && cli_json) {
		json_int("max_policy_version", vers);
		json_bool("mls", mls);
		json_int("booleans_count", nbool);
		json_int("pending_count", pending);
	} else if (rc == 0) {
		printf("%-24s%d\n", "Max policy version:", vers);
		printf("%-24s%s\n", "Policy MLS status:",
		       mls ? "enabled" : "disabled");
		printf("%-24s%d (%d pending)\n", "Booleans:", nbool, pending);
	}
	if (rc == 0) {
		line_str("Boot policy file:", "boot_policy",
			 boot_policy(f, &b));
		rc = print_avc(f);
	}
	if (rc == 0)
		print_store(f, 1);
	if (rc == 0 && booleans)
		rc = print_booleans(f);
	if (rc < 0) {
		cli_error(-rc, cli_hint_op(-rc), "cannot read the FLASK status");
		return EXIT_FLASK;
	}
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
	} else if (cli_verbose || booleans) {
		ret = print_status(f, mode);
		/* a JSON document is whole even after an error */
		if (cli_json)
			json_close();
	} else if (cli_json) {
		json_open();
		json_string("mode", mode < 0 ? "Disabled" : mode_name[mode]);
		json_close();
	} else if (!cli_quiet) {
		puts(mode < 0 ? "Disabled" : mode_name[mode]);
	}
	flask_close(f);
out:
	return cli_finish(ctx, ret);
}
