// SPDX-License-Identifier: GPL-2.0-or-later
/* label.c - I/O labels (device, ioport, iomem, pirq): text form, apply and remove all or nothing. */

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "label.h"

static const char *const kind_names[] = {
	[FLASK_OCON_PIRQ] = "pirq",
	[FLASK_OCON_IOPORT] = "ioport",
	[FLASK_OCON_IOMEM] = "iomem",
	[FLASK_OCON_DEVICE] = "device",
};

const char *label_kind_name(enum flask_ocon kind)
{
	return kind_names[kind];
}

int label_format_resource(char *buf, size_t size, const struct label *l)
{
	switch (l->kind) {
	case FLASK_OCON_IOPORT:
	case FLASK_OCON_IOMEM:
		return snprintf(buf, size, "%s 0x%" PRIx64 "-0x%" PRIx64,
				kind_names[l->kind], l->low, l->high);
	case FLASK_OCON_DEVICE:
		return snprintf(buf, size, "device 0x%" PRIx64, l->low);
	default:
		return snprintf(buf, size, "pirq %" PRIu64, l->low);
	}
}

int label_format(char *buf, size_t size, const struct label *l)
{
	char res[64];

	label_format_resource(res, sizeof(res), l);
	return snprintf(buf, size, "%s %s %s", l->dev, res, l->context);
}

/*
 * Parses an unsigned number that must fill the whole of s: hexadecimal
 * after "0x", decimal otherwise (a leading zero does not mean octal).
 */
static int number(const char *s, uint64_t *v)
{
	int base = 10;
	char *end;

	if (s[0] == '0' && s[1] == 'x') {
		base = 16;
		s += 2;
	}
	if (!isxdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	*v = strtoull(s, &end, base);
	return errno || *end ? -EINVAL : 0;
}

/* Parses line in place into *l, any spelling. Returns 0 or -EINVAL. */
static int parse_fields(char *line, struct label *l)
{
	char *field[4], *save = NULL, *range, *dash;
	struct pci_addr a;
	int i, k;

	for (i = 0; i < 4; i++) {
		field[i] = strtok_r(i ? NULL : line, " \t\n", &save);
		if (!field[i])
			return -EINVAL;
	}
	if (strtok_r(NULL, " \t\n", &save) || pci_parse_addr(field[0], &a))
		return -EINVAL;
	memset(l, 0, sizeof(*l));
	pci_name(&a, l->dev);
	for (k = FLASK_OCON_PIRQ; k <= FLASK_OCON_DEVICE; k++)
		if (!strcmp(field[1], kind_names[k]))
			l->kind = k;
	range = field[2];
	switch (l->kind) {
	case FLASK_OCON_IOPORT:
	case FLASK_OCON_IOMEM:
		dash = strchr(range, '-');
		if (!dash)
			return -EINVAL;
		*dash = '\0';
		if (number(range, &l->low) || number(dash + 1, &l->high) ||
		    l->low > l->high)
			return -EINVAL;
		break;
	case FLASK_OCON_DEVICE:
	case FLASK_OCON_PIRQ:
		if (number(range, &l->low))
			return -EINVAL;
		l->high = l->low;
		break;
	default:
		return -EINVAL;
	}
	if (l->kind == FLASK_OCON_DEVICE && l->low != pci_sbdf(&a))
		return -EINVAL;
	/* pirqs and ioports are 32-bit numbers for the hypervisor */
	if (l->kind != FLASK_OCON_IOMEM && l->high > UINT32_MAX)
		return -EINVAL;
	l->context = field[3];
	return 0;
}

int label_parse(char *line, struct label *l)
{
	size_t len = strlen(line);
	char *orig = strdup(line), *canon = malloc(len + 2);
	int rc = -ENOMEM;

	/* Only what label_format() writes: one spelling for each label. */
	if (orig && canon) {
		rc = parse_fields(line, l);
		if (rc == 0 && ((size_t)label_format(canon, len + 2, l) != len ||
				memcmp(canon, orig, len)))
			rc = -EINVAL;
	}
	free(orig);
	free(canon);
	return rc;
}

/* Appends one label to *labels. Returns 0 or -ENOMEM. */
static int push(struct label **labels, size_t *n, enum flask_ocon kind,
		const char *dev, uint64_t low, uint64_t high,
		const char *context)
{
	struct label *l = realloc(*labels, (*n + 1) * sizeof(**labels));

	if (!l)
		return -ENOMEM;
	*labels = l;
	l += (*n)++;
	memset(l, 0, sizeof(*l));
	l->kind = kind;
	snprintf(l->dev, sizeof(l->dev), "%s", dev);
	l->low = low;
	l->high = high;
	l->context = context;
	return 0;
}

int label_device(const struct pci_device *d, int flags, const char *context,
		 const char *irq_context, struct label **labels, size_t *n)
{
	const struct pci_resource *r;
	size_t i;
	int rc;

	rc = push(labels, n, FLASK_OCON_DEVICE, d->name, pci_sbdf(&d->addr),
		  pci_sbdf(&d->addr), context);
	if (rc < 0)
		return rc;
	(*labels)[*n - 1].flags = flags;
	(*labels)[*n - 1].irq_context = irq_context;
	for (i = 0; i < d->nres; i++) {
		r = &d->res[i];
		if (r->line >= LABEL_PASSTHROUGH_LINES &&
		    !(flags & LABEL_ALL_RESOURCES))
			continue;
		if (r->io)
			rc = push(labels, n, FLASK_OCON_IOPORT, d->name,
				  r->start, r->end, context);
		else
			rc = push(labels, n, FLASK_OCON_IOMEM, d->name,
				  r->start >> 12, r->end >> 12, context);
		if (rc < 0)
			return rc;
	}
	if (d->irq && !(flags & LABEL_NO_IRQ))
		rc = push(labels, n, FLASK_OCON_PIRQ, d->name, d->irq, d->irq,
			  irq_context ? irq_context : context);
	return rc;
}

int label_same(const struct label *a, size_t na, const struct label *b,
	       size_t nb)
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

int label_resolve(struct flask *f, struct label *l, size_t n,
		  const struct label **bad)
{
	size_t i, j;
	int rc;

	for (i = 0; i < n; i++) {
		for (j = 0; j < i; j++)
			if (!strcmp(l[j].context, l[i].context))
				break;
		if (j < i) {
			l[i].sid = l[j].sid;
			continue;
		}
		rc = flask_context_to_sid(f, l[i].context, &l[i].sid);
		if (rc < 0) {
			*bad = &l[i];
			return rc;
		}
	}
	return 0;
}

static int add(struct flask *f, const struct label *l)
{
	return flask_add_label(f, l->kind, l->low, l->high, l->sid);
}

static int del(struct flask *f, const struct label *l)
{
	return flask_del_label(f, l->kind, l->low, l->high);
}

/*
 * Does one step (added: add l, else remove it) and records it when it
 * changed something, room for the record being made first so that a
 * change is never left unrecorded.  Returns what the step returned.
 */
static int step(struct flask *f, struct label_txn *t, const struct label *l,
		int added)
{
	struct label_step *bigger;
	int rc;

	bigger = realloc(t->steps, (t->n + 1) * sizeof(*t->steps));
	if (!bigger)
		return -ENOMEM;
	t->steps = bigger;
	rc = added ? add(f, l) : del(f, l);
	if (rc == 0)
		t->steps[t->n++] = (struct label_step){ l, added };
	return rc;
}

int label_txn_add(struct flask *f, struct label_txn *t,
		  const struct label *l)
{
	return step(f, t, l, 1);
}

int label_txn_del(struct flask *f, struct label_txn *t,
		  const struct label *l)
{
	int rc = step(f, t, l, 0);

	/*
	 * Gone already (a reboot, a policy load): nothing to remove.  Asked
	 * twice, so that one failure that merely says so leaves no label
	 * behind.
	 */
	if (rc == -ENOENT)
		rc = step(f, t, l, 0);
	return rc == -ENOENT ? 0 : rc;
}

int label_txn_rollback(struct flask *f, struct label_txn *t)
{
	int rc, first = 0;

	while (t->n > 0) {
		const struct label_step *s = &t->steps[--t->n];

		rc = s->added ? del(f, s->label) : add(f, s->label);
		if (rc < 0 && !first)
			first = rc;
	}
	return first;
}

void label_txn_free(struct label_txn *t)
{
	free(t->steps);
	t->steps = NULL;
	t->n = 0;
}

/*
 * Does op (add or del) of d, and tries twice more when the hypervisor
 * fails it: the probe's undo steps must not be lost to one failure.
 */
static int again(struct flask *f,
		 int (*op)(struct flask *, const struct label *),
		 const struct label *d)
{
	int rc, tries = 3;

	while ((rc = op(f, d)) < 0 && --tries)
		;
	return rc;
}

int label_remove(struct flask *f, const struct label *l)
{
	return again(f, del, l);
}

int label_device_state(struct flask *f, const struct label *d)
{
	int rc;

	/*
	 * No operation reads a label back.  Adding d fails with EEXIST when
	 * the device has another context, and otherwise stores one more entry
	 * (the hypervisor keeps duplicates of device labels); removing twice
	 * then tells whether one was there before, and the second removal is
	 * undone.  A policy that lets dom0 add labels but not remove them
	 * would leave the added one: then nothing is tried.
	 */
	rc = flask_labels_undoable(f);
	if (rc < 0)
		return rc;
	rc = add(f, d);
	if (rc < 0)
		return rc;
	rc = again(f, del, d);	/* what was added must go */
	if (rc < 0)
		return rc;
	rc = del(f, d);
	if (rc == -ENOENT)
		return 0;
	if (rc < 0)
		return rc;
	rc = again(f, add, d);	/* and what was there must come back */
	return rc < 0 ? rc : 1;
}

int label_device_live(struct flask *f, struct label *l, size_t n)
{
	const struct label *bad;
	int rc = label_resolve(f, l, n, &bad);

	return rc < 0 ? rc : label_device_state(f, l);
}
