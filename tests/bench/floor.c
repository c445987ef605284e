// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * floor.c - the floor of the start-up benchmark: the least a FLASK call can
 * cost in dom0.  Opens the hypervisor interface, one GETENFORCE, prints the
 * mode; through common/flask.c and libxencall like the tools, but linked
 * statically (no dynamic loader, no shared library to map).
 */

#include <stdio.h>

#include "flask.h"

int main(void)
{
	struct flask *f;
	int mode;

	if (flask_open(&f) < 0)
		return 1;
	mode = flask_getenforce(f);
	flask_close(f);
	if (mode < 0)
		return 2;
	puts(mode ? "Enforcing" : "Permissive");
	return 0;
}
