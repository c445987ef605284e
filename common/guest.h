/* SPDX-License-Identifier: GPL-2.0-or-later */
/* guest.h - would a guest be given a device: the FLASK checks of a passthrough, asked ahead. */
#ifndef FLASK_UTILS_GUEST_H
#define FLASK_UTILS_GUEST_H

#include <stddef.h>
#include <stdint.h>

#include "flask.h"
#include "label.h"
#include "pci.h"

/*
 * Which "use" permission FLASK asks of a guest for a device it is given
 * (flask_iommu_resource_use_perm() in Xen's hooks.c): use_noiommu without
 * an IOMMU, use_iommu with one that remaps interrupts,
 * use_iommu_nointremap with one that does not.
 */
enum guest_iommu {
	GUEST_NOIOMMU,
	GUEST_IOMMU,
	GUEST_IOMMU_NOINTREMAP,
};

/* What FLASK would answer for one resource a passthrough grants. */
struct guest_check {
	enum flask_ocon kind;	/* PIRQ, IOPORT, IOMEM or DEVICE */
	uint64_t low, high;	/* as in struct label: pages for iomem */
	int known;		/* 0: labelled, but not by the store nor as a
				   static label says: SID unknown */
	int from_policy;	/* the label is a static one of the policy */
	int unused;		/* ... not looked up by Xen yet: SID 0, matched
				   by its range */
	uint32_t sid;		/* the resource's label now, when known */
	uint32_t dom0_missing;	/* resource permissions dom0 lacks on it */
	uint32_t guest_missing;	/* resource permissions the guest lacks on it */
};

/* Returns the name of resource permission bit perm ("use_noiommu"). */
const char *guest_perm_name(uint32_t perm);

/*
 * Asks, without giving anything to anybody, what `xl pci-attach` of device
 * d to a guest labelled guest_sid would ask FLASK (libxl's
 * pci_add_dm_done(): the resource lines 0-6 in use, the IRQ, and with an
 * IOMMU the device itself), as Xen's hooks ask it: dom0 needs
 * add_ioport/add_iomem/add_irq/add_device on each resource's label and
 * "add" on the guest, the guest the use permission of iommu on each label.
 * live[0..nlive-1] are the labels the hypervisor has for d now (the
 * store's, when the device is labelled; else none); a resource they do not
 * cover is asked about with add_ocontext and a probe context (xen_t) that
 * nothing labels: refused means it is labelled by something else.  Then,
 * when one of statics[0..nstatic-1] (the static labels of a policy file,
 * their sids resolved) covers it, the hypervisor is asked whether it has
 * exactly that label (Xen takes an ioport or iomem label identical to one
 * it has without storing it and refuses any other overlap; a pirq or
 * device label of the same context it stores once more, and it is removed
 * again at once): if so, that is its label ("from_policy").  Xen gives a
 * static label its SID only when it first looks it up (a passthrough):
 * until then it has SID 0, which no label added at run time has, and the
 * range alone is matched ("unused").  Otherwise (a label of another tool,
 * another policy) its check is "not known".  A
 * resource nothing labels carries the initial SID of its kind (ioport,
 * iomem, irq, device), as Xen gives it.  Appends one check per resource (a resource
 * line partly covered by a live label is "not known" too) to *checks
 * (*n counts them); *add_missing gets what dom0 lacks of "add" on the guest.
 * Returns 0 or -errno (a FLASK operation failed, -ENOMEM).
 */
int guest_check_device(struct flask *f, const struct pci_device *d,
		       uint32_t guest_sid, enum guest_iommu iommu,
		       const struct label *live, size_t nlive,
		       const struct label *statics, size_t nstatic,
		       struct guest_check **checks, size_t *n,
		       uint32_t *add_missing);

/*
 * Returns 0 when Xen's command line cmdline turns interrupt remapping off
 * (iommu=no-intremap, iommu=...,intremap=0: Xen's parse_iommu_param(),
 * the last word winning), else 1.  An IOMMU without interrupt remapping in
 * hardware is not seen here.
 */
int guest_cmdline_intremap(const char *cmdline);

/* The resource permission FLASK asks of a guest under iommu. */
uint32_t guest_use_perm(enum guest_iommu iommu);

#endif
