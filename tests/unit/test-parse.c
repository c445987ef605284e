// SPDX-License-Identifier: GPL-2.0-or-later
/* test-parse.c - unit tests of the pure command-line parsers. */

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "parse.h"

static void bool_values_true(void **state)
{
	static const char *const words[] = {
		"1", "on", "ON", "true", "True", "yes", "YES", "y", "Y",
		"enabled", "Enabled"
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		assert_int_equal(parse_bool_value(words[i]), 1);
}

static void bool_values_false(void **state)
{
	static const char *const words[] = {
		"0", "off", "OFF", "false", "FALSE", "no", "No", "n", "N",
		"disabled", "DISABLED"
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		assert_int_equal(parse_bool_value(words[i]), 0);
}

static void bool_values_rejected(void **state)
{
	/* Xen's tool reads only the first character: "10" and "1abc" mean 1. */
	static const char *const words[] = {
		"", "10", "1abc", "01", "2", "-1", " 1", "1 ", "tru", "truee",
		"enable", "o", "yes please", "0x1"
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		assert_int_equal(parse_bool_value(words[i]), -EINVAL);
}

static void enforce_modes(void **state)
{
	(void)state;
	assert_int_equal(parse_enforce_mode("1"), 1);
	assert_int_equal(parse_enforce_mode("Enforcing"), 1);
	assert_int_equal(parse_enforce_mode("ENFORCING"), 1);
	assert_int_equal(parse_enforce_mode("0"), 0);
	assert_int_equal(parse_enforce_mode("permissive"), 0);
	assert_int_equal(parse_enforce_mode("Permissive"), 0);
	assert_int_equal(parse_enforce_mode(""), -EINVAL);
	assert_int_equal(parse_enforce_mode("2"), -EINVAL);
	assert_int_equal(parse_enforce_mode("on"), -EINVAL);
	assert_int_equal(parse_enforce_mode("disabled"), -EINVAL);
	assert_int_equal(parse_enforce_mode("enforce"), -EINVAL);
	assert_int_equal(parse_enforce_mode("10"), -EINVAL);
}

static void assignments(void **state)
{
	char a[] = "prot_doms_locked=1", b[] = "x==on", c[] = "y=";
	char *value;

	(void)state;
	assert_int_equal(parse_assignment(a, &value), 0);
	assert_string_equal(a, "prot_doms_locked");
	assert_string_equal(value, "1");
	/* Only the first '=' splits. */
	assert_int_equal(parse_assignment(b, &value), 0);
	assert_string_equal(b, "x");
	assert_string_equal(value, "=on");
	/* An empty value is split here and rejected by parse_bool_value. */
	assert_int_equal(parse_assignment(c, &value), 0);
	assert_string_equal(value, "");
}

static void assignments_rejected(void **state)
{
	char a[] = "prot_doms_locked", b[] = "=1", c[] = "";
	char *value = NULL;

	(void)state;
	assert_int_equal(parse_assignment(a, &value), -EINVAL);
	assert_string_equal(a, "prot_doms_locked");
	assert_int_equal(parse_assignment(b, &value), -EINVAL);
	assert_string_equal(b, "=1");
	assert_int_equal(parse_assignment(c, &value), -EINVAL);
	assert_null(value);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bool_values_true),
		cmocka_unit_test(bool_values_false),
		cmocka_unit_test(bool_values_rejected),
		cmocka_unit_test(enforce_modes),
		cmocka_unit_test(assignments),
		cmocka_unit_test(assignments_rejected),
	};

	return cmocka_run_group_tests_name("parse", tests, NULL, NULL);
}
