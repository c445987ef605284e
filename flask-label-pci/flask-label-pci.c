// SPDX-License-Identifier: GPL-2.0-or-later
/* flask-label-pci - label PCI devices for passthrough, all or nothing, and keep the labels. */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <selinux/context.h>

#include "audit.h"
#include "boot.h"
#include "cli.h"
#include "file.h"
#include "flask.h"
#include "guest.h"
#include "json.h"
#include "label.h"
#include "lock.h"
#include "pci.h"
#include "policy.h"
#include "policydb.h"
#include "restore.h"
#include "store.h"
#include "xenstore.h"

/* One device of the command line and the labels it gets. */
struct request {
	struct pci_addr addr;
	char name[PCI_NAME_LEN];
	struct pci_device dev;	/* what it owns, from sysfs */
	const char *context;
	struct label *labels;
	size_t n;
	int unchanged;		/* already labelled so: nothing to do */
	int relabelled;		/* its labels were removed first */
};

static int delete, dry_run, replace, all_resources, no_irq, list, restore;
static char *context_opt, *irq_context, *store_path = STORE_DEFAULT;
static char *policy_file, *guest, *iommu_opt = "auto";
static char *sysfs = "/sys";

/* Exit codes beyond cli.h's, documented in the man page. */
enum {
	EXIT_REFUSED = 4,	/* --guest: the guest would be refused */
	EXIT_UNKNOWN = 5,	/* --guest: a label of unknown context decides */
};

/* What the call does, decided once from the options. */
enum mode { MODE_LABEL, MODE_DELETE, MODE_DRY_RUN, MODE_LIST, MODE_RESTORE,
	    MODE_GUEST };

static struct poptOption options[] = {
	{ "context", 'c', POPT_ARG_STRING, &context_opt, 0,
	  "Label every SBDF given with CONTEXT", "CONTEXT" },
	{ "irq-context", '\0', POPT_ARG_STRING, &irq_context, 0,
	  "Label the IRQ with CONTEXT instead (a shared IRQ)", "CONTEXT" },
	{ "no-irq", '\0', POPT_ARG_NONE, &no_irq, 0,
	  "Do not label the IRQ", NULL },
	{ "all-resources", '\0', POPT_ARG_NONE, &all_resources, 0,
	  "Also label SR-IOV VF BARs and bridge windows", NULL },
	{ "replace", '\0', POPT_ARG_NONE, &replace, 0,
	  "Replace the labels of a device labelled with another context",
	  NULL },
	{ "delete", 'd', POPT_ARG_NONE, &delete, 0,
	  "Remove the labels this tool set for each SBDF", NULL },
	{ "dry-run", 'n', POPT_ARG_NONE, &dry_run, 0,
	  "Print what would be labelled; change nothing", NULL },
	{ "policy", 'p', POPT_ARG_STRING, &policy_file, 0,
	  "With -n: check the contexts against a policy file; with --guest: "
	  "read the static labels of the policy loaded (default: the boot "
	  "policy)", "FILE" },
	{ "list", 'l', POPT_ARG_NONE, &list, 0,
	  "Print the label store, with what the hypervisor has labelled "
	  "and which guest holds each device", NULL },
	{ "restore", '\0', POPT_ARG_NONE, &restore, 0,
	  "Label every stored device again as it is now (after a policy "
	  "load or a boot)", NULL },
	{ "guest", 'g', POPT_ARG_STRING, &guest, 0,
	  "Change nothing: tell whether a guest of CONTEXT may be given "
	  "each SBDF as it is labelled now", "CONTEXT" },
	{ "iommu", '\0', POPT_ARG_STRING, &iommu_opt, 0,
	  "With --guest: auto, none, intremap or nointremap (default auto)",
	  "MODE" },
	{ "store", '\0', POPT_ARG_STRING, &store_path, 0,
	  "The label store (default " STORE_DEFAULT ")", "FILE" },
	{ "sysfs", '\0', POPT_ARG_STRING, &sysfs, 0,
	  "Read devices below DIR instead of /sys", "DIR" },
	CLI_XEN_VERSION_OPTION,
	CLI_JSON_OPTION,
	CLI_COMMON_OPTIONS,
	POPT_TABLEEND
};

/* Checks the syntax of a context with libselinux. Returns 0 or usage. */
static int check_syntax(const char *context)
{
	context_t c;

	if (cli_check_string("a context", context))
		return EXIT_USAGE;
	c = context_new(context);
	if (!c)
		return cli_usage("invalid context '%s': expected "
				 "user:role:type[:range]", context);
	context_free(c);
	return 0;
}

/*
 * Xen 4.18's form, SBDF CONTEXT IRQ_CONTEXT: with exactly three operands
 * of "SBDF CONTEXT" pairs, the third is the IRQ's context (as
 * --irq-context gives it), unless it is a PCI address: then the second
 * pair lacks its CONTEXT.  Returns the number of operands left for pairs,
 * or 0 with a usage error printed.
 */
static size_t xen_irq_form(const char **args, size_t count)
{
	struct pci_addr a;

	if (count != 3 || pci_parse_addr(args[2], &a) == 0)
		return count;
	if (irq_context) {
		cli_usage("the IRQ's context given twice: '%s' and "
			  "--irq-context", args[2]);
		return 0;
	}
	if (check_syntax(args[2]))
		return 0;
	/* the IRQ labelled as the device: the two-operand form's labels */
	if (strcmp(args[2], args[1]))
		irq_context = (char *)args[2];
	return 2;
}

/*
 * Reads the operands: "SBDF..." with --context or with -d, otherwise
 * "SBDF CONTEXT" pairs, or Xen's "SBDF CONTEXT IRQ_CONTEXT".  Returns 0
 * or an exit code.
 */
static int read_requests(poptContext ctx, struct request **out, size_t *n)
{
	const char **args = poptGetArgs(ctx);
	size_t count = 0, i, j, step;
	struct request *r;

	while (args && args[count])
		count++;
	*n = 0;
	if (!count)
		return cli_usage("give SBDF CONTEXT, SBDF... --context CONTEXT, "
				 "-d SBDF..., --guest CONTEXT SBDF..., --list "
				 "or --restore");
	step = delete || guest || context_opt ? 1 : 2;
	if (step == 2 && !(count = xen_irq_form(args, count)))
		return EXIT_USAGE;
	if (count % step)
		return cli_usage("missing CONTEXT after '%s'", args[count - 1]);
	r = *out = calloc(count / step, sizeof(*r));
	if (!r) {
		cli_error(ENOMEM, NULL, "cannot read the arguments");
		return EXIT_USAGE;
	}
	for (i = 0; i < count; i += step, r++) {
		if (pci_parse_addr(args[i], &r->addr) < 0)
			return cli_usage("invalid PCI address '%s': expected "
					 "[SSSS:]BB:DD.F in hexadecimal",
					 args[i]);
		pci_name(&r->addr, r->name);
		r->context = step == 2 ? args[i + 1] : context_opt;
		if (r->context && check_syntax(r->context))
			return EXIT_USAGE;
		for (j = 0; j < *n; j++)
			if (!strcmp((*out)[j].name, r->name))
				return cli_usage("device %s given twice",
						 r->name);
		(*n)++;
	}
	return 0;
}

/*
 * Reads what every device owns from sysfs and, unless only asked about
 * (--guest), the labels it gets.  Returns 0 or an exit code.
 */
static int read_devices(struct request *r, size_t n)
{
	char path[4096];
	size_t i;
	int rc, flags = (all_resources ? LABEL_ALL_RESOURCES : 0) |
			(no_irq ? LABEL_NO_IRQ : 0);

	for (i = 0; i < n; i++) {
		rc = pci_read_device(sysfs, &r[i].addr, &r[i].dev, path,
				     sizeof(path));
		if (rc == 0 && !guest)
			rc = label_device(&r[i].dev, flags, r[i].context,
					  irq_context, &r[i].labels, &r[i].n);
		if (rc == -ENOENT) {
			cli_error(ENOENT, NULL, "no PCI device %s (looked for "
				  "%s)", r[i].name, path);
			return EXIT_USAGE;
		}
		if (rc < 0) {
			cli_error(-rc, rc == -EINVAL ? "malformed file" : NULL,
				  "cannot read %s", path);
			return EXIT_USAGE;
		}
	}
	return 0;
}

/* Prints labels 0..n-1, one line each. */
static void print_labels(const struct label *l, size_t n)
{
	char line[4200];
	size_t i;

	if (cli_json) {
		json_array("labels");
		for (i = 0; i < n; i++) {
			json_object(NULL);
			json_string("kind", label_kind_name(l[i].kind));
			json_int("low", (long long)l[i].low);
			json_int("high", (long long)l[i].high);
			json_string("context", l[i].context);
			json_object_end();
		}
		json_array_end();
		return;
	}
	for (i = 0; i < n; i++) {
		label_format(line, sizeof(line), &l[i]);
		puts(line);
	}
}

/* -J: a device's name and its labels, as an object of "devices". */
static void json_device(const char *name, const struct label *l, size_t n)
{
	json_object(NULL);
	json_string("device", name);
	print_labels(l, n);
	json_object_end();
}

/* Loads the store, reporting a corrupt one. Returns 0 or an exit code. */
static int load_store(struct store *s)
{
	int bad = 0, rc = store_load(store_path, s, &bad);

	if (rc == -EINVAL) {
		fprintf(stderr, "%s: corrupt label store %s at line %d: fix or "
			"remove it; nothing was changed\n",
			program_invocation_short_name, store_path, bad);
		return EXIT_USAGE;
	}
	if (rc < 0) {
		cli_error(-rc, NULL, "cannot read the label store %s",
			  store_path);
		return EXIT_USAGE;
	}
	return 0;
}

/* Reports a failed label operation, naming the label. */
static void label_error(int err, const struct label *l, const char *what)
{
	const char *hint = cli_hint_op(err);
	char line[4200];

	if (err == EEXIST)
		hint = "it overlaps a label set with another context";
	label_format(line, sizeof(line), l);
	cli_error(err, hint, "cannot %s '%s'", what, line);
}

/* Reports a context the hypervisor did not take. Returns EXIT_FLASK. */
static int context_error(int err, const struct label *l)
{
	if (err == EINVAL)
		cli_error(err, "not a valid context in the loaded policy",
			  "invalid context '%s'", l->context);
	else
		cli_error(err, cli_hint_op(err), "cannot check context '%s'",
			  l->context);
	return EXIT_FLASK;
}

/* Undoes a transaction after a failure. Returns EXIT_FLASK. */
static int undo(struct flask *f, struct label_txn *txn)
{
	int rc = label_txn_rollback(f, txn);

	if (rc < 0)
		cli_error(-rc, NULL, "could not undo every change");
	label_txn_free(txn);
	return EXIT_FLASK;
}

/*
 * Writes the new store: the old one without the devices of drop[] (ndrop),
 * then the labels of add[] (nadd).  Returns 0 or -errno.
 */
static int save_store(const struct store *s, const struct request *drop,
		      size_t ndrop, const struct request *add, size_t nadd)
{
	size_t i, j, n = 0, total = s->n;
	struct label *all;
	int rc;

	for (i = 0; i < nadd; i++)
		total += add[i].n;
	all = calloc(total ? total : 1, sizeof(*all));
	if (!all)
		return -ENOMEM;
	for (i = 0; i < s->n; i++) {
		for (j = 0; j < ndrop; j++)
			if (!strcmp(s->labels[i].dev, drop[j].name))
				break;
		if (j == ndrop)
			all[n++] = s->labels[i];
	}
	for (i = 0; i < nadd; i++)
		for (j = 0; j < add[i].n; j++)
			all[n++] = add[i].labels[j];
	rc = store_save(store_path, all, n);
	free(all);
	return rc;
}

/*
 * The domain xl gave device name to, if any: 1 and *domid, dname set, 0
 * if none, -errno when xenstore cannot tell; *x is opened on first use
 * (and stays NULL when it cannot be).
 */
static int holder(struct xenstore **x, const char *name, unsigned int *domid,
		  char *dname, size_t size)
{
	struct pci_addr a;
	int rc;

	if (!*x && (rc = xenstore_open(x)) < 0) {
		*x = NULL;
		return rc;
	}
	if (pci_parse_addr(name, &a) < 0)
		return -EINVAL;
	return xenstore_pci_holder(*x, &a, domid, dname, size);
}

/*
 * Warns, for each device of r[0..n-1] whose labels were removed (all of
 * them unless labelled, else those relabelled), when a guest holds it:
 * Xen checked the labels when the device was given, not since.
 */
static void warn_held(const struct request *r, size_t n, int labelled)
{
	struct xenstore *x = NULL;
	unsigned int domid;
	char dname[256];
	size_t i;

	for (i = 0; i < n; i++) {
		if (labelled && !r[i].relabelled)
			continue;
		if (holder(&x, r[i].name, &domid, dname, sizeof(dname)) != 1) {
			if (!x)
				break;	/* no xenstored: nothing to tell */
			continue;
		}
		cli_warn("%s is assigned to domain %u%s%s%s: it keeps the "
			 "access it was given until it is detached "
			 "(xl pci-detach)", r[i].name, domid,
			 *dname ? " (" : "", dname, *dname ? ")" : "");
	}
	xenstore_close(x);
}

/* Records the transaction in the store, or undoes it. Returns an exit code. */
static int commit(struct flask *f, struct label_txn *txn,
		  const struct store *s, const struct request *r, size_t n,
		  int labelled)
{
	size_t i;
	int rc = save_store(s, r, n, labelled ? r : NULL, labelled ? n : 0);

	if (rc < 0) {
		cli_error(-rc, NULL, "cannot write the label store %s",
			  store_path);
		return undo(f, txn);
	}
	warn_held(r, n, labelled);
	for (i = 0; i < n; i++) {
		if (!labelled) {
			audit_log("removed the labels of %s", r[i].name);
			continue;
		}
		if (r[i].unchanged) {
			if (cli_verbose && !cli_json)
				printf("%s: already labelled %s\n", r[i].name,
				       r[i].context);
			continue;
		}
		audit_log("labelled %s %s (%zu label%s)", r[i].name,
			  r[i].context, r[i].n, r[i].n == 1 ? "" : "s");
		if (cli_verbose && !cli_json)
			print_labels(r[i].labels, r[i].n);
	}
	if (cli_json) {
		int changed = 0;

		for (i = 0; i < n; i++)
			changed |= !r[i].unchanged;
		json_open();
		json_bool("changed", changed);
		json_array(labelled ? "labelled" : "deleted");
		for (i = 0; i < n; i++) {
			json_object(NULL);
			json_string("device", r[i].name);
			json_bool("changed", !r[i].unchanged);
			if (labelled)
				print_labels(r[i].labels, r[i].n);
			json_object_end();
		}
		json_array_end();
		json_close();
	}
	label_txn_free(txn);
	return EXIT_OK;
}

/* Removes the stored labels old[0..n-1], newest first. Returns 0 or -errno. */
static int remove_old(struct flask *f, struct label_txn *txn,
		      struct label *old, size_t nold)
{
	const struct label *bad = old;
	int rc = label_resolve(f, old, nold, &bad);

	while (rc == 0 && nold-- > 0) {
		bad = &old[nold];
		rc = label_txn_del(f, txn, bad);
	}
	if (rc < 0)
		label_error(-rc, bad, "remove");
	return rc;
}

/*
 * Labels every requested device, all or nothing across the call.
 * Returns an exit code.
 */
static int do_label(struct flask *f, struct request *r, size_t n,
		    struct store *s)
{
	struct label_txn txn = { 0 };
	const struct label *bad;
	struct label *old;
	size_t i, j, nold;
	int rc, state;

	for (i = 0; i < n; i++) {
		rc = label_resolve(f, r[i].labels, r[i].n, &bad);
		if (rc < 0)
			return context_error(-rc, bad);
	}
	for (i = 0; i < n; i++) {
		old = store_find(s, r[i].name, &nold);
		state = label_device_state(f, &r[i].labels[0]);
		if (state == 1 && old &&
		    label_same(old, nold, r[i].labels, r[i].n) &&
		    old->flags == r[i].labels[0].flags) {
			r[i].unchanged = 1;
			continue;
		}
		/*
		 * Labelled by us with another context (--replace), or with
		 * this one but other resources or options: the stored labels
		 * go first, so that none is left behind untracked.
		 */
		if ((state == -EEXIST && old && replace) ||
		    (state == 1 && old)) {
			if (remove_old(f, &txn, old, nold) < 0)
				return undo(f, &txn);
			r[i].relabelled = 1;
		} else if (state == -EEXIST) {
			if (old)
				fprintf(stderr, "%s: %s is already labelled %s;"
					" use --replace to change it\n",
					program_invocation_short_name,
					r[i].name, old->context);
			else
				fprintf(stderr, "%s: %s is already labelled "
					"with another context, not by this "
					"tool\n", program_invocation_short_name,
					r[i].name);
			return undo(f, &txn);
		} else if (state == 1) {
			/* Labelled alike outside the store: take it over. */
			rc = label_txn_del(f, &txn, &r[i].labels[0]);
			if (rc < 0) {
				label_error(-rc, &r[i].labels[0], "remove");
				return undo(f, &txn);
			}
		} else if (state == -EACCES) {
			cli_error(EACCES, "the policy lets dom0 add labels but "
				  "not remove them (del_ocontext), or the "
				  "reverse: a change could not be undone",
				  "nothing done for %s", r[i].name);
			return undo(f, &txn);
		} else if (state < 0) {
			label_error(-state, &r[i].labels[0], "label");
			return undo(f, &txn);
		}
		for (j = 0; j < r[i].n; j++) {
			rc = label_txn_add(f, &txn, &r[i].labels[j]);
			if (rc < 0) {
				label_error(-rc, &r[i].labels[j], "label");
				return undo(f, &txn);
			}
		}
	}
	return commit(f, &txn, s, r, n, 1);
}

/* Removes the stored labels of every requested device, all or nothing. */
static int do_delete(struct flask *f, struct request *r, size_t n,
		     struct store *s)
{
	struct label_txn txn = { 0 };
	struct label *old;
	size_t i, nold;

	for (i = 0; i < n; i++)
		if (!store_find(s, r[i].name, &nold)) {
			fprintf(stderr, "%s: %s is not in the label store %s\n",
				program_invocation_short_name, r[i].name,
				store_path);
			return EXIT_USAGE;
		}
	for (i = 0; i < n; i++) {
		old = store_find(s, r[i].name, &nold);
		if (remove_old(f, &txn, old, nold) < 0)
			return undo(f, &txn);
	}
	return commit(f, &txn, s, r, n, 0);
}

/*
 * Reports a failed restore_all() (rc) and what it left.  Shared with
 * flask-loadpolicy in spirit, not in words: there the policy is loaded.
 */
static int restore_error(int rc, const struct restore *res)
{
	if (res->store_err)
		cli_error(-rc, NULL, "cannot write the label store %s",
			  store_path);
	else if (rc == -EINVAL && res->path[0] && !res->bad)
		cli_error(EINVAL, "malformed file", "cannot read %s",
			  res->path);
	else if (rc == -EEXIST && res->bad)
		fprintf(stderr, "%s: %s is labelled with another context, not "
			"by this tool; nothing was restored\n",
			program_invocation_short_name, res->bad->dev);
	else if (res->bad)
		label_error(-rc, res->bad, "restore");
	else
		cli_error(-rc, NULL, "cannot restore the stored labels");
	if (res->undo_err < 0)
		cli_error(-res->undo_err, NULL, "could not undo every change");
	return rc == -EINVAL && res->path[0] && !res->bad ? EXIT_USAGE
							   : EXIT_FLASK;
}

/*
 * Labels every stored device again as it is now, all or nothing; reports
 * devices whose resources changed and devices that are gone.
 */
static int do_restore(struct flask *f, struct store *s)
{
	struct restore res;
	size_t i, applied, changed, absent;
	int rc, ret = EXIT_OK;

	rc = restore_all(f, sysfs, s, store_path, &res);
	if (rc < 0) {
		ret = restore_error(rc, &res);
		restore_free(&res);
		return ret;
	}
	ret = restore_report(&res);
	if (cli_json) {
		static const char *const state[] = {
			[RESTORE_LIVE] = "labelled",
			[RESTORE_APPLIED] = "restored",
			[RESTORE_CHANGED] = "restored as it is now",
			[RESTORE_ABSENT] = "not present",
		};

		json_open();
		json_bool("changed", restore_count(&res, RESTORE_APPLIED) +
				     restore_count(&res, RESTORE_CHANGED) > 0);
		json_array("devices");
		for (i = 0; i < res.ndevs; i++) {
			json_object(NULL);
			json_string("device", res.devs[i].old->dev);
			json_string("state", state[res.devs[i].state]);
			json_object_end();
		}
		json_array_end();
		json_close();
		restore_free(&res);
		return ret;
	}
	for (i = 0; cli_verbose && i < res.ndevs; i++) {
		const struct restore_device *d = &res.devs[i];

		if (d->state != RESTORE_CHANGED)
			continue;
		printf("%s was:\n", d->old->dev);
		print_labels(d->old, d->nold);
		printf("now:\n");
		print_labels(d->labels, d->n);
	}
	applied = restore_count(&res, RESTORE_APPLIED);
	changed = restore_count(&res, RESTORE_CHANGED);
	absent = restore_count(&res, RESTORE_ABSENT);
	if (cli_verbose)
		printf("restored %zu of %zu devices (%zu changed, %zu not "
		       "present)\n", applied + changed, res.ndevs, changed,
		       absent);
	restore_free(&res);
	return ret;
}

/* The hypervisor's view of a stored device: --list's words, -J's. */
static const char *const live_text[][2] = {
	{ "unknown (the hypervisor cannot be reached)", "unknown" },
	{ "not labelled now (no policy is loaded yet)", "no policy" },
	{ "labelled now", "labelled" },
	{ "not labelled now (flask-label-pci --restore labels it)",
	  "not labelled" },
	{ "labelled now with another context", "other context" },
	{ "not labelled now (its context is not valid in the loaded policy)",
	  "invalid context" },
	{ "unknown (the hypervisor did not tell)", "unknown" },
};

/*
 * Describes the hypervisor's view of stored device d (its labels l);
 * loaded is what flask_policy_loaded() said.  Returns an index of
 * live_text.
 */
static int live_state(struct flask *f, int loaded, struct label *l, size_t n)
{
	int rc;

	if (!f)
		return 0;
	if (loaded == 0)
		return 1;
	rc = label_device_live(f, l, n);
	return rc == 1 ? 2 : rc == 0 ? 3 : rc == -EEXIST ? 4 :
	       rc == -EINVAL ? 5 : 6;
}

/*
 * Prints the store, each device after a line that says whether the
 * hypervisor has it labelled now (f NULL: cannot tell).
 */
static int do_list(struct flask *f, struct store *s)
{
	int loaded = f && s->n ? flask_policy_loaded(f) : -1;
	struct xenstore *x = NULL;
	unsigned int domid;
	char dname[256];
	size_t i, n;
	int held, xs = 1;

	if (cli_json) {
		json_open();
		json_string("store", store_path);
		json_array("devices");
	}
	for (i = 0; i < s->n; i += n) {
		const struct label *d = &s->labels[i];

		n = store_group(s, i);
		/* which guest has it (xenstore; not asked again once absent) */
		held = xs ? holder(&x, d->dev, &domid, dname, sizeof(dname))
			  : -ENOENT;
		xs = x != NULL;
		if (cli_json) {
			json_object(NULL);
			json_string("device", d->dev);
			json_string("state", live_text[live_state(f, loaded,
						&s->labels[i], n)][1]);
			if (held == 1) {
				json_int("assigned_domid", domid);
				json_string("assigned_name", dname);
			} else if (held == 0) {
				json_null("assigned_domid");
			}
			json_bool("all_resources",
				  d->flags & LABEL_ALL_RESOURCES);
			json_bool("no_irq", d->flags & LABEL_NO_IRQ);
			json_string("irq_context", d->irq_context);
			print_labels(d, n);
			json_object_end();
			continue;
		}
		printf("%s: %s%s%s%s", d->dev,
		       live_text[live_state(f, loaded, &s->labels[i], n)][0],
		       d->flags & LABEL_ALL_RESOURCES ? " (all-resources)" : "",
		       d->flags & LABEL_NO_IRQ ? " (no-irq)" : "",
		       d->irq_context ? " (irq-context)" : "");
		if (held == 1)
			printf(", assigned to domain %u%s%s%s", domid,
			       *dname ? " (" : "", dname, *dname ? ")" : "");
		putchar('\n');
		print_labels(d, n);
	}
	xenstore_close(x);
	if (cli_json)
		json_close();
	return EXIT_OK;
}

/* Returns the type field of a context ("domU_t"), in buf. */
static const char *type_of(const char *context, char *buf, size_t size)
{
	const char *t = strchr(context, ':');

	t = t ? strchr(t + 1, ':') : NULL;
	if (!t)
		return context;
	snprintf(buf, size, "%.*s", (int)strcspn(t + 1, ":"), t + 1);
	return buf;
}

/* Returns the type of the label sid ("iomem_t"), in buf. */
static const char *sid_type(struct flask *f, uint32_t sid, char *buf,
			    size_t size)
{
	char context[4096];

	if (flask_sid_to_context(f, sid, context, sizeof(context)) < 0) {
		snprintf(buf, size, "SID %u", sid);
		return buf;
	}
	return type_of(context, buf, size);
}

/* The static labels --guest reads, from the policy file in src. */
struct statics {
	struct label *labels;	/* their sids resolved in the loaded policy */
	size_t n;
	struct policydb_label *file;	/* what the file says */
	size_t nfile;
	char src[4700];		/* the file, or why there is none */
	int have;		/* 1: src names the file read */
};

/*
 * Reads the static labels of the policy file --policy names, else of the
 * boot policy, and resolves their contexts in the loaded policy (one the
 * loaded policy does not know is left out: that is not the policy
 * loaded).  Without a file that can be read, there are none, and st->src
 * says why.  Whether the hypervisor has a static label is asked when it
 * matters (guest_check_device()).
 */
static void read_statics(struct flask *f, struct statics *st)
{
	struct boot_policy b;
	char version[64], why[512], *buf;
	size_t len, i;
	uint32_t sid;

	memset(st, 0, sizeof(*st));
	if (policy_file) {
		snprintf(b.path, sizeof(b.path), "%s", policy_file);
	} else if (flask_xen_version(f, version, sizeof(version)) < 0 ||
		   boot_policy_find(BOOT_CONFIG, BOOT_DIR, version, &b) < 0) {
		snprintf(st->src, sizeof(st->src), "no boot policy file: "
			 "give --policy FILE");
		return;
	}
	buf = file_read(b.path, POLICY_SIZE_MAX, &len, NULL);
	if (!buf) {
		snprintf(st->src, sizeof(st->src), "cannot read %s: %s",
			 b.path, strerror(errno));
		return;
	}
	if (policydb_labels(buf, len, cli_policy_target(b.path), &st->file,
			    &st->nfile, why, sizeof(why)) < 0) {
		snprintf(st->src, sizeof(st->src), "%s is not a valid "
			 "policy: %s", b.path, why);
		free(buf);
		return;
	}
	free(buf);
	snprintf(st->src, sizeof(st->src), "%s", b.path);
	st->have = 1;
	st->labels = calloc(st->nfile + 1, sizeof(*st->labels));
	for (i = 0; st->labels && i < st->nfile; i++) {
		if (flask_context_to_sid(f, st->file[i].context, &sid) < 0)
			continue;
		st->labels[st->n++] = (struct label){
			.kind = st->file[i].kind, .low = st->file[i].low,
			.high = st->file[i].high,
			.context = st->file[i].context, .sid = sid,
		};
	}
}

static void free_statics(struct statics *st)
{
	free(st->labels);
	policydb_labels_free(st->file, st->nfile);
}

/* -J: one permission missing, and the rule that would grant it. */
static void json_missing(const char *subject, const char *object,
			 const char *perm)
{
	char rule[600];

	snprintf(rule, sizeof(rule), "allow %s %s:resource %s;", subject,
		 object, perm);
	json_object(NULL);
	json_string("subject", subject);
	json_string("object", object);
	json_string("permission", perm);
	json_string("rule", rule);
	json_object_end();
}

/* -J: one check as an object of a device's "resources"; returns as print_check(). */
static int json_check(struct flask *f, const struct guest_check *c,
		      uint32_t use, const char *gtype)
{
	struct label l = { .kind = c->kind, .low = c->low, .high = c->high };
	int v = !c->known ? -1 : !c->dom0_missing && !c->guest_missing;
	char res[64], rtype[256];
	uint32_t bit;

	label_format_resource(res, sizeof(res), &l);
	json_object(NULL);
	json_string("resource", res);
	json_string("kind", label_kind_name(c->kind));
	json_int("low", (long long)c->low);
	json_int("high", (long long)c->high);
	json_string("type", c->known ? sid_type(f, c->sid, rtype,
						  sizeof(rtype)) : NULL);
	json_bool("static", c->known && c->from_policy);
	json_string("verdict", v > 0 ? "allowed" : v == 0 ? "refused" :
					"cannot tell");
	json_array("missing");
	for (bit = 1; c->known && bit; bit <<= 1)
		if (c->dom0_missing & bit)
			json_missing("dom0_t", rtype, guest_perm_name(bit));
	if (c->known && (c->guest_missing & use))
		json_missing(gtype, rtype, guest_perm_name(use));
	json_array_end();
	json_object_end();
	return v;
}

/* Prints one check (not with -q); returns 1 when allowed, 0 when refused, -1 unknown. */
static int print_check(struct flask *f, const struct guest_check *c,
		       uint32_t use, const char *gtype,
		       const struct statics *st)
{
	int have = st->have;
	const char *src = st->src;

	struct label l = { .kind = c->kind, .low = c->low, .high = c->high };
	char res[64], rtype[256];
	uint32_t bit;

	if (cli_json)
		return json_check(f, c, use, gtype);
	label_format_resource(res, sizeof(res), &l);
	if (!c->known) {
		if (!cli_quiet && have)
			printf("%s: labelled, but neither by flask-label-pci "
			       "nor as the static labels of %s say: cannot "
			       "tell\n", res, src);
		else if (!cli_quiet)
			printf("%s: labelled, but not by flask-label-pci (a "
			       "static label of the policy? %s): cannot "
			       "tell\n", res, src);
		return -1;
	}
	sid_type(f, c->sid, rtype, sizeof(rtype));
	if (c->from_policy && !cli_quiet)
		printf("%s: %s, a static label of %s%s\n", res, rtype, src,
		       c->unused ? " (not used by Xen yet: matched by its "
				   "range)" : "");
	if (!c->dom0_missing && !c->guest_missing) {
		if (cli_verbose)
			printf("%s: allowed (%s)\n", res, rtype);
		return 1;
	}
	if (cli_quiet)
		return 0;
	for (bit = 1; bit; bit <<= 1) {
		if (c->dom0_missing & bit) {
			printf("%s: dom0_t lacks %s on %s\n", res,
			       guest_perm_name(bit), rtype);
			printf("  allow dom0_t %s:resource %s;\n", rtype,
			       guest_perm_name(bit));
		}
	}
	if (c->guest_missing & use) {
		printf("%s: %s lacks %s on %s\n", res, gtype,
		       guest_perm_name(use), rtype);
		printf("  allow %s %s:resource %s;\n", gtype, rtype,
		       guest_perm_name(use));
	}
	return 0;
}

/*
 * Decides which use permission a guest is asked for; *no_iommu is set
 * when Xen said it has no IOMMU (--iommu auto).  Returns 0 or usage.
 */
static int iommu_mode(struct flask *f, enum guest_iommu *mode, int *no_iommu)
{
	char cmdline[1024];
	uint32_t asked = 0;
	int rc = 0;

	if (!strcmp(iommu_opt, "none"))
		*mode = GUEST_NOIOMMU;
	else if (!strcmp(iommu_opt, "intremap"))
		*mode = GUEST_IOMMU;
	else if (!strcmp(iommu_opt, "nointremap"))
		*mode = GUEST_IOMMU_NOINTREMAP;
	else if (strcmp(iommu_opt, "auto"))
		return cli_usage("invalid --iommu '%s': expected auto, none, "
				 "intremap or nointremap", iommu_opt);
	else if ((rc = flask_iommu(f, &asked)) >= 0) {
		*mode = rc ? GUEST_IOMMU : GUEST_NOIOMMU;
		*no_iommu = !rc;
		/* the command line that may turn interrupt remapping off */
		if (rc && flask_xen_cmdline(f, cmdline, sizeof(cmdline)) == 0 &&
		    !guest_cmdline_intremap(cmdline))
			*mode = GUEST_IOMMU_NOINTREMAP;
	}
	else {
		cli_warn("cannot tell whether Xen has an IOMMU (%s; physinfo "
			 "asked with sysctl interface %#x): asking as without "
			 "one; use --iommu", strerror(-rc), asked);
		*mode = GUEST_NOIOMMU;
	}
	if (!strcmp(iommu_opt, "auto") && rc >= 0 && cli_verbose &&
	    !cli_json) {
		char version[64];

		if (flask_xen_version(f, version, sizeof(version)) < 0)
			snprintf(version, sizeof(version), "?");
		printf("Xen %s has %s IOMMU (physinfo, sysctl interface %#x)"
		       "%s\n", version, rc ? "an" : "no", asked,
		       *mode == GUEST_IOMMU_NOINTREMAP ? ", without interrupt "
		       "remapping (its command line says so)" : "");
	}
	return 0;
}

/*
 * Collects the labels of every stored device the hypervisor has labelled
 * as stored (a shared IRQ may be labelled through another device) into
 * *live.  Returns 0 or -errno.
 */
static int live_labels(struct flask *f, struct store *s, struct label **live,
		       size_t *nlive)
{
	struct label *bigger;
	size_t i, n;
	int rc;

	*live = NULL;
	*nlive = 0;
	for (i = 0; i < s->n; i += n) {
		n = store_group(s, i);
		rc = label_device_live(f, &s->labels[i], n);
		if (rc == -EEXIST || rc == -EINVAL || rc == 0)
			continue;	/* the store does not say what it is */
		if (rc < 0)
			return rc;
		bigger = realloc(*live, (*nlive + n) * sizeof(**live));
		if (!bigger)
			return -ENOMEM;
		*live = bigger;
		memcpy(*live + *nlive, &s->labels[i], n * sizeof(**live));
		*nlive += n;
	}
	return 0;
}


/*
 * Tells, changing nothing, whether a guest of context guest may be given
 * each requested device as it is labelled now.  Returns an exit code.
 */
static int do_guest(struct flask *f, struct request *r, size_t n,
		    struct store *s)
{
	const char *how[] = { "without an IOMMU", "with an IOMMU",
			      "with an IOMMU without interrupt remapping" };
	struct guest_check *c = NULL;
	struct label *live;
	struct statics st;
	enum guest_iommu iommu = GUEST_NOIOMMU;
	uint32_t gsid, add_missing;
	size_t i, j, nc, nlive;
	char gtype[256];
	int rc, ret = EXIT_OK, refused = 0, unknown = 0, v, mode, no_iommu = 0;

	if ((ret = iommu_mode(f, &iommu, &no_iommu)))
		return ret;
	rc = flask_context_to_sid(f, guest, &gsid);
	if (rc < 0) {
		cli_error(-rc, rc == -EINVAL ? "not a valid context in the "
			  "loaded policy" : cli_hint_op(-rc), "invalid "
			  "context '%s'", guest);
		return EXIT_FLASK;
	}
	type_of(guest, gtype, sizeof(gtype));
	read_statics(f, &st);
	rc = live_labels(f, s, &live, &nlive);
	if (cli_json) {
		json_open();
		json_string("guest", guest);
		json_string("iommu", how[iommu]);
		json_string("static_labels_from", st.src);
		json_array("devices");
	}
	for (i = 0; i < n && rc == 0; i++) {
		nc = 0;
		rc = guest_check_device(f, &r[i].dev, gsid, iommu, live, nlive,
					st.labels, st.n, &c, &nc,
					&add_missing);
		if (rc < 0)
			break;
		if (cli_json) {
			json_object(NULL);
			json_string("device", r[i].name);
			json_array("missing");
			if (add_missing)
				json_missing("dom0_t", gtype, "add");
			json_array_end();
			json_array("resources");
		} else if (!cli_quiet) {
			printf("%s: asking as for a guest of %s, %s\n",
			       r[i].name, guest, how[iommu]);
		}
		if (add_missing && !cli_quiet && !cli_json) {
			printf("%s: dom0_t lacks add on %s\n", r[i].name, gtype);
			printf("  allow dom0_t %s:resource add;\n", gtype);
		}
		refused |= add_missing != 0;
		for (j = 0; j < nc; j++) {
			v = print_check(f, &c[j], guest_use_perm(iommu), gtype,
					&st);
			refused |= v == 0;
			unknown |= v < 0;
		}
		if (cli_json) {
			json_array_end();
			json_object_end();
		}
		free(c);
		c = NULL;
	}
	free(live);
	free_statics(&st);
	if (rc < 0) {
		free(c);
		json_close();
		cli_error(-rc, cli_hint_op(-rc), "cannot ask about %s",
			  r[i].name);
		return EXIT_FLASK;
	}
	mode = flask_getenforce(f);
	if (refused && mode == 0) {
		cli_warn("FLASK is permissive: the hypervisor would allow it "
			 "and log the denials");
		refused = 0;
	}
	/*
	 * Whatever the policy says, xl (libxl since Xen 4.13) gives no
	 * device to a guest where Xen has no IOMMU: "passthrough not
	 * supported on this platform".
	 */
	if (no_iommu && !cli_quiet && !cli_json)
		printf("Xen has no IOMMU: xl gives no device to a guest "
		       "(\"passthrough not supported on this platform\")\n");
	refused |= no_iommu;
	ret = refused ? EXIT_REFUSED : unknown ? EXIT_UNKNOWN : EXIT_OK;
	if (cli_json) {
		json_array_end();
		json_bool("permissive", mode == 0);
		json_bool("no_iommu", no_iommu);
		json_string("verdict", ret == EXIT_OK ? "allowed" :
			    ret == EXIT_REFUSED ? "refused" : "cannot tell");
		json_close();
	} else if (!cli_quiet)
		printf("%s\n", ret == EXIT_OK ? "allowed" :
			       ret == EXIT_REFUSED ? "refused" :
						     "cannot tell");
	return ret;
}

/*
 * Checks every context of the requests against a policy file, without a
 * hypervisor (for --dry-run).  Returns an exit code.
 */
static int check_offline(const struct request *r, size_t n)
{
	struct policydb *p;
	size_t i, j;
	int ret = cli_read_policy(policy_file, &p, NULL);

	if (ret)
		return ret;
	for (i = 0; i < n; i++)
		for (j = 0; j < r[i].n; j++) {
			if (policydb_check_context(p, r[i].labels[j].context)
			    == 0)
				continue;
			fprintf(stderr, "%s: invalid context '%s' for %s: not "
				"valid in '%s'\n",
				program_invocation_short_name,
				r[i].labels[j].context, r[i].name, policy_file);
			ret = EXIT_FLASK;
			break;
		}
	policydb_close(p);
	return ret;
}

/*
 * Says what a mode does while no policy is loaded (flask=late): nothing.
 * Returns an exit code.
 */
static int no_policy(enum mode mode)
{
	if (mode == MODE_RESTORE && cli_json) {
		json_open();
		json_bool("changed", 0);
		json_array("devices");
		json_close();
		return EXIT_OK;
	}
	if (mode == MODE_RESTORE) {
		if (!cli_quiet)
			printf("nothing restored: no policy is loaded yet; "
			       "flask-loadpolicy restores the labels when it "
			       "loads one\n");
		return EXIT_OK;
	}
	fprintf(stderr, "%s: %s\n", program_invocation_short_name,
		CLI_HINT_NO_POLICY);
	return EXIT_FLASK;
}

/* Decides the mode from the options. Returns 0 or a usage exit code. */
static int decide_mode(poptContext ctx, enum mode *mode)
{
	*mode = MODE_LABEL;
	if (delete + list + restore + dry_run + !!guest > 1)
		return cli_usage("-d, -n, --guest, --list and --restore "
				 "exclude each other");
	*mode = delete ? MODE_DELETE : dry_run ? MODE_DRY_RUN :
		list ? MODE_LIST : restore ? MODE_RESTORE :
		guest ? MODE_GUEST : MODE_LABEL;
	if (policy_file && *mode != MODE_DRY_RUN && *mode != MODE_GUEST)
		return cli_usage("--policy goes with --dry-run or --guest");
	if (strcmp(iommu_opt, "auto") && *mode != MODE_GUEST)
		return cli_usage("--iommu goes with --guest");
	if ((*mode == MODE_LIST || *mode == MODE_RESTORE) && poptPeekArg(ctx))
		return cli_usage("unexpected argument '%s'", poptPeekArg(ctx));
	if (*mode == MODE_GUEST && (context_opt || irq_context))
		return cli_usage("--guest takes SBDF operands only");
	if (irq_context && check_syntax(irq_context))
		return EXIT_USAGE;
	if (context_opt && check_syntax(context_opt))
		return EXIT_USAGE;
	if (guest && check_syntax(guest))
		return EXIT_USAGE;
	return 0;
}

int main(int argc, char **argv)
{
	poptContext ctx = cli_parse(argc, argv, options,
				    "[OPTION...] SBDF CONTEXT [SBDF CONTEXT...]"
				    " | SBDF CONTEXT IRQ_CONTEXT"
				    " | SBDF... --context CONTEXT | -d SBDF..."
				    " | --guest CONTEXT SBDF...");
	struct request *r = NULL;
	struct store s = { 0 };
	struct flask *f = NULL;
	enum mode mode;
	size_t i, n = 0;
	int lock = -1, ret;

	if ((ret = decide_mode(ctx, &mode)))
		goto out;
	if (mode != MODE_LIST && mode != MODE_RESTORE &&
	    (ret = read_requests(ctx, &r, &n)))
		goto out;
	if (mode != MODE_DELETE && (ret = read_devices(r, n)))
		goto out;
	if (mode == MODE_DRY_RUN) {
		if (policy_file && (ret = check_offline(r, n)))
			goto out;
		if (cli_json) {
			json_open();
			json_bool("changed", 0);
			json_array("devices");
		}
		for (i = 0; i < n; i++) {
			if (cli_json)
				json_device(r[i].name, r[i].labels, r[i].n);
			else
				print_labels(r[i].labels, r[i].n);
		}
		json_close();
		goto out;
	}
	/* --list shows the store even where the hypervisor cannot be asked. */
	if (mode == MODE_LIST && flask_open(&f) < 0)
		f = NULL;
	else if (mode != MODE_LIST && !(f = cli_open())) {
		ret = EXIT_USAGE;
		goto out;
	}
	/*
	 * Even asking changes labels for a moment: every mode takes the lock,
	 * and no signal stops a change half way.
	 */
	if (f) {
		lock = lock_take("labels");
		if (lock < 0) {
			cli_error(-lock, NULL, "cannot lock %s/labels.lock",
				  LOCK_DIR);
			ret = EXIT_USAGE;
			goto out;
		}
		cli_signals_hold();
	}
	ret = load_store(&s);
	if (ret)
		goto out;
	if (f && mode != MODE_LIST && flask_policy_loaded(f) == 0) {
		/* flask=late: every context is "xen" until the first load */
		ret = no_policy(mode);
		goto out;
	}
	switch (mode) {
	case MODE_LIST:
		ret = do_list(f, &s);
		break;
	case MODE_RESTORE:
		ret = do_restore(f, &s);
		break;
	case MODE_GUEST:
		ret = do_guest(f, r, n, &s);
		break;
	case MODE_DELETE:
		ret = do_delete(f, r, n, &s);
		break;
	default:
		ret = do_label(f, r, n, &s);
	}
out:
	lock_release(lock);
	cli_signals_release();
	flask_close(f);
	for (i = 0; i < n; i++) {
		free(r[i].labels);
		pci_device_free(&r[i].dev);
	}
	free(r);
	store_free(&s);
	return cli_finish(ctx, ret);
}
