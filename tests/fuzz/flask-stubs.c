// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * flask-stubs.c - the hypervisor operations label.c refers to, for the
 * fuzzers that link label.c without flask.c (and so without libxencall):
 * a parser never calls them, and one that did would be a bug.
 */

#include "flask.h"

int flask_context_to_sid(struct flask *f, const char *context, uint32_t *sid)
{
	(void)f, (void)context, (void)sid;
	__builtin_trap();
}

int flask_access(struct flask *f, uint32_t ssid, uint32_t tsid,
		 uint32_t tclass, uint32_t req, uint32_t *allowed)
{
	(void)f, (void)ssid, (void)tsid, (void)tclass, (void)req, (void)allowed;
	__builtin_trap();
}

int flask_add_label(struct flask *f, enum flask_ocon ocon, uint64_t low,
		    uint64_t high, uint32_t sid)
{
	(void)f, (void)ocon, (void)low, (void)high, (void)sid;
	__builtin_trap();
}

int flask_del_label(struct flask *f, enum flask_ocon ocon, uint64_t low,
		    uint64_t high)
{
	(void)f, (void)ocon, (void)low, (void)high;
	__builtin_trap();
}

int flask_getenforce(struct flask *f)
{
	(void)f;
	__builtin_trap();
}

int flask_labels_undoable(struct flask *f)
{
	(void)f;
	__builtin_trap();
}
