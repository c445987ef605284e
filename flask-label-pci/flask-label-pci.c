// SPDX-License-Identifier: GPL-2.0-or-later
/* flask-label-pci - label PCI devices for passthrough, all or nothing, and keep the labels. */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <selinux/context.h>

#include "audit.h"
#include "cli.h"
#include "flask.h"
#include "label.h"
#include "lock.h"
#include "pci.h"
#include "policy.h"
#include "store.h"

/* One device of the command line and the labels it gets. */
struct request {
	struct pci_addr addr;
	char name[PCI_NAME_LEN];
	const char *context;
	struct label *labels;
	size_t n;
	int unchanged;		/* already labelled so: nothing to do */
};

static int delete, dry_run, replace, all_resources, no_irq, list, restore;
static char *context_opt, *irq_context, *store_path = STORE_DEFAULT;
static char *policy_file;
static char *sysfs = "/sys";

static struct poptOption options[] = {
	{ "context", 'c', POPT_ARG_STRING, &context_opt, 0,
	  "Label every SBDF given with CONTEXT", "CONTEXT" },
	{ "irq-context", '\0', POPT_ARG_STRING, &irq_context, 0,
	  "Label the IRQ with CONTEXT instead (a shared IRQ)", "CONTEXT" },
	{ "no-irq", '\0', POPT_ARG_NONE, &no_irq, 0,
	  "Do not label the IRQ", NULL },
	{ "all-resources", '\0', POPT_ARG_NONE, &all_resources, 0,
	  "Also label the ROM, SR-IOV BARs and bridge windows", NULL },
	{ "replace", '\0', POPT_ARG_NONE, &replace, 0,
	  "Replace the labels of a device labelled with another context",
	  NULL },
	{ "delete", 'd', POPT_ARG_NONE, &delete, 0,
	  "Remove the labels this tool set for each SBDF", NULL },
	{ "dry-run", 'n', POPT_ARG_NONE, &dry_run, 0,
	  "Print what would be labelled; change nothing", NULL },
	{ "policy", 'p', POPT_ARG_STRING, &policy_file, 0,
	  "With -n: check the contexts against a policy file", "FILE" },
	{ "list", 'l', POPT_ARG_NONE, &list, 0,
	  "Print the label store", NULL },
	{ "restore", '\0', POPT_ARG_NONE, &restore, 0,
	  "Apply every stored label again (after a policy load or a boot)",
	  NULL },
	{ "store", '\0', POPT_ARG_STRING, &store_path, 0,
	  "The label store (default " STORE_DEFAULT ")", "FILE" },
	{ "sysfs", '\0', POPT_ARG_STRING, &sysfs, 0,
	  "Read devices below DIR instead of /sys", "DIR" },
	CLI_COMMON_OPTIONS,
	POPT_TABLEEND
};

/* Checks the syntax of a context with libselinux. Returns 0 or usage. */
static int check_syntax(const char *context)
{
	context_t c = context_new(context);

	if (!c)
		return cli_usage("invalid context '%s': expected "
				 "user:role:type[:range]", context);
	context_free(c);
	return 0;
}

/*
 * Reads the operands: "SBDF..." with --context or with -d, otherwise
 * "SBDF CONTEXT" pairs.  Returns 0 or an exit code.
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
				 "-d SBDF..., --list or --restore");
	step = delete || context_opt ? 1 : 2;
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

/* Reads every device's labels from sysfs. Returns 0 or an exit code. */
static int read_devices(struct request *r, size_t n)
{
	char path[4096];
	size_t i;
	int rc, flags = (all_resources ? PCI_ALL_RESOURCES : 0) |
			(no_irq ? PCI_NO_IRQ : 0);

	for (i = 0; i < n; i++) {
		rc = pci_read_labels(sysfs, &r[i].addr, flags, r[i].context,
				     irq_context ? irq_context : r[i].context,
				     &r[i].labels, &r[i].n, path, sizeof(path));
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

	for (i = 0; i < n; i++) {
		label_format(line, sizeof(line), &l[i]);
		puts(line);
	}
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

/* Returns the first label of device dev in the store; *n counts them. */
static struct label *stored(const struct store *s, const char *dev,
			    size_t *n)
{
	size_t i, first = s->n;

	*n = 0;
	for (i = 0; i < s->n; i++) {
		if (strcmp(s->labels[i].dev, dev))
			continue;
		if (first == s->n)
			first = i;
		(*n)++;
	}
	return *n ? &s->labels[first] : NULL;
}

/* Returns nonzero when two label lists hold the same labels. */
static int same_labels(const struct label *a, size_t na,
		       const struct label *b, size_t nb)
{
	size_t i;

	if (na != nb)
		return 0;
	for (i = 0; i < na; i++)
		if (a[i].kind != b[i].kind || a[i].low != b[i].low ||
		    a[i].high != b[i].high || strcmp(a[i].context, b[i].context))
			return 0;
	return 1;
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
	for (i = 0; i < n; i++) {
		if (!labelled) {
			audit_log("removed the labels of %s", r[i].name);
			continue;
		}
		if (r[i].unchanged) {
			if (cli_verbose)
				printf("%s: already labelled %s\n", r[i].name,
				       r[i].context);
			continue;
		}
		audit_log("labelled %s %s (%zu labels)", r[i].name,
			  r[i].context, r[i].n);
		if (cli_verbose)
			print_labels(r[i].labels, r[i].n);
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
		old = stored(s, r[i].name, &nold);
		state = label_device_state(f, &r[i].labels[0]);
		if (state == 1 && old &&
		    same_labels(old, nold, r[i].labels, r[i].n)) {
			r[i].unchanged = 1;
			continue;
		}
		if (state == -EEXIST && old && replace) {
			if (remove_old(f, &txn, old, nold) < 0)
				return undo(f, &txn);
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
		if (!stored(s, r[i].name, &nold)) {
			fprintf(stderr, "%s: %s is not in the label store %s\n",
				program_invocation_short_name, r[i].name,
				store_path);
			return EXIT_USAGE;
		}
	for (i = 0; i < n; i++) {
		old = stored(s, r[i].name, &nold);
		if (remove_old(f, &txn, old, nold) < 0)
			return undo(f, &txn);
	}
	return commit(f, &txn, s, r, n, 0);
}

/* Applies every stored label the hypervisor lacks, all or nothing. */
static int do_restore(struct flask *f, struct store *s)
{
	const struct label *bad = NULL;
	int rc, undo_err;
	size_t devices;

	rc = label_resolve(f, s->labels, s->n, &bad);
	if (rc < 0)
		return context_error(-rc, bad);
	rc = label_restore(f, s->labels, s->n, &devices, &bad, &undo_err);
	if (rc < 0) {
		label_error(-rc, bad, "restore");
		if (undo_err < 0)
			cli_error(-undo_err, NULL, "could not undo every change");
		return EXIT_FLASK;
	}
	if (rc > 0)
		audit_log("restored the labels of %d devices", rc);
	if (cli_verbose)
		printf("restored %d of %zu devices\n", rc, devices);
	return EXIT_OK;
}

/*
 * Checks every context of the requests against a policy file, without a
 * hypervisor (for --dry-run).  Returns an exit code.
 */
static int check_offline(const struct request *r, size_t n)
{
	struct policy *p;
	size_t i, j;
	int ret = cli_read_policy(policy_file, &p, NULL);

	if (ret)
		return ret;
	for (i = 0; i < n; i++)
		for (j = 0; j < r[i].n; j++) {
			if (policy_check_context(p, r[i].labels[j].context) == 0)
				continue;
			fprintf(stderr, "%s: invalid context '%s' for %s: not "
				"valid in '%s'\n",
				program_invocation_short_name,
				r[i].labels[j].context, r[i].name, policy_file);
			ret = EXIT_FLASK;
			break;
		}
	policy_free(p);
	return ret;
}

int main(int argc, char **argv)
{
	poptContext ctx = cli_parse(argc, argv, options,
				    "[OPTION...] SBDF CONTEXT [SBDF CONTEXT...]"
				    " | SBDF... --context CONTEXT | -d SBDF...");
	struct request *r = NULL;
	struct store s = { 0 };
	struct flask *f = NULL;
	size_t i, n = 0;
	int lock = -1, ret = EXIT_OK;

	if (delete + list + restore + dry_run > 1) {
		ret = cli_usage("-d, -n, --list and --restore exclude each "
				"other");
		goto out;
	}
	if (policy_file && !dry_run) {
		ret = cli_usage("--policy goes with --dry-run");
		goto out;
	}
	if ((list || restore) && poptPeekArg(ctx)) {
		ret = cli_usage("unexpected argument '%s'", poptPeekArg(ctx));
		goto out;
	}
	if (irq_context && (ret = check_syntax(irq_context)))
		goto out;
	if (context_opt && (ret = check_syntax(context_opt)))
		goto out;
	if (!list && !restore && (ret = read_requests(ctx, &r, &n)))
		goto out;
	if (!delete && !list && !restore && (ret = read_devices(r, n)))
		goto out;
	if (dry_run) {
		if (policy_file && (ret = check_offline(r, n)))
			goto out;
		for (i = 0; i < n; i++)
			print_labels(r[i].labels, r[i].n);
		goto out;
	}
	if (list) {
		ret = load_store(&s);
		if (!ret)
			print_labels(s.labels, s.n);
		goto out;
	}
	f = cli_open();
	if (!f) {
		ret = EXIT_USAGE;
		goto out;
	}
	lock = lock_take("labels");
	if (lock < 0) {
		cli_error(-lock, NULL, "cannot lock %s/labels.lock", LOCK_DIR);
		ret = EXIT_USAGE;
		goto out;
	}
	ret = load_store(&s);
	if (ret)
		goto out;
	if (restore)
		ret = do_restore(f, &s);
	else if (delete)
		ret = do_delete(f, r, n, &s);
	else
		ret = do_label(f, r, n, &s);
out:
	lock_release(lock);
	flask_close(f);
	for (i = 0; i < n; i++)
		free(r[i].labels);
	free(r);
	store_free(&s);
	return cli_finish(ctx, ret);
}
