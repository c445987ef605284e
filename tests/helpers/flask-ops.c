// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * flask-ops.c - drives the FLASK operations of common/flask.c that no tool
 * uses yet, so that the cases show them on the real hypervisor.
 * Usage: flask-ops sid CONTEXT           - prints SID -> context of CONTEXT
 *        flask-ops access SCON TCON CLASS PERMS - prints the allowed vector
 *        flask-ops threshold N           - sets the AVC threshold, prints it
 * Prints "error: strerror" and exits 2 when an operation fails.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flask.h"

static int fail(int rc)
{
	printf("error: %s\n", strerror(-rc));
	return 2;
}

int main(int argc, char **argv)
{
	char ctx[4096];
	uint32_t ssid, tsid, allowed;
	struct flask *f;
	int rc;

	if (argc < 3 || flask_open(&f) < 0)
		return 1;
	if (!strcmp(argv[1], "sid")) {
		rc = flask_context_to_sid(f, argv[2], &ssid);
		if (rc == 0)
			rc = flask_sid_to_context(f, ssid, ctx, sizeof(ctx));
		if (rc < 0)
			return fail(rc);
		puts(ctx);
	} else if (!strcmp(argv[1], "access") && argc == 6) {
		rc = flask_context_to_sid(f, argv[2], &ssid);
		if (rc == 0)
			rc = flask_context_to_sid(f, argv[3], &tsid);
		if (rc == 0)
			rc = flask_access(f, ssid, tsid, strtoul(argv[4], NULL, 0),
					  strtoul(argv[5], NULL, 0), &allowed);
		if (rc < 0)
			return fail(rc);
		printf("0x%x\n", allowed);
	} else if (!strcmp(argv[1], "threshold")) {
		rc = flask_set_avc_threshold(f, strtoul(argv[2], NULL, 0));
		if (rc == 0)
			rc = flask_get_avc_threshold(f);
		if (rc < 0)
			return fail(rc);
		printf("%d\n", rc);
	} else {
		return 1;
	}
	flask_close(f);
	return 0;
}
