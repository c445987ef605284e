// SPDX-License-Identifier: GPL-2.0-or-later
/* test-name.c - unit tests of the boolean name check and escape. */

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "flask.h"
#include "name.h"

/* A name of n bytes, all c (to free). */
static char *filled(size_t n, char c)
{
	char *name = malloc(n + 1);

	assert_non_null(name);
	memset(name, c, n);
	name[n] = '\0';
	return name;
}

/* What the policies in use call their booleans, and other bytes FLASK takes. */
static void check_accepts(void **state)
{
	static const char *const good[] = {
		"prot_doms_locked", "guest_writeconsole", "a", "B",
		"secure_mode_policyload", "a.b-c_d:e", "x=y", "#", "'\"",
		"a\\b", "caf\xc3\xa9", "\x80", "\xff\xfe", "~!@$%^&*()",
	};
	size_t i, bad;
	char *name;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		bad = 12345;
		assert_int_equal(name_check(good[i], &bad), 0);
		assert_int_equal(bad, 12345);
		assert_int_equal(name_check(good[i], NULL), 0);
	}
	/* the longest the hypervisor copies in */
	assert_int_equal(FLASK_STRING_MAX, 4095);
	name = filled(FLASK_STRING_MAX, 'b');
	assert_int_equal(name_check(name, NULL), 0);
	free(name);
}

/* Control characters and blanks anywhere, and the empty name. */
static void check_refuses(void **state)
{
	static const struct {
		const char *name;
		size_t bad;
	} cases[] = {
		{ "", 0 },
		{ "b\n1", 1 },
		{ "\nb", 0 },
		{ "b\n", 1 },
		{ "prot doms", 4 },
		{ " a", 0 },
		{ "a ", 1 },
		{ "a\tb", 1 },
		{ "a\rb", 1 },
		{ "a\vb", 1 },
		{ "a\fb", 1 },
		{ "a\x1b[31mred", 1 },
		{ "\x01", 0 },
		{ "\x1f", 0 },
		{ "del\x7f", 3 },
		{ "ok_\x7f\x01", 3 },
	};
	size_t i, bad;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bad = 12345;
		assert_int_equal(name_check(cases[i].name, &bad), -EINVAL);
		assert_int_equal(bad, cases[i].bad);
		assert_int_equal(name_check(cases[i].name, NULL), -EINVAL);
	}
}

/* One byte more than FLASK takes, or many more: too long. */
static void check_length(void **state)
{
	char *name = filled(FLASK_STRING_MAX + 1, 'b');

	(void)state;
	assert_int_equal(name_check(name, NULL), -ENAMETOOLONG);
	free(name);
	name = filled(100000, 'x');
	assert_int_equal(name_check(name, NULL), -ENAMETOOLONG);
	/* a control character within what FLASK takes is named first */
	name[10] = '\n';
	assert_int_equal(name_check(name, NULL), -EINVAL);
	free(name);
}

/* Exactly printable ASCII but the blank and the backslash prints as it is. */
static void escaped_bytes(void **state)
{
	int c;

	(void)state;
	for (c = 0; c < 256; c++)
		assert_int_equal(name_escaped((unsigned char)c),
				 c <= 0x20 || c >= 0x7f || c == '\\');
}

/* Ordinary names print as they are: what scripts parse stays the same. */
static void escape_plain(void **state)
{
	static const char *const plain[] = {
		"prot_doms_locked", "guest_writeconsole", "a.b-c_d:e", "x",
		"~!@#$%^&*()_+{}|:\"<>?`-=[];',./",
	};
	char out[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(plain) / sizeof(plain[0]); i++) {
		assert_int_equal(name_escape(out, sizeof(out), plain[i]),
				 strlen(plain[i]));
		assert_string_equal(out, plain[i]);
		/* name_show() gives the name itself, no copy */
		assert_ptr_equal(name_show(plain[i]), plain[i]);
	}
	assert_int_equal(name_escape(out, sizeof(out), ""), 0);
	assert_string_equal(out, "");
}

/* Every other byte as \xNN, lower-case hex: one line, no terminal control. */
static void escape_hostile(void **state)
{
	static const struct {
		const char *name, *shown;
	} cases[] = {
		{ "b\n1", "b\\x0a1" },
		{ "\x1b[31mred", "\\x1b[31mred" },
		{ "prot doms", "prot\\x20doms" },
		{ "a\tb\r", "a\\x09b\\x0d" },
		{ "del\x7f", "del\\x7f" },
		{ "a\\b", "a\\x5cb" },
		{ "\\x41", "\\x5cx41" },
		{ "caf\xc3\xa9", "caf\\xc3\\xa9" },
		{ "\x80\xff", "\\x80\\xff" },
		{ "\x01", "\\x01" },
	};
	char out[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(name_escape(out, sizeof(out), cases[i].name),
				 strlen(cases[i].shown));
		assert_string_equal(out, cases[i].shown);
		assert_string_equal(name_show(cases[i].name), cases[i].shown);
	}
}

/* As snprintf: the whole length returned, what fits written, NUL-ended. */
static void escape_bounded(void **state)
{
	char out[8];

	(void)state;
	memset(out, 'Z', sizeof(out));
	assert_int_equal(name_escape(out, 5, "a\nbcdef"), 10);
	assert_string_equal(out, "a\\x0");
	assert_int_equal(out[5], 'Z');
	memset(out, 'Z', sizeof(out));
	assert_int_equal(name_escape(out, 1, "abc"), 3);
	assert_int_equal(out[0], '\0');
	assert_int_equal(out[1], 'Z');
	assert_int_equal(name_escape(NULL, 0, "a\x1b"), 5);
	memset(out, 'Z', sizeof(out));
	assert_int_equal(name_escape(out, 0, "abc"), 3);
	assert_int_equal(out[0], 'Z');
}

/* However long a name is, it is shown whole: nothing is cut. */
static void escape_long(void **state)
{
	char *name = filled(100000, '\x1b'), *out;
	const char *shown;
	size_t i;

	(void)state;
	out = malloc(400001);
	assert_non_null(out);
	assert_int_equal(name_escape(out, 400001, name), 400000);
	for (i = 0; i < 400000; i += 4)
		assert_memory_equal(out + i, "\\x1b", 4);
	assert_int_equal(out[400000], '\0');
	shown = name_show(name);
	assert_int_equal(strlen(shown), 400000);
	assert_string_equal(shown, out);
	free(name);
	free(out);
	/* a long plain name too */
	name = filled(5000, 'b');
	name[4999] = 'c';
	assert_ptr_equal(name_show(name), name);
	free(name);
}

/* A message may show NAME_SHOW_SLOTS names at once. */
static void show_slots(void **state)
{
	const char *shown[NAME_SHOW_SLOTS];
	char name[16], want[32];
	int i, round;

	(void)state;
	for (round = 0; round < 3; round++) {
		for (i = 0; i < NAME_SHOW_SLOTS; i++) {
			snprintf(name, sizeof(name), "n%d\n%d", i, round);
			shown[i] = name_show(name);
		}
		for (i = 0; i < NAME_SHOW_SLOTS; i++) {
			snprintf(want, sizeof(want), "n%d\\x0a%d", i, round);
			assert_string_equal(shown[i], want);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(check_accepts),
		cmocka_unit_test(check_refuses),
		cmocka_unit_test(check_length),
		cmocka_unit_test(escaped_bytes),
		cmocka_unit_test(escape_plain),
		cmocka_unit_test(escape_hostile),
		cmocka_unit_test(escape_bounded),
		cmocka_unit_test(escape_long),
		cmocka_unit_test(show_slots),
	};

	return cmocka_run_group_tests_name("name", tests, NULL, NULL);
}
