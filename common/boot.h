/* SPDX-License-Identifier: GPL-2.0-or-later */
/* boot.h - which policy file the boot loader gives Xen, found as it finds it. */
#ifndef FLASK_UTILS_BOOT_H
#define FLASK_UTILS_BOOT_H

#include <stddef.h>

/* Where an administrator names the boot policy: BOOT_POLICY=FILE. */
#define BOOT_CONFIG "/etc/default/flask-utils"
#define BOOT_CONFIG_MAX (64UL << 10)
#define BOOT_DIR "/boot"
#define BOOT_MAX_OTHERS 4

struct boot_policy {
	char path[4096];	/* the file */
	const char *why;	/* how it was chosen, for messages */
	char others[BOOT_MAX_OTHERS][4096];	/* other candidates that exist */
	size_t nothers;
};

/*
 * Finds the policy file a host running Xen version (e.g. "4.17.5") boots
 * with, first found first:
 * 1. BOOT_POLICY=FILE in the shell-style file config (NULL: none), when
 *    set: that file and no other;
 * 2. as Debian's GRUB (/etc/grub.d/20_linux_xen) does: for each hypervisor
 *    bootdir/xen-V or xen-V.gz (not xen-syms-*, *.config, backups) whose V
 *    is this version ("4.17.5", "4.17", "4.17-amd64"...), the module
 *    bootdir/xenpolicy-V, newest V first;
 * 3. Xen's own names: bootdir/xenpolicy-VERSION, bootdir/xenpolicy-X.Y.
 * Returns 0 with the file in b->path and the other candidates that exist
 * in b->others; -ENOENT when there is none (b->path: BOOT_POLICY's file
 * when it was set); -EINVAL when config has a BOOT_POLICY line that is not
 * FILE or "FILE"; -errno when config cannot be read.
 */
int boot_policy_find(const char *config, const char *bootdir,
		     const char *version, struct boot_policy *b);

#endif
