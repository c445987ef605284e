/* SPDX-License-Identifier: GPL-2.0-or-later */
/* pci.h - PCI addresses and what a device owns, read from sysfs. */
#ifndef FLASK_UTILS_PCI_H
#define FLASK_UTILS_PCI_H

#include <stddef.h>
#include <stdint.h>

struct label;

struct pci_addr {
	unsigned int seg, bus, dev, fn;
};

/* "SSSS:BB:DD.F" and its terminating NUL. */
#define PCI_NAME_LEN 13

/*
 * Parses "SSSS:BB:DD.F" or "BB:DD.F" (segment 0), hexadecimal, with
 * segment <= ffff, bus <= ff, device <= 1f, function <= 7.  Returns 0, or
 * -EINVAL for anything else (missing parts, extra characters, too many
 * digits, out of range).
 */
int pci_parse_addr(const char *s, struct pci_addr *a);

/* Writes the canonical "ssss:bb:dd.f" of a into name[PCI_NAME_LEN]. */
void pci_name(const struct pci_addr *a, char name[PCI_NAME_LEN]);

/* Returns the device number FLASK labels: seg << 16 | bus << 8 | devfn. */
uint32_t pci_sbdf(const struct pci_addr *a);

/* What pci_read_labels() takes besides the BARs. */
enum {
	PCI_ALL_RESOURCES = 1,	/* also the ROM, SR-IOV BARs, bridge windows */
	PCI_NO_IRQ = 2,		/* leave the IRQ out */
};

/*
 * Reads SYSFS/bus/pci/devices/NAME/{resource,irq} and appends to *labels
 * (reallocated; *n counts them) what labelling the device means: the device
 * itself, each I/O BAR as an ioport range, each memory BAR as an iomem
 * range in page frames, the IRQ as a pirq (context irq_context).  Entries
 * 0-5 of the resource file are the BARs; later ones (ROM, SR-IOV, bridge
 * windows) only with PCI_ALL_RESOURCES.  Contexts are not copied: the
 * labels point at context and irq_context.
 * Returns 0; -ENOENT when the device is not there (*path names what was
 * looked for); -EINVAL when a file is malformed (*path names it);
 * -ENOMEM.
 */
int pci_read_labels(const char *sysfs, const struct pci_addr *a, int flags,
		    const char *context, const char *irq_context,
		    struct label **labels, size_t *n, char *path,
		    size_t pathlen);

#endif
