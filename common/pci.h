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
 * Parses the text of a sysfs resource file, exactly as the kernel writes
 * it (three "0x" + 16 hex digit fields per line, each line ending in a
 * newline), appending the lines in use to d->res.  text[len] must be
 * '\0' (file_read() ends its buffers so).  Returns 0; -EINVAL; -ENOMEM.
 */
int pci_parse_resources(const char *text, size_t len, struct pci_device *d);

/*
 * Parses the text of a sysfs irq file: decimal digits (at most 10, at most
 * 4294967295) and one newline, nothing else.  Returns 0 or -EINVAL.
 */
int pci_parse_irq(const char *text, size_t len, unsigned int *irq);

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
