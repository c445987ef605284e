// SPDX-License-Identifier: GPL-2.0-or-later
/* guest.c - would a guest be given a device: the FLASK checks of a passthrough, asked ahead. */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "guest.h"

static const char *const perm_names[] = {
	"add", "remove", "use", "use_iommu", "use_iommu_nointremap",
	"use_noiommu", "add_irq", "remove_irq", "add_ioport",
	"remove_ioport", "add_iomem", "remove_iomem", "stat_device",
	"add_device", "remove_device", "plug", "unplug", "setup",
};

#define PERM(name_index) (1u << (name_index))
#define PERM_ADD PERM(0)

const char *guest_perm_name(uint32_t perm)
{
	size_t i;

	for (i = 0; i < sizeof(perm_names) / sizeof(*perm_names); i++)
		if (perm == PERM(i))
			return perm_names[i];
	return "?";
}

uint32_t guest_use_perm(enum guest_iommu iommu)
{
	switch (iommu) {
	case GUEST_IOMMU:
		return PERM(3);
	case GUEST_IOMMU_NOINTREMAP:
		return PERM(4);
	default:
		return PERM(5);
	}
}

/* Xen's parse_bool() (common/kernel.c): 1, 0, or -1 when not a boolean. */
static int xen_bool(const char *s, size_t len)
{
	static const char *const yes[] = { "1", "on", "yes", "true", "enable" };
	static const char *const no[] = { "0", "no", "off", "false", "disable" };
	size_t i;

	for (i = 0; i < sizeof(yes) / sizeof(*yes); i++) {
		if (strlen(yes[i]) == len && !strncmp(s, yes[i], len))
			return 1;
		if (strlen(no[i]) == len && !strncmp(s, no[i], len))
			return 0;
	}
	return -1;
}

int guest_cmdline_intremap(const char *cmdline)
{
	static const char name[] = "intremap";
	const size_t nlen = sizeof(name) - 1;
	const char *w = cmdline, *v, *end, *item, *e;
	int on = 1, b;

	while (*w) {
		w += strspn(w, " ");
		end = w + strcspn(w, " ");
		if (!strncmp(w, "iommu=", 6)) {
			/* Xen's parse_iommu_param(): items split at ','. */
			for (item = w + 6; item <= end; item = e + 1) {
				e = memchr(item, ',', (size_t)(end - item));
				e = e ? e : end;
				v = item;
				if (!strncmp(v, "no-", 3) && (size_t)(e - v) ==
				    3 + nlen && !strncmp(v + 3, name, nlen))
					on = 0;
				else if ((size_t)(e - v) == nlen &&
					 !strncmp(v, name, nlen))
					on = 1;
				else if ((size_t)(e - v) > nlen &&
					 !strncmp(v, name, nlen) &&
					 v[nlen] == '=' &&
					 (b = xen_bool(v + nlen + 1,
					   (size_t)(e - v - nlen - 1))) >= 0)
					on = b;
			}
		}
		w = end;
	}
	return on;
}

/* What dom0 needs on a resource of kind to grant it. */
static uint32_t dom0_perm(enum flask_ocon kind)
{
	switch (kind) {
	case FLASK_OCON_PIRQ:
		return PERM(6);
	case FLASK_OCON_IOPORT:
		return PERM(8);
	case FLASK_OCON_IOMEM:
		return PERM(10);
	default:
		return PERM(13);
	}
}

/* The SID Xen gives a resource of kind that no label covers. */
static uint32_t initial_sid(enum flask_ocon kind)
{
	switch (kind) {
	case FLASK_OCON_PIRQ:
		return SID_IRQ;
	case FLASK_OCON_IOPORT:
		return SID_IOPORT;
	case FLASK_OCON_IOMEM:
		return SID_IOMEM;
	default:
		return SID_DEVICE;
	}
}

/* Returns the missing bits of req for ssid on tsid, or -errno. */
static int64_t missing(struct flask *f, uint32_t ssid, uint32_t tsid,
		       uint32_t req)
{
	uint32_t allowed = 0;
	int rc = flask_access(f, ssid, tsid, CLASS_RESOURCE, req, &allowed);

	return rc < 0 ? rc : (int64_t)(req & ~allowed);
}

/*
 * For c, labelled by something else: is its label the static label of
 * statics that covers it?  Sets c->known, c->sid and c->from_policy when
 * the hypervisor has exactly that label.  Returns 0 or -errno.
 */
static int static_sid(struct flask *f, struct guest_check *c,
		      const struct label *statics, size_t nstatic)
{
	const struct label *s = NULL;
	int rc, dup = c->kind == FLASK_OCON_PIRQ ||
		      c->kind == FLASK_OCON_DEVICE;
	size_t i;

	for (i = 0; i < nstatic && !s; i++)
		if (statics[i].kind == c->kind && statics[i].low <= c->low &&
		    c->high <= statics[i].high)
			s = &statics[i];
	if (!s || (dup && flask_labels_undoable(f) < 0))
		return 0;
	rc = flask_add_label(f, s->kind, s->low, s->high, s->sid);
	/*
	 * Xen gives a label of the policy its SID only when it first looks
	 * it up (a passthrough): until then the label has SID 0, which no
	 * label added at run time has.  Then the range alone is matched.
	 */
	if (rc == -EEXIST) {
		rc = flask_add_label(f, s->kind, s->low, s->high, 0);
		c->unused = 1;
	}
	if (rc == -EEXIST)
		return 0;	/* another label: of another tool, policy */
	if (rc < 0)
		return rc;
	/*
	 * a pirq or device label was stored once more: take it away (the
	 * first match goes: the one just added, or its twin)
	 */
	if (dup)
		rc = label_remove(f, s);
	if (rc < 0)
		return rc;
	c->known = c->from_policy = 1;
	c->sid = s->sid;
	return 0;
}

/*
 * Finds the label of c among the live labels, or by a probe, or among the
 * static labels: sets c->sid and c->known.  Returns 0 or -errno.
 */
static int find_sid(struct flask *f, struct guest_check *c,
		    const struct label *live, size_t nlive,
		    const struct label *statics, size_t nstatic)
{
	size_t i;
	int rc;

	for (i = 0; i < nlive; i++) {
		if (live[i].kind != c->kind || live[i].high < c->low ||
		    live[i].low > c->high)
			continue;
		c->known = live[i].low <= c->low && c->high <= live[i].high;
		c->sid = live[i].sid;
		return 0;
	}
	/*
	 * Not labelled by the store.  Adding a label of a context nothing
	 * else uses (the hypervisor's own) fails with EEXIST when any label
	 * overlaps the range, a static one of the policy included; otherwise
	 * it is taken, and removed again at once.
	 */
	rc = flask_add_label(f, c->kind, c->low, c->high, SID_XEN);
	if (rc == -EEXIST) {
		c->known = 0;
		return static_sid(f, c, statics, nstatic);
	}
	if (rc < 0)
		return rc;
	rc = flask_del_label(f, c->kind, c->low, c->high);
	if (rc < 0)
		return rc;
	c->known = 1;
	c->sid = initial_sid(c->kind);
	return 0;
}

/* Appends a check of [low, high] of kind to *checks. Returns 0 or -ENOMEM. */
static int push(struct guest_check **checks, size_t *n, enum flask_ocon kind,
		uint64_t low, uint64_t high)
{
	struct guest_check *c = realloc(*checks, (*n + 1) * sizeof(**checks));

	if (!c)
		return -ENOMEM;
	*checks = c;
	c += (*n)++;
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	c->low = low;
	c->high = high;
	return 0;
}

/* Appends what libxl grants for d, in the order it grants it. */
static int list_resources(const struct pci_device *d, enum guest_iommu iommu,
			  struct guest_check **checks, size_t *n)
{
	const struct pci_resource *r;
	size_t i;
	int rc = 0;

	for (i = 0; i < d->nres && rc == 0; i++) {
		r = &d->res[i];
		/* libxl: lines 0-6, and only those that start above 0 */
		if (r->line >= LABEL_PASSTHROUGH_LINES || !r->start)
			continue;
		if (r->io)
			rc = push(checks, n, FLASK_OCON_IOPORT, r->start,
				  r->end);
		else
			rc = push(checks, n, FLASK_OCON_IOMEM, r->start >> 12,
				  r->end >> 12);
	}
	if (rc == 0 && d->irq)
		rc = push(checks, n, FLASK_OCON_PIRQ, d->irq, d->irq);
	/* With an IOMMU libxl assigns the device itself too. */
	if (rc == 0 && iommu != GUEST_NOIOMMU)
		rc = push(checks, n, FLASK_OCON_DEVICE, pci_sbdf(&d->addr),
			  pci_sbdf(&d->addr));
	return rc;
}

int guest_check_device(struct flask *f, const struct pci_device *d,
		       uint32_t guest_sid, enum guest_iommu iommu,
		       const struct label *live, size_t nlive,
		       const struct label *statics, size_t nstatic,
		       struct guest_check **checks, size_t *n,
		       uint32_t *add_missing)
{
	uint32_t use = guest_use_perm(iommu);
	struct guest_check *c;
	size_t first = *n, i;
	int64_t m;
	int rc;

	m = missing(f, SID_DOM0, guest_sid, PERM_ADD);
	if (m < 0)
		return (int)m;
	*add_missing = (uint32_t)m;
	rc = list_resources(d, iommu, checks, n);
	for (i = first; rc == 0 && i < *n; i++) {
		c = &(*checks)[i];
		rc = find_sid(f, c, live, nlive, statics, nstatic);
		if (rc < 0 || !c->known)
			continue;
		m = missing(f, SID_DOM0, c->sid, dom0_perm(c->kind));
		if (m >= 0) {
			c->dom0_missing = (uint32_t)m;
			m = missing(f, guest_sid, c->sid, use);
		}
		if (m < 0)
			rc = (int)m;
		else
			c->guest_missing = (uint32_t)m;
	}
	return rc;
}
