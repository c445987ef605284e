/* SPDX-License-Identifier: GPL-2.0-or-later */
/* pci.h - PCI addresses and what a device owns, read from sysfs. */
#ifndef FLASK_UTILS_PCI_H
#define FLASK_UTILS_PCI_H

#include <stddef.h>
#include <stdint.h>

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

/* A line of a device's sysfs resource file that is in use. */
struct pci_resource {
	unsigned int line;	/* 0-5 BARs, 6 ROM, 7+ SR-IOV BARs, windows */
	int io;			/* 1: I/O ports, 0: memory */
	uint64_t start, end;	/* ports or bytes, inclusive */
};

/* What a PCI device owns, as sysfs shows it. */
struct pci_device {
	struct pci_addr addr;
	char name[PCI_NAME_LEN];
	struct pci_resource *res;	/* in line order */
	size_t nres;
	unsigned int irq;		/* 0: none */
};

/*
 * Reads SYSFS/bus/pci/devices/NAME/{resource,irq} into *d: every line of
 * the resource file that is in use (I/O or memory, not all zero) and the
 * IRQ (0 when the irq file is missing or says 0).  Deciding what of it to
 * label is not done here (see label_device()).
 * Returns 0; -ENOENT when the device is not there (*path names what was
 * looked for); -EINVAL when a file is malformed (*path names it);
 * -ENOMEM.  On failure *d holds nothing to free.
 */
int pci_read_device(const char *sysfs, const struct pci_addr *a,
		    struct pci_device *d, char *path, size_t pathlen);

/* Releases what pci_read_device() allocated. */
void pci_device_free(struct pci_device *d);


#endif
