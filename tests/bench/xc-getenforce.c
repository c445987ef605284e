// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * xc-getenforce.c - the minimal libxenctrl program the start-up benchmark
 * compares against: open libxenctrl quietly, one GETENFORCE, print, close.
 */

#include <stdio.h>
#include <xenctrl.h>

int main(void)
{
	xentoollog_logger *log = (xentoollog_logger *)
		xtl_createlogger_stdiostream(stderr, XTL_CRITICAL, 0);
	xc_interface *xch = xc_interface_open(log, log, 0);
	int mode;

	if (!xch)
		return 1;
	mode = xc_flask_getenforce(xch);
	xc_interface_close(xch);
	xtl_logger_destroy(log);
	if (mode < 0)
		return 2;
	puts(mode ? "Enforcing" : "Permissive");
	return 0;
}
