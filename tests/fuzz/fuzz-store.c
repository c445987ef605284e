// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz-store.c - store_parse(), on the text of a label store: what it
 * accepts is whole device groups, and saved with store_save() then loaded
 * again it gives the same labels, flags and IRQ contexts.
 */

#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "fuzz.h"
#include "store.h"

static char dir[48], path[64];

static void remove_store(void)
{
	unlink(path);
	rmdir(dir);
}

/*
 * The store file of this process, in a folder of its own made at the first
 * call (on tmpfs when there is one: store_save() fsyncs) and removed at
 * exit.
 */
static const char *store_path(void)
{
	if (!path[0]) {
		snprintf(dir, sizeof(dir), "%s/fuzz-store.XXXXXX",
			 access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
		if (!mkdtemp(dir))
			return NULL;
		snprintf(path, sizeof(path), "%s/store", dir);
		atexit(remove_store);
	}
	return path;
}

static int same_string(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static void round_trip(const struct store *s)
{
	const char *path = store_path();
	struct store t;
	int bad = 0, rc;
	size_t i;

	if (!path)
		return;
	rc = store_save(path, s->labels, s->n);
	if (rc == -ENOMEM || rc == -ENOSPC)
		return;
	CHECK(rc == 0);
	rc = store_load(path, &t, &bad);
	CHECK(rc == 0 && t.n == s->n);
	CHECK(label_same(s->labels, s->n, t.labels, t.n));
	for (i = 0; i < s->n; i++) {
		CHECK(!strcmp(s->labels[i].dev, t.labels[i].dev));
		CHECK(s->labels[i].flags == t.labels[i].flags);
		CHECK(same_string(s->labels[i].irq_context,
				  t.labels[i].irq_context));
	}
	store_free(&t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_strndup(data, size);
	struct store s;
	int bad = 0, rc;
	size_t i, n;

	if (!text)
		return 0;
	rc = store_parse(text, size, &s, &bad);	/* text is the store's now */
	CHECK(rc == 0 || rc == -EINVAL || rc == -ENOMEM);
	if (rc == -EINVAL)
		CHECK(bad >= 1 && (size_t)bad <= size + 1);
	if (rc < 0) {
		CHECK(!s.labels && !s.text && !s.n);
		return 0;
	}
	/* whole groups, each found again by its device */
	for (i = 0; i < s.n; i += n) {
		n = store_group(&s, i);
		CHECK(n >= 1 && s.labels[i].kind == FLASK_OCON_DEVICE);
		CHECK(store_find(&s, s.labels[i].dev, &n) == &s.labels[i]);
	}
	round_trip(&s);
	store_free(&s);
	return 0;
}
