// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test-xenstore.c - unit tests of the xenstore reader against a stand-in
 * xenstored on a Unix socket (XENSTORED_PATH): libxl's layout of a PCI
 * backend, the errors xenstored sends, and answers no xenstored sends.
 * The real xenstored answers in tests/cases/passthrough/xl-attach-detach.
 */

#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "xenstore.h"

struct msg {
	uint32_t type, req_id, tx_id, len;
};

/* What the stand-in answers to (type, path): a reply, or a misbehaviour. */
enum quirk { Q_NONE, Q_BAD_ID, Q_TOO_LONG, Q_HANGUP, Q_OTHER_TYPE };
struct answer {
	uint32_t type;		/* 1 directory, 2 read */
	const char *path;
	uint32_t rtype;		/* 16: error */
	const char *reply;	/* len given by rlen when not 0 */
	size_t rlen;
	enum quirk quirk;
};

static const struct answer *answers;
static char sock_dir[] = "/tmp/test-xenstore.XXXXXX";
static char sock_path[sizeof(sock_dir) + 16];
static pid_t server;

static int io(int fd, void *buf, size_t len, int out)
{
	char *p = buf;
	ssize_t n;

	while (len) {
		n = out ? write(fd, p, len) : read(fd, p, len);
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* The stand-in: one connection, answered from the table. */
static void serve(int lfd)
{
	char path[4097];
	struct msg m, r;
	const struct answer *a;
	int fd = accept(lfd, NULL, NULL);

	while (fd >= 0 && io(fd, &m, sizeof(m), 0) == 0 && m.len < sizeof(path) &&
	       io(fd, path, m.len, 0) == 0) {
		path[m.len] = '\0';
		for (a = answers; a->path; a++)
			if (a->type == m.type && !strcmp(a->path, path))
				break;
		r = (struct msg){ .type = m.type, .req_id = m.req_id };
		if (!a->path) {
			r.type = 16;
			r.len = sizeof("ENOENT");
			io(fd, &r, sizeof(r), 1);
			io(fd, "ENOENT", r.len, 1);
			continue;
		}
		r.type = a->rtype ? a->rtype : m.type;
		r.len = (uint32_t)(a->rlen ? a->rlen : strlen(a->reply));
		if (a->quirk == Q_BAD_ID)
			r.req_id++;
		if (a->quirk == Q_TOO_LONG)
			r.len = 5000;
		if (a->quirk == Q_OTHER_TYPE)
			r.type = 4;
		io(fd, &r, sizeof(r), 1);
		if (a->quirk == Q_HANGUP)
			break;
		io(fd, (void *)a->reply, a->rlen ? a->rlen : strlen(a->reply), 1);
	}
	_exit(0);
}

/* Starts the stand-in with table t; XENSTORED_PATH names its socket. */
static void start(const struct answer *t)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int lfd;

	answers = t;
	strcpy(sa.sun_path, sock_path);
	unlink(sock_path);
	lfd = socket(AF_UNIX, SOCK_STREAM, 0);
	assert_true(lfd >= 0);
	assert_int_equal(bind(lfd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(listen(lfd, 1), 0);
	server = fork();
	assert_true(server >= 0);
	if (server == 0)
		serve(lfd);
	close(lfd);
	setenv("XENSTORED_PATH", sock_path, 1);
}

static void stop(void)
{
	int st;

	waitpid(server, &st, 0);
	unlink(sock_path);
}

#define B "/local/domain/0/backend/pci"

/* libxl's layout: domain 5 holds 0000:00:03.0 (its second entry; the first
   is being detached), domain 2 another device. */
static const struct answer layout[] = {
	{ 1, B, 0, "2\0" "5\0" "junk\0", 9, Q_NONE },
	{ 2, B "/2/0/num_devs", 0, "1", 0, Q_NONE },
	{ 2, B "/2/0/dev-0", 0, "0000:00:07.0", 0, Q_NONE },
	{ 2, B "/5/0/num_devs", 0, "2", 0, Q_NONE },
	{ 2, B "/5/0/dev-0", 0, "0000:00:03.0", 0, Q_NONE },
	{ 2, B "/5/0/state-0", 0, "5", 0, Q_NONE },
	{ 2, B "/5/0/dev-1", 0, "0000:00:03.0", 0, Q_NONE },
	{ 2, B "/5/0/state-1", 0, "4", 0, Q_NONE },
	{ 2, "/local/domain/5/name", 0, "web", 0, Q_NONE },
	{ 0, NULL, 0, NULL, 0, Q_NONE },
};

static void holder_found(void **state)
{
	struct pci_addr a = { 0, 0, 3, 0 }, b = { 0, 0, 7, 0 }, c = { 0, 3, 2, 0 };
	struct xenstore *x;
	unsigned int domid = 0;
	char name[64];

	(void)state;
	start(layout);
	assert_int_equal(xenstore_open(&x), 0);
	assert_int_equal(xenstore_pci_holder(x, &a, &domid, name, sizeof(name)), 1);
	assert_int_equal(domid, 5);
	assert_string_equal(name, "web");
	/* domain 2 has no name in xenstore: "" */
	assert_int_equal(xenstore_pci_holder(x, &b, &domid, name, sizeof(name)), 1);
	assert_int_equal(domid, 2);
	assert_string_equal(name, "");
	assert_int_equal(xenstore_pci_holder(x, &c, &domid, name, sizeof(name)), 0);
	xenstore_close(x);
	stop();
}

/* No guest was ever given a device: no backend directory. */
static void holder_none(void **state)
{
	static const struct answer empty[] = { { 0, NULL, 0, NULL, 0, Q_NONE } };
	struct pci_addr a = { 0, 0, 3, 0 };
	struct xenstore *x;
	unsigned int domid;
	char name[64];

	(void)state;
	start(empty);
	assert_int_equal(xenstore_open(&x), 0);
	assert_int_equal(xenstore_pci_holder(x, &a, &domid, name, sizeof(name)), 0);
	xenstore_close(x);
	stop();
}

/* Each answer no xenstored gives is refused, and nothing is read past it. */
static void hostile(void **state)
{
	static const struct {
		struct answer a;
		int rc;
	} cases[] = {
		{ { 2, "/p", 0, "v", 0, Q_BAD_ID }, -EPROTO },
		{ { 2, "/p", 0, "v", 0, Q_TOO_LONG }, -EPROTO },
		{ { 2, "/p", 0, "v", 0, Q_OTHER_TYPE }, -EPROTO },
		{ { 2, "/p", 0, "v", 0, Q_HANGUP }, -EIO },
		{ { 2, "/p", 0, "a\0b", 3, Q_NONE }, -EPROTO },
		{ { 2, "/p", 16, "EACCES", 7, Q_NONE }, -EACCES },
		{ { 2, "/p", 16, "EWHAT", 6, Q_NONE }, -EIO },
		{ { 2, "/p", 0, "0123456789abcdef", 0, Q_NONE }, -ERANGE },
		{ { 1, "/p", 0, "a\0b", 3, Q_NONE }, -EPROTO },
	};
	struct answer t[2] = { { 0 }, { 0 } };
	struct xenstore *x;
	char buf[8];
	size_t i;
	int rc;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		t[0] = cases[i].a;
		start(t);
		assert_int_equal(xenstore_open(&x), 0);
		rc = t[0].type == 1 ? xenstore_directory(x, "/p", buf, sizeof(buf))
				    : xenstore_read(x, "/p", buf, sizeof(buf));
		if (rc != cases[i].rc)
			fail_msg("case %zu: %d, expected %d", i, rc, cases[i].rc);
		xenstore_close(x);
		stop();
	}
}

/* A backend that lists a bad count or device is not guessed at. */
static void hostile_layout(void **state)
{
	static const struct answer bad_count[] = {
		{ 1, B, 0, "2", 2, Q_NONE },
		{ 2, B "/2/0/num_devs", 0, "-1", 0, Q_NONE },
		{ 0, NULL, 0, NULL, 0, Q_NONE },
	};
	static const struct answer bad_dev[] = {
		{ 1, B, 0, "2", 2, Q_NONE },
		{ 2, B "/2/0/num_devs", 0, "1", 0, Q_NONE },
		{ 2, B "/2/0/dev-0", 0, "0000:00:03.0x", 0, Q_NONE },
		{ 0, NULL, 0, NULL, 0, Q_NONE },
	};
	struct pci_addr a = { 0, 0, 3, 0 };
	struct xenstore *x;
	unsigned int domid;
	char name[64];

	(void)state;
	start(bad_count);
	assert_int_equal(xenstore_open(&x), 0);
	assert_int_equal(xenstore_pci_holder(x, &a, &domid, name, sizeof(name)), -EPROTO);
	xenstore_close(x);
	stop();
	start(bad_dev);
	assert_int_equal(xenstore_open(&x), 0);
	assert_int_equal(xenstore_pci_holder(x, &a, &domid, name, sizeof(name)), 0);
	xenstore_close(x);
	stop();
}

/* No xenstored: no socket, or a socket file nobody listens on. */
static void no_xenstored(void **state)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct xenstore *x;
	int fd;

	(void)state;
	setenv("XENSTORED_PATH", sock_path, 1);
	unlink(sock_path);
	assert_int_equal(xenstore_open(&x), -ENOENT);
	strcpy(sa.sun_path, sock_path);
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	close(fd);
	assert_int_equal(xenstore_open(&x), -ENOENT);
	unlink(sock_path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(holder_found),
		cmocka_unit_test(holder_none),
		cmocka_unit_test(hostile),
		cmocka_unit_test(hostile_layout),
		cmocka_unit_test(no_xenstored),
	};
	int rc;

	signal(SIGPIPE, SIG_IGN);
	if (!mkdtemp(sock_dir))
		return 1;
	snprintf(sock_path, sizeof(sock_path), "%s/socket", sock_dir);
	rc = cmocka_run_group_tests_name("xenstore", tests, NULL, NULL);
	rmdir(sock_dir);
	return rc;
}
