// SPDX-License-Identifier: GPL-2.0-or-later
/* restore.c - put the stored device labels back, each recomputed from what the device owns now. */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "cli.h"
#include "pci.h"
#include "restore.h"

/*
 * Reads what device old[0] owns now and labels it as it was labelled.
 * Returns 0, -ENOENT when it is not present, or -errno.
 */
static int recompute(const char *sysfs, struct restore_device *d,
		     char *path, size_t pathlen)
{
	const struct label *l = &d->old[0];
	struct pci_device dev;
	struct pci_addr a;
	int rc;

	rc = pci_parse_addr(l->dev, &a);
	if (rc < 0)
		return rc;
	rc = pci_read_device(sysfs, &a, &dev, path, pathlen);
	if (rc < 0)
		return rc;
	rc = label_device(&dev, l->flags, l->context, l->irq_context,
			  &d->labels, &d->n);
	pci_device_free(&dev);
	return rc;
}

/* Writes the store with the labels each device has now. Returns 0 or -errno. */
static int save(const char *store_path, const struct restore *r)
{
	struct label *all;
	size_t i, j, n = 0;
	int rc;

	for (i = 0; i < r->ndevs; i++)
		n += r->devs[i].state == RESTORE_ABSENT ? r->devs[i].nold
							 : r->devs[i].n;
	all = calloc(n ? n : 1, sizeof(*all));
	if (!all)
		return -ENOMEM;
	for (i = 0, n = 0; i < r->ndevs; i++) {
		const struct restore_device *d = &r->devs[i];
		int absent = d->state == RESTORE_ABSENT;

		for (j = 0; j < (absent ? d->nold : d->n); j++)
			all[n++] = absent ? d->old[j] : d->labels[j];
	}
	rc = store_save(store_path, all, n);
	free(all);
	return rc;
}

/* Brings one present device back. Returns 0 or -errno (r->bad set). */
static int restore_one(struct flask *f, struct label_txn *txn,
		       struct restore_device *d, struct restore *r)
{
	int same = label_same(d->old, d->nold, d->labels, d->n);
	int state, rc;
	size_t i;

	r->bad = &d->old[0];
	state = label_device_state(f, &d->old[0]);
	if (state < 0)
		return state;
	if (state == 1 && same) {
		d->state = RESTORE_LIVE;
		return 0;
	}
	/* Labelled, but no longer as it is now: its stored labels go first. */
	for (i = d->nold; state == 1 && i-- > 0;) {
		r->bad = &d->old[i];
		rc = label_txn_del(f, txn, &d->old[i]);
		if (rc < 0)
			return rc;
	}
	for (i = 0; i < d->n; i++) {
		r->bad = &d->labels[i];
		rc = label_txn_add(f, txn, &d->labels[i]);
		if (rc < 0)
			return rc;
	}
	d->state = same ? RESTORE_APPLIED : RESTORE_CHANGED;
	return 0;
}

int restore_all(struct flask *f, const char *sysfs, struct store *s,
		const char *store_path, struct restore *r)
{
	struct label_txn txn = { 0 };
	struct restore_device *d;
	size_t i, n;
	int rc = 0;

	memset(r, 0, sizeof(*r));
	for (i = 0; i < s->n; i += store_group(s, i))
		r->ndevs++;
	r->devs = calloc(r->ndevs ? r->ndevs : 1, sizeof(*r->devs));
	if (!r->devs)
		return -ENOMEM;
	for (i = 0, d = r->devs; i < s->n; i += n, d++) {
		n = store_group(s, i);
		d->old = &s->labels[i];
		d->nold = n;
		rc = recompute(sysfs, d, r->path, sizeof(r->path));
		if (rc == -ENOENT) {
			d->state = RESTORE_ABSENT;
			rc = 0;
		}
		if (rc < 0)
			return rc;
		rc = label_resolve(f, d->old, d->nold, &r->bad);
		if (rc == 0 && d->state != RESTORE_ABSENT)
			rc = label_resolve(f, d->labels, d->n, &r->bad);
		if (rc < 0)
			return rc;
	}
	for (i = 0; i < r->ndevs && rc == 0; i++)
		if (r->devs[i].state != RESTORE_ABSENT)
			rc = restore_one(f, &txn, &r->devs[i], r);
	if (rc == 0 && restore_count(r, RESTORE_CHANGED)) {
		rc = save(store_path, r);
		r->store_err = rc;
	}
	if (rc < 0)
		r->undo_err = label_txn_rollback(f, &txn);
	else
		r->bad = NULL;
	label_txn_free(&txn);
	return rc;
}

size_t restore_count(const struct restore *r, enum restore_state st)
{
	size_t i, n = 0;

	for (i = 0; i < r->ndevs; i++)
		n += r->devs[i].state == st;
	return n;
}

int restore_report(const struct restore *r)
{
	size_t i, done;
	int ret = EXIT_OK;

	for (i = 0; i < r->ndevs; i++) {
		if (r->devs[i].state == RESTORE_ABSENT) {
			fprintf(stderr, "%s: %s is in the label store but not "
				"present: skipped\n",
				program_invocation_short_name,
				r->devs[i].old->dev);
			ret = EXIT_ABSENT;
		} else if (r->devs[i].state == RESTORE_CHANGED) {
			cli_warn("%s owns other resources than when it was "
				 "labelled: labelled as it is now, store "
				 "updated", r->devs[i].old->dev);
		}
	}
	done = restore_count(r, RESTORE_APPLIED) +
	       restore_count(r, RESTORE_CHANGED);
	if (done)
		audit_log("restored the labels of %zu device%s", done,
			  done == 1 ? "" : "s");
	return ret;
}

void restore_free(struct restore *r)
{
	size_t i;

	for (i = 0; i < r->ndevs; i++)
		free(r->devs[i].labels);
	free(r->devs);
	r->devs = NULL;
	r->ndevs = 0;
}
