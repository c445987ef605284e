// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * pt-attach.c - asks the hypervisor whether a guest with a given label may be
 * given a PCI device, exactly as `xl pci-attach` asks it, independently of
 * our own code, so that a test shows that a label makes passthrough allowed.
 *
 * It creates an empty, never-started PV domain labelled CONTEXT (no kernel,
 * no IOMMU) through libxenctrl and makes the FLASK-checked calls of libxl's
 * pci_add_dm_done() (Xen 4.17): for resource lines 0-6 of the device's sysfs
 * "resource" file (the six BARs and the expansion ROM), each non-zero one,
 * xc_domain_ioport_permission() or xc_domain_iomem_permission(); then, for a
 * non-zero "irq", xc_physdev_map_pirq() and xc_domain_irq_permission().
 * Unlike libxl it goes on after a refusal and prints one line per resource:
 *	iomem 0xfebc0-0xfebdf: allowed
 *	ioport 0xc000-0xc03f: refused (Permission denied)
 *	pirq 11: allowed
 * (iomem in page frames, ioport in ports, pirq the IRQ of the "irq" file).
 * The domain is always destroyed; SIGTERM, SIGINT and SIGHUP are held back
 * while it exists.
 * Usage: pt-attach [-q] CONTEXT [SSSS:]BB:DD.F
 * Exit: 0 all allowed, 3 something refused, 1 usage, 2 set-up failure.
 */

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xenctrl.h>

#define PROG "pt-attach"
#define SYSFS_PCI "/sys/bus/pci/devices"
/* libxl's PROC_PCI_NUM_RESOURCES: the six BARs and the expansion ROM. */
#define NUM_RESOURCES 7
/*
 * Linux's IORESOURCE_IO in the flags column of sysfs "resource".  libxl tests
 * bit 0 instead (PCI_BAR_IO), the I/O space bit Linux keeps from the BAR: the
 * two agree for BARs; for the ROM, bit 0 is IORESOURCE_ROM_ENABLE.
 */
#define RES_IO 0x100
#define PAGE_SHIFT 12
#define PAGE_SIZE (1ULL << PAGE_SHIFT)

#define EXIT_ALLOWED 0
#define EXIT_USAGE 1
#define EXIT_SETUP 2
#define EXIT_REFUSED 3

struct resource {
	unsigned long long start, end, flags;
};

struct device {
	char path[64];			/* SYSFS_PCI/SSSS:BB:DD.F */
	struct resource res[NUM_RESOURCES];
	unsigned int irq;		/* 0: none */
};

/* Prints the usage line on stderr; returns EXIT_USAGE. */
static int usage(void)
{
	fprintf(stderr, "%s: usage: %s [-q] CONTEXT SBDF\n", PROG, PROG);
	return EXIT_USAGE;
}

/* Prints "pt-attach: cannot WHAT: strerror(err)"; returns EXIT_SETUP. */
static int setup_failed(const char *what, int err)
{
	fprintf(stderr, "%s: cannot %s: %s\n", PROG, what, strerror(err));
	return EXIT_SETUP;
}

/*
 * Parses SSSS:BB:DD.F or BB:DD.F (hex, segment 0 when omitted) into the
 * device's sysfs path; returns false if @sbdf is malformed or out of range.
 */
static bool parse_sbdf(const char *sbdf, struct device *dev)
{
	unsigned int seg = 0, bus, slot, fn;
	int end = -1;

	if (sscanf(sbdf, "%4x:%2x:%2x.%1x%n", &seg, &bus, &slot, &fn, &end) != 4 ||
	    sbdf[end]) {
		seg = 0;
		end = -1;
		if (sscanf(sbdf, "%2x:%2x.%1x%n", &bus, &slot, &fn, &end) != 3 ||
		    sbdf[end])
			return false;
	}
	/* sscanf's %x takes a sign and a "0x": accept hex digits only. */
	if (strspn(sbdf, "0123456789abcdefABCDEF:.") != strlen(sbdf))
		return false;
	if (slot > 0x1f || fn > 7)
		return false;
	snprintf(dev->path, sizeof(dev->path), SYSFS_PCI "/%04x:%02x:%02x.%x",
		 seg, bus, slot, fn);
	return true;
}

/*
 * Reads resource lines 0-6 and the IRQ of @dev from sysfs, as libxl does
 * (a line that does not parse counts as empty); returns 0 or an errno value
 * with @file set to the file that could not be read.
 */
static int read_device(struct device *dev, char *file, size_t size)
{
	char line[128];
	FILE *f;
	int i;

	snprintf(file, size, "%s/resource", dev->path);
	f = fopen(file, "r");
	if (!f)
		return errno;
	for (i = 0; i < NUM_RESOURCES && fgets(line, sizeof(line), f); i++) {
		struct resource *r = &dev->res[i];

		if (sscanf(line, "0x%llx 0x%llx 0x%llx", &r->start, &r->end,
			   &r->flags) != 3)
			memset(r, 0, sizeof(*r));
	}
	if (ferror(f)) {
		fclose(f);
		return EIO;
	}
	fclose(f);

	snprintf(file, size, "%s/irq", dev->path);
	f = fopen(file, "r");
	if (!f)
		return errno;
	if (fscanf(f, "%u", &dev->irq) != 1)
		dev->irq = 0;
	fclose(f);
	return 0;
}

/*
 * Prints "LABEL: allowed" or "LABEL: refused (strerror(err))" unless @quiet;
 * returns true if allowed (@err == 0).
 */
static bool report(bool quiet, const char *label, int err)
{
	if (!quiet) {
		if (err)
			printf("%s: refused (%s)\n", label, strerror(err));
		else
			printf("%s: allowed\n", label);
	}
	return !err;
}

/*
 * Asks for one resource line what libxl asks: the port range or the page
 * frames it covers; returns true if the hypervisor allowed it.
 */
static bool grant_resource(xc_interface *xch, uint32_t domid,
			   const struct resource *r, bool quiet)
{
	unsigned long long size = r->end - r->start + 1;
	char label[80];
	int err = 0;

	if (r->flags & RES_IO) {
		snprintf(label, sizeof(label), "ioport 0x%llx-0x%llx",
			 r->start, r->end);
		if (xc_domain_ioport_permission(xch, domid, r->start, size, 1))
			err = errno;
	} else {
		snprintf(label, sizeof(label), "iomem 0x%llx-0x%llx",
			 r->start >> PAGE_SHIFT, r->end >> PAGE_SHIFT);
		if (xc_domain_iomem_permission(xch, domid,
					       r->start >> PAGE_SHIFT,
					       (size + PAGE_SIZE - 1) >> PAGE_SHIFT,
					       1))
			err = errno;
	}
	return report(quiet, label, err);
}

/*
 * Maps the device's IRQ into the domain and grants the resulting PIRQ, as
 * libxl does (the PIRQ asked for is the IRQ itself); returns true if both
 * calls succeeded.  The mapping goes away with the domain.
 */
static bool grant_irq(xc_interface *xch, uint32_t domid, unsigned int irq,
		      bool quiet)
{
	int pirq = irq;
	char label[32];
	int err = 0;

	snprintf(label, sizeof(label), "pirq %u", irq);
	if (xc_physdev_map_pirq(xch, domid, irq, &pirq))
		err = errno;
	else if (xc_domain_irq_permission(xch, domid, pirq, 1))
		err = errno;
	return report(quiet, label, err);
}

/*
 * Makes every call of libxl's pci_add_dm_done() for @dev on @domid, going on
 * after refusals; returns EXIT_ALLOWED or EXIT_REFUSED.
 */
static int attach(xc_interface *xch, uint32_t domid, const struct device *dev,
		  bool quiet)
{
	bool all = true;
	int i;

	for (i = 0; i < NUM_RESOURCES; i++)
		if (dev->res[i].start &&
		    !grant_resource(xch, domid, &dev->res[i], quiet))
			all = false;
	if (dev->irq && !grant_irq(xch, domid, dev->irq, quiet))
		all = false;
	return all ? EXIT_ALLOWED : EXIT_REFUSED;
}

/*
 * Creates an empty PV domain labelled @ssidref (never started: no kernel, no
 * vCPU context), makes the calls on it and destroys it, with the termination
 * signals blocked meanwhile so that none can leave the domain behind; returns
 * the exit status.
 */
static int run(xc_interface *xch, uint32_t ssidref, const struct device *dev,
	       bool quiet)
{
	struct xen_domctl_createdomain config = {
		.ssidref = ssidref,
		.flags = 0,			/* PV, no IOMMU */
		.max_vcpus = 1,
		.max_evtchn_port = 63,
		.max_grant_frames = 1,
		.max_maptrack_frames = 1,
		.grant_opts = XEN_DOMCTL_GRANT_version(1),
	};
	uint32_t domid = 0;			/* 0: Xen picks one */
	sigset_t block, old;
	char what[48];
	int status;

	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, &old);

	if (xc_domain_create(xch, &domid, &config)) {
		status = setup_failed("create the domain", errno);
		sigprocmask(SIG_SETMASK, &old, NULL);
		return status;
	}
	status = attach(xch, domid, dev, quiet);
	fflush(stdout);
	if (xc_domain_destroy(xch, domid)) {
		snprintf(what, sizeof(what), "destroy domain %u", domid);
		status = setup_failed(what, errno);
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	return status;
}

int main(int argc, char **argv)
{
	struct device dev = { 0 };
	char file[128];
	xentoollog_logger *log;
	xc_interface *xch;
	bool quiet = false;
	uint32_t sid;
	int opt, err, status;

	opterr = 0;
	while ((opt = getopt(argc, argv, "q")) != -1) {
		if (opt != 'q')
			return usage();
		quiet = true;
	}
	if (argc - optind != 2 || !*argv[optind] ||
	    !parse_sbdf(argv[optind + 1], &dev))
		return usage();

	err = read_device(&dev, file, sizeof(file));
	if (err) {
		char what[160];

		snprintf(what, sizeof(what), "read %s", file);
		return setup_failed(what, err);
	}

	log = (xentoollog_logger *)
		xtl_createlogger_stdiostream(stderr, XTL_CRITICAL, 0);
	xch = xc_interface_open(log, log, 0);
	if (!xch) {
		err = errno;
		if (log)
			xtl_logger_destroy(log);
		return setup_failed("open libxenctrl", err);
	}
	if (xc_flask_context_to_sid(xch, argv[optind], strlen(argv[optind]),
				    &sid)) {
		char what[160];

		err = errno;
		snprintf(what, sizeof(what), "resolve context '%s'",
			 argv[optind]);
		status = setup_failed(what, err);
	} else {
		status = run(xch, sid, &dev, quiet);
	}
	xc_interface_close(xch);
	if (log)
		xtl_logger_destroy(log);
	return status;
}
