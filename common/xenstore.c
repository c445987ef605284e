// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * xenstore.c - which guest holds a PCI device, as the toolstack recorded
 * it: a reader of xenstored's wire protocol (xen/include/public/io/
 * xs_wire.h), the two requests it needs, over xenstored's socket.  No
 * libxenstore: the tools load only what they use, and this is asked only
 * by flask-label-pci's --list, -d and relabelling.
 */

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include "xenstore.h"

/* xs_wire.h's message header and the message types used. */
struct xs_msg {
	uint32_t type, req_id, tx_id, len;
};

enum { XS_DIRECTORY = 1, XS_READ = 2, XS_ERROR = 16 };

/* The largest payload xenstored sends (XENSTORE_PAYLOAD_MAX). */
#define PAYLOAD_MAX 4096

struct xenstore {
	int fd;
	uint32_t req_id;
	char reply[PAYLOAD_MAX + 1];
};

int xenstore_open(struct xenstore **xp)
{
	/* a xenstored that stopped answering is not waited for forever */
	const struct timeval limit = { .tv_sec = XENSTORE_WAIT };
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	const char *path = getenv("XENSTORED_PATH");
	struct xenstore *x;
	int err;

	if (!path || !*path)
		path = XENSTORE_SOCKET;
	if (strlen(path) >= sizeof(sa.sun_path))
		return -ENAMETOOLONG;
	strcpy(sa.sun_path, path);
	x = calloc(1, sizeof(*x));
	if (!x)
		return -ENOMEM;
	x->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (x->fd < 0 ||
	    setsockopt(x->fd, SOL_SOCKET, SO_RCVTIMEO, &limit,
		       sizeof(limit)) < 0 ||
	    setsockopt(x->fd, SOL_SOCKET, SO_SNDTIMEO, &limit,
		       sizeof(limit)) < 0 ||
	    connect(x->fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		err = errno;
		if (x->fd >= 0)
			close(x->fd);
		free(x);
		/* a socket file nobody listens on: no xenstored either */
		return err == ECONNREFUSED ? -ENOENT : -err;
	}
	*xp = x;
	return 0;
}

void xenstore_close(struct xenstore *x)
{
	if (!x)
		return;
	close(x->fd);
	free(x);
}

/*
 * Writes or reads exactly len bytes.  Returns 0, -ETIMEDOUT (xenstored
 * did not answer within XENSTORE_WAIT s) or -EIO.
 */
static int io_all(int fd, void *buf, size_t len, int out)
{
	char *p = buf;
	ssize_t n;

	while (len) {
		n = out ? write(fd, p, len) : read(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return -ETIMEDOUT;
		if (n <= 0)
			return -EIO;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Maps xenstored's error names (xsd_errors) to errno values. */
static int xs_errno(const char *name)
{
	static const struct {
		const char *name;
		int err;
	} errs[] = {
		{ "ENOENT", ENOENT }, { "EACCES", EACCES }, { "EINVAL", EINVAL },
		{ "EPERM", EPERM }, { "E2BIG", E2BIG }, { "ENOMEM", ENOMEM },
		{ "EBUSY", EBUSY }, { "EAGAIN", EAGAIN }, { "ENOSPC", ENOSPC },
		{ "EQUOTA", EDQUOT }, { "ENOSYS", ENOSYS }, { "EROFS", EROFS },
	};
	size_t i;

	for (i = 0; i < sizeof(errs) / sizeof(errs[0]); i++)
		if (!strcmp(name, errs[i].name))
			return errs[i].err;
	return EIO;
}

/*
 * Sends request type with path and reads the answer into x->reply
 * (NUL-terminated after its len bytes).  Returns the answer's length or
 * -errno.
 */
static int request(struct xenstore *x, uint32_t type, const char *path)
{
	struct xs_msg m = { .type = type, .req_id = ++x->req_id };
	size_t plen = strlen(path) + 1;
	int rc;

	if (plen > PAYLOAD_MAX)
		return -ENAMETOOLONG;
	m.len = (uint32_t)plen;
	if ((rc = io_all(x->fd, &m, sizeof(m), 1)) ||
	    (rc = io_all(x->fd, (void *)path, plen, 1)) ||
	    (rc = io_all(x->fd, &m, sizeof(m), 0)))
		return rc;
	/* no watch is set, so nothing else comes; refuse anything odd */
	if (m.len > PAYLOAD_MAX || m.req_id != x->req_id ||
	    (m.type != type && m.type != XS_ERROR))
		return -EPROTO;
	if ((rc = io_all(x->fd, x->reply, m.len, 0)))
		return rc;
	x->reply[m.len] = '\0';
	if (m.type == XS_ERROR)
		return -xs_errno(x->reply);
	return (int)m.len;
}

int xenstore_read(struct xenstore *x, const char *path, char *buf,
		  size_t size)
{
	int len = request(x, XS_READ, path);

	if (len < 0)
		return len;
	/* a value is bytes: one holding a NUL is not one we can use */
	if (memchr(x->reply, '\0', (size_t)len))
		return -EPROTO;
	if ((size_t)len >= size)
		return -ERANGE;
	memcpy(buf, x->reply, (size_t)len + 1);
	return len;
}

int xenstore_directory(struct xenstore *x, const char *path, char *buf,
		       size_t size)
{
	int len = request(x, XS_DIRECTORY, path);

	if (len < 0)
		return len;
	/* names each end in a NUL; an empty directory is empty */
	if (len && x->reply[len - 1] != '\0')
		return -EPROTO;
	if ((size_t)len > size)
		return -ERANGE;
	memcpy(buf, x->reply, (size_t)len);
	return len;
}

/* Parses a decimal number of at most max into *v. Returns 0 or -EPROTO. */
static int number(const char *s, unsigned long max, unsigned long *v)
{
	char *end;

	if (*s < '0' || *s > '9')
		return -EPROTO;
	errno = 0;
	*v = strtoul(s, &end, 10);
	return errno || *end || *v > max ? -EPROTO : 0;
}

#define BACKEND "/local/domain/0/backend/pci"

int xenstore_pci_holder(struct xenstore *x, const struct pci_addr *a,
			unsigned int *domid, char *name, size_t size)
{
	char doms[PAYLOAD_MAX], path[128], val[64];
	unsigned long id, ndevs, i, state;
	struct pci_addr got;
	const char *d;
	int len, rc;

	len = xenstore_directory(x, BACKEND, doms, sizeof(doms));
	if (len == -ENOENT)
		return 0;	/* no guest was ever given a device */
	if (len < 0)
		return len;
	for (d = doms; d < doms + len; d += strlen(d) + 1) {
		if (number(d, 0x7fef, &id) < 0)
			continue;	/* not a domain id: not libxl's */
		snprintf(path, sizeof(path), BACKEND "/%lu/0/num_devs", id);
		rc = xenstore_read(x, path, val, sizeof(val));
		if (rc == -ENOENT)
			continue;
		if (rc < 0 || (rc = number(val, 256, &ndevs)) < 0)
			return rc;
		for (i = 0; i < ndevs; i++) {
			snprintf(path, sizeof(path), BACKEND "/%lu/0/dev-%lu",
				 id, i);
			rc = xenstore_read(x, path, val, sizeof(val));
			if (rc == -ENOENT)
				continue;
			if (rc < 0)
				return rc;
			if (pci_parse_addr(val, &got) < 0 ||
			    got.seg != a->seg || got.bus != a->bus ||
			    got.dev != a->dev || got.fn != a->fn)
				continue;
			/* XenbusStateClosing (5), Closed (6): going away */
			snprintf(path, sizeof(path),
				 BACKEND "/%lu/0/state-%lu", id, i);
			if (xenstore_read(x, path, val, sizeof(val)) >= 0 &&
			    number(val, 100, &state) == 0 &&
			    (state == 5 || state == 6))
				continue;
			*domid = (unsigned int)id;
			snprintf(path, sizeof(path), "/local/domain/%lu/name",
				 id);
			if (xenstore_read(x, path, name, size) < 0 && size)
				name[0] = '\0';
			return 1;
		}
	}
	return 0;
}
