// SPDX-License-Identifier: GPL-2.0-or-later
/* pci.c - PCI addresses and what a device owns, read from sysfs. */

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "file.h"
#include "pci.h"

/* Linux's IORESOURCE_IO and IORESOURCE_MEM (include/linux/ioport.h). */
#define RES_IO  0x00000100
#define RES_MEM 0x00000200

/*
 * Reads up to max hex digits at s into *v.  Returns how many it read (0:
 * none); a max + 1-th digit is not read, so the caller sees it next.
 */
static int hex_digits(const char *s, int max, uint64_t *v)
{
	uint64_t x = 0;
	int i;

	for (i = 0; i < max && isxdigit((unsigned char)s[i]); i++)
		x = x << 4 | (isdigit((unsigned char)s[i]) ? s[i] - '0' :
			      tolower((unsigned char)s[i]) - 'a' + 10);
	*v = x;
	return i;
}

/*
 * Reads 1 to max hex digits at *s into *v, which must be <= limit.
 * Advances *s.  Returns 0 or -EINVAL.
 */
static int hex_field(const char **s, int max, unsigned int limit,
		     unsigned int *v)
{
	uint64_t x;
	int i = hex_digits(*s, max, &x);

	if (i == 0 || x > limit)
		return -EINVAL;
	*s += i;
	*v = x;
	return 0;
}

int pci_parse_addr(const char *s, struct pci_addr *a)
{
	struct pci_addr r = { 0, 0, 0, 0 };
	const char *colon = strchr(s, ':');

	/* Two colons: a segment comes first. */
	if (colon && strchr(colon + 1, ':')) {
		if (hex_field(&s, 4, 0xffff, &r.seg) || *s++ != ':')
			return -EINVAL;
	}
	if (hex_field(&s, 2, 0xff, &r.bus) || *s++ != ':' ||
	    hex_field(&s, 2, 0x1f, &r.dev) || *s++ != '.' ||
	    hex_field(&s, 1, 7, &r.fn) || *s)
		return -EINVAL;
	*a = r;
	return 0;
}

void pci_name(const struct pci_addr *a, char name[PCI_NAME_LEN])
{
	snprintf(name, PCI_NAME_LEN, "%04x:%02x:%02x.%x", a->seg & 0xffff,
		 a->bus & 0xff, a->dev & 0x1f, a->fn & 7);
}

uint32_t pci_sbdf(const struct pci_addr *a)
{
	return a->seg << 16 | a->bus << 8 | a->dev << 3 | a->fn;
}

/*
 * Reads "0x" and 16 hex digits at *s into *v (the kernel's "0x%016llx"),
 * then the separator sep.  Advances *s.  Returns 0 or -EINVAL.
 */
static int hex64(const char **s, char sep, uint64_t *v)
{
	const char *p = *s;
	int i;

	if (p[0] != '0' || p[1] != 'x')
		return -EINVAL;
	p += 2;
	i = hex_digits(p, 16, v);
	if (i != 16 || p[i] != sep)
		return -EINVAL;
	*s = p + i + 1;
	return 0;
}

int pci_parse_resources(const char *text, size_t len, struct pci_device *d)
{
	struct pci_resource *bigger;
	const char *p = text, *end = text + len;
	unsigned int index;

	if (memchr(text, '\0', len))
		return -EINVAL;
	for (index = 0; p < end; index++) {
		uint64_t start, stop, res;

		/* "0x%016llx 0x%016llx 0x%016llx\n", as the kernel writes it */
		if (hex64(&p, ' ', &start) || hex64(&p, ' ', &stop) ||
		    hex64(&p, '\n', &res) || p > end)
			return -EINVAL;
		if (!(res & (RES_IO | RES_MEM)) || (!start && !stop))
			continue;	/* an unused entry */
		if (stop < start)
			return -EINVAL;
		bigger = realloc(d->res, (d->nres + 1) * sizeof(*d->res));
		if (!bigger)
			return -ENOMEM;
		d->res = bigger;
		d->res[d->nres++] = (struct pci_resource){
			.line = index, .io = !!(res & RES_IO),
			.start = start, .end = stop,
		};
	}
	return 0;
}

int pci_parse_irq(const char *text, size_t len, unsigned int *irq)
{
	uint64_t v = 0;
	size_t i;

	/* decimal digits and one newline, as the kernel writes it */
	if (len < 2 || text[len - 1] != '\n')
		return -EINVAL;
	for (i = 0; i < len - 1; i++) {
		if (!isdigit((unsigned char)text[i]) || i == 10)
			return -EINVAL;
		v = v * 10 + (text[i] - '0');
	}
	if (v > UINT32_MAX)
		return -EINVAL;
	*irq = v;
	return 0;
}

/* Reads sysfs file path (small: a page or two) into a buffer to free. */
static char *read_small(const char *path, size_t *len)
{
	return file_read(path, 65536, len, NULL);
}

int pci_read_device(const char *sysfs, const struct pci_addr *a,
		    struct pci_device *d, char *path, size_t pathlen)
{
	size_t len;
	char *text;
	int rc;

	memset(d, 0, sizeof(*d));
	d->addr = *a;
	pci_name(a, d->name);
	snprintf(path, pathlen, "%s/bus/pci/devices/%s/resource", sysfs,
		 d->name);
	text = read_small(path, &len);
	if (!text)
		return errno == EFBIG || errno == EISDIR ? -EINVAL : -errno;
	rc = pci_parse_resources(text, len, d);
	free(text);
	if (rc < 0)
		goto fail;

	snprintf(path, pathlen, "%s/bus/pci/devices/%s/irq", sysfs, d->name);
	text = read_small(path, &len);
	if (!text) {
		if (errno == ENOENT)
			return 0;	/* no IRQ file: none */
		rc = errno == EFBIG || errno == EISDIR ? -EINVAL : -errno;
		goto fail;
	}
	rc = pci_parse_irq(text, len, &d->irq);
	free(text);
	if (rc == 0)
		return 0;
fail:
	pci_device_free(d);
	return rc;
}

void pci_device_free(struct pci_device *d)
{
	free(d->res);
	d->res = NULL;
	d->nres = 0;
}
