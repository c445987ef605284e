// SPDX-License-Identifier: GPL-2.0-or-later
/* test-cli.c - unit tests of the message, hint and caller formats. */

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "audit.h"
#include "cli.h"

static void error_line_with_hint(void **state)
{
	char buf[512];

	(void)state;
	cli_format_error(buf, sizeof(buf), "flask-set-bool",
			 "cannot set boolean 'prot_doms_locked'", EACCES,
			 cli_hint_op(EACCES));
	assert_string_equal(buf, "flask-set-bool: cannot set boolean "
			    "'prot_doms_locked': Permission denied (denied by "
			    "the XSM policy: see 'xl dmesg' for the AVC "
			    "record)");
}

static void error_line_without_hint(void **state)
{
	char buf[512];

	(void)state;
	cli_format_error(buf, sizeof(buf), "flask-get-bool",
			 "cannot read boolean 'x'", EINVAL, NULL);
	assert_string_equal(buf, "flask-get-bool: cannot read boolean 'x': "
			    "Invalid argument");
}

static void error_line_truncated(void **state)
{
	char buf[16];

	(void)state;
	cli_format_error(buf, sizeof(buf), "flask-get-bool", "what", ENOENT,
			 NULL);
	assert_int_equal(strlen(buf), sizeof(buf) - 1);
	assert_memory_equal(buf, "flask-get-bool:", 15);
}

static void hints_for_open(void **state)
{
	(void)state;
	/* Not dom0, or xen-privcmd not loaded: the device is missing. */
	assert_non_null(strstr(cli_hint_open(ENOENT), "/dev/xen/privcmd"));
	assert_non_null(strstr(cli_hint_open(ENOENT), "not dom0"));
	assert_non_null(strstr(cli_hint_open(EACCES), "root"));
	assert_null(cli_hint_open(EINVAL));
	/* The FLASK hints are not open hints. */
	assert_null(cli_hint_open(ENOSYS));
}

static void hints_for_operations(void **state)
{
	(void)state;
	assert_non_null(strstr(cli_hint_op(ENOSYS), "flask=disabled"));
	assert_non_null(strstr(cli_hint_op(EACCES), "xl dmesg"));
	/* The hypervisor never says EPERM for a policy denial. */
	assert_null(cli_hint_op(EPERM));
	assert_null(cli_hint_op(ENOENT));
	assert_null(cli_hint_op(EINVAL));
}

static void exit_codes(void **state)
{
	(void)state;
	/* Part of the interface, written in every man page. */
	assert_int_equal(EXIT_OK, 0);
	assert_int_equal(EXIT_USAGE, 1);
	assert_int_equal(EXIT_FLASK, 2);
}

static void caller_plain(void **state)
{
	char buf[128];

	(void)state;
	/* uid 0 is root on any Debian machine. */
	assert_int_equal(audit_caller(buf, sizeof(buf), 0, (uid_t)-1, NULL),
			 strlen("uid=0(root)"));
	assert_string_equal(buf, "uid=0(root)");
	/* A login uid equal to the uid adds nothing. */
	audit_caller(buf, sizeof(buf), 0, 0, NULL);
	assert_string_equal(buf, "uid=0(root)");
}

static void caller_login_and_sudo(void **state)
{
	char buf[128];

	(void)state;
	/* 4000000 has no passwd entry: the number alone. */
	audit_caller(buf, sizeof(buf), 0, 4000000, "alice");
	assert_string_equal(buf, "uid=0(root) auid=4000000 sudo_user=alice");
}

static void caller_truncated(void **state)
{
	char buf[8];

	(void)state;
	assert_int_equal(audit_caller(buf, sizeof(buf), 0, 4000000, "alice"),
			 sizeof(buf) - 1);
	assert_string_equal(buf, "uid=0(r");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(error_line_with_hint),
		cmocka_unit_test(error_line_without_hint),
		cmocka_unit_test(error_line_truncated),
		cmocka_unit_test(hints_for_open),
		cmocka_unit_test(hints_for_operations),
		cmocka_unit_test(exit_codes),
		cmocka_unit_test(caller_plain),
		cmocka_unit_test(caller_login_and_sudo),
		cmocka_unit_test(caller_truncated),
	};

	return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}
