// SPDX-License-Identifier: GPL-2.0-or-later
/* test-json.c - unit tests of the JSON writer: the exact text it prints. */

#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "json.h"

static int saved_stdout = -1, capture_fd = -1;

/*
 * Sends standard output to an unlinked temporary file until captured().
 * Nothing between the two may assert: cmocka prints its results on
 * standard output too.
 */
static void capture(void)
{
	char path[] = "/tmp/flask-utils-test-json.XXXXXX";

	assert_int_equal(fflush(stdout), 0);
	capture_fd = mkstemp(path);
	assert_true(capture_fd >= 0);
	assert_int_equal(unlink(path), 0);
	saved_stdout = dup(STDOUT_FILENO);
	assert_true(saved_stdout >= 0);
	assert_int_equal(dup2(capture_fd, STDOUT_FILENO), STDOUT_FILENO);
}

/* Puts standard output back; returns what was written (to free). */
static char *captured(void)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp, *out;
	int c, flushed = fflush(stdout);

	assert_int_equal(dup2(saved_stdout, STDOUT_FILENO), STDOUT_FILENO);
	close(saved_stdout);
	saved_stdout = -1;
	assert_int_equal(flushed, 0);
	assert_int_equal(lseek(capture_fd, 0, SEEK_SET), 0);
	fp = fdopen(capture_fd, "r");
	assert_non_null(fp);
	capture_fd = -1;
	out = open_memstream(&buf, &len);
	assert_non_null(out);
	while ((c = getc(fp)) != EOF)
		putc(c, out);
	fclose(out);
	fclose(fp);
	return buf;
}

/* Checks that the captured output is exactly expected. */
static void assert_output(const char *expected)
{
	char *text = captured();

	assert_string_equal(text, expected);
	free(text);
}

/* What json_quote(s) prints. */
static char *quoted(const char *s)
{
	capture();
	json_quote(s);
	return captured();
}

static void assert_quoted(const char *s, const char *expected)
{
	char *text = quoted(s);

	assert_string_equal(text, expected);
	free(text);
}

/*
 * A second opinion on a document: Python's json module reads it (its
 * bytes decoded as strict UTF-8, which refuses surrogates and overlong
 * forms) and writes it back as compact ASCII, compared with canonical.
 * Skipped without python3.
 */
static void assert_python_reads(const char *doc, const char *canonical)
{
	char path[] = "/tmp/flask-utils-test-json.XXXXXX", cmd[512];
	char out[4096];
	size_t got;
	FILE *fp;
	int fd, status;

	if (system("python3 -c '' >/dev/null 2>&1") != 0) {
		skip();
		return;
	}
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, doc, strlen(doc)), (ssize_t)strlen(doc));
	assert_int_equal(close(fd), 0);
	snprintf(cmd, sizeof(cmd),
		 "python3 -c 'import json, sys; "
		 "d = json.loads(sys.stdin.buffer.read().decode(\"utf-8\")); "
		 "sys.stdout.write(json.dumps(d, separators=(\",\", \":\")))'"
		 " <%s", path);
	fp = popen(cmd, "r");
	if (!fp)
		unlink(path);
	assert_non_null(fp);
	got = fread(out, 1, sizeof(out) - 1, fp);
	out[got] = '\0';
	status = pclose(fp);
	unlink(path);
	assert_int_equal(status, 0);
	assert_string_equal(out, canonical);
}

static void empty_document(void **state)
{
	(void)state;
	capture();
	json_open();
	json_close();
	assert_output("{}\n");
}

/* With nothing open, json_close() prints nothing, even twice. */
static void close_without_open(void **state)
{
	(void)state;
	capture();
	json_close();
	json_close();
	json_open();
	json_close();
	json_close();
	assert_output("{}\n");
}

static void scalar_members(void **state)
{
	static const char expected[] =
		"{\n"
		"  \"name\": \"x\",\n"
		"  \"empty\": \"\",\n"
		"  \"missing\": null,\n"
		"  \"zero\": 0,\n"
		"  \"negative\": -42,\n"
		"  \"min\": -9223372036854775808,\n"
		"  \"max\": 9223372036854775807,\n"
		"  \"yes\": true,\n"
		"  \"any nonzero\": true,\n"
		"  \"no\": false,\n"
		"  \"nothing\": null\n"
		"}\n";
	char *text;

	(void)state;
	capture();
	json_open();
	json_string("name", "x");
	json_string("empty", "");
	json_string("missing", NULL);
	json_int("zero", 0);
	json_int("negative", -42);
	json_int("min", LLONG_MIN);
	json_int("max", LLONG_MAX);
	json_bool("yes", 1);
	json_bool("any nonzero", -7);
	json_bool("no", 0);
	json_null("nothing");
	json_close();
	text = captured();
	assert_string_equal(text, expected);
	assert_python_reads(text,
			    "{\"name\":\"x\",\"empty\":\"\",\"missing\":null,"
			    "\"zero\":0,\"negative\":-42,"
			    "\"min\":-9223372036854775808,"
			    "\"max\":9223372036854775807,\"yes\":true,"
			    "\"any nonzero\":true,\"no\":false,"
			    "\"nothing\":null}");
	free(text);
}

/* The shape flask-set-bool prints: objects in an array in the object. */
static void nested(void **state)
{
	static const char expected[] =
		"{\n"
		"  \"changed\": true,\n"
		"  \"booleans\": [\n"
		"    {\n"
		"      \"name\": \"a\",\n"
		"      \"old\": null,\n"
		"      \"new\": 1\n"
		"    },\n"
		"    {\n"
		"      \"name\": \"b\",\n"
		"      \"old\": 0,\n"
		"      \"new\": 1\n"
		"    }\n"
		"  ],\n"
		"  \"inner\": {\n"
		"    \"list\": [\n"
		"      1,\n"
		"      \"two\",\n"
		"      null,\n"
		"      false\n"
		"    ],\n"
		"    \"deeper\": {\n"
		"      \"k\": \"v\"\n"
		"    }\n"
		"  },\n"
		"  \"policy\": \"/boot/xenpolicy\"\n"
		"}\n";
	char *text;

	(void)state;
	capture();
	json_open();
	json_bool("changed", 1);
	json_array("booleans");
	json_object(NULL);
	json_string("name", "a");
	json_null("old");
	json_int("new", 1);
	json_object_end();
	json_object(NULL);
	json_string("name", "b");
	json_int("old", 0);
	json_int("new", 1);
	json_object_end();
	json_array_end();
	json_object("inner");
	json_array("list");
	json_int(NULL, 1);
	json_string(NULL, "two");
	json_string(NULL, NULL);
	json_bool(NULL, 0);
	json_array_end();
	json_object("deeper");
	json_string("k", "v");
	json_object_end();
	json_object_end();
	json_string("policy", "/boot/xenpolicy");
	json_close();
	text = captured();
	assert_string_equal(text, expected);
	assert_python_reads(text,
			    "{\"changed\":true,\"booleans\":[{\"name\":\"a\","
			    "\"old\":null,\"new\":1},{\"name\":\"b\","
			    "\"old\":0,\"new\":1}],\"inner\":{\"list\":"
			    "[1,\"two\",null,false],\"deeper\":{\"k\":\"v\"}},"
			    "\"policy\":\"/boot/xenpolicy\"}");
	free(text);
}

/* An empty array or object stays on its line; a comma still follows. */
static void empty_containers(void **state)
{
	static const char expected[] =
		"{\n"
		"  \"a\": [],\n"
		"  \"o\": {},\n"
		"  \"both\": [\n"
		"    [],\n"
		"    {}\n"
		"  ],\n"
		"  \"last\": []\n"
		"}\n";
	char *text;

	(void)state;
	capture();
	json_open();
	json_array("a");
	json_array_end();
	json_object("o");
	json_object_end();
	json_array("both");
	json_array(NULL);
	json_array_end();
	json_object(NULL);
	json_object_end();
	json_array_end();
	json_array("last");
	json_array_end();
	json_close();
	text = captured();
	assert_string_equal(text, expected);
	assert_python_reads(text, "{\"a\":[],\"o\":{},\"both\":[[],{}],"
			    "\"last\":[]}");
	free(text);
}

/* json_close() ends every open level with its own bracket. */
static void close_closes_levels(void **state)
{
	static const char expected[] =
		"{\n"
		"  \"o\": {\n"
		"    \"a\": [\n"
		"      1,\n"
		"      {\n"
		"        \"e\": []\n"
		"      }\n"
		"    ]\n"
		"  }\n"
		"}\n";

	(void)state;
	capture();
	json_open();
	json_object("o");
	json_array("a");
	json_int(NULL, 1);
	json_object(NULL);
	json_array("e");
	json_close();
	/* and the writer is closed: nothing more, then a new document */
	json_close();
	assert_output(expected);

	capture();
	json_open();
	json_array("x");
	json_close();
	json_open();
	json_close();
	assert_output("{\n  \"x\": []\n}\n{}\n");
}

/*
 * Sixteen levels (the document's own object and fifteen arrays), the
 * most the writer keeps track of.
 */
static void deepest_nesting(void **state)
{
	char expected[2048], *p = expected, *text;
	int i;

	(void)state;
	capture();
	json_open();
	for (i = 1; i < 16; i++)
		json_array(i == 1 ? "d" : NULL);
	json_int(NULL, 7);
	json_close();
	text = captured();

	p += sprintf(p, "{\n  \"d\": [");
	for (i = 2; i < 16; i++)
		p += sprintf(p, "\n%*s[", 2 * i, "");
	p += sprintf(p, "\n%*s7", 2 * 16, "");
	for (i = 15; i >= 1; i--)
		p += sprintf(p, "\n%*s]", 2 * i, "");
	sprintf(p, "\n}\n");
	assert_string_equal(text, expected);
	assert_python_reads(text, "{\"d\":[[[[[[[[[[[[[[[7]]]]]]]]]]]]]]]}");
	free(text);
}

static void escapes(void **state)
{
	(void)state;
	assert_quoted("", "\"\"");
	assert_quoted("plain text / slash ~", "\"plain text / slash ~\"");
	assert_quoted("a\"b", "\"a\\\"b\"");
	assert_quoted("a\\b", "\"a\\\\b\"");
	assert_quoted("\\\"", "\"\\\\\\\"\"");
	assert_quoted("line\nnext", "\"line\\nnext\"");
	assert_quoted("a\tb", "\"a\\tb\"");
	/* other control characters: \u00XX, lower-case hex */
	assert_quoted("\x01", "\"\\u0001\"");
	assert_quoted("\b\f\r", "\"\\u0008\\u000c\\u000d\"");
	assert_quoted("\x1b[0m", "\"\\u001b[0m\"");
	assert_quoted("\x1f", "\"\\u001f\"");
	/* the last ASCII character not escaped, then DEL */
	assert_quoted("\x7e", "\"~\"");
	assert_quoted("a\x7f" "b", "\"a\\u007fb\"");
	assert_quoted(" ", "\" \"");
}

/* Keys are quoted the same way as values. */
static void escaped_keys(void **state)
{
	static const char expected[] =
		"{\n"
		"  \"k\\\"\\\\\\n\\u0001\\ufffd\": \"v\\t\"\n"
		"}\n";
	char *text;

	(void)state;
	capture();
	json_open();
	json_string("k\"\\\n\x01\xff", "v\t");
	json_close();
	text = captured();
	assert_string_equal(text, expected);
	assert_python_reads(text, "{\"k\\\"\\\\\\n\\u0001\\ufffd\":\"v\\t\"}");
	free(text);
}

/* Valid UTF-8 is written as it is, at each boundary of each length. */
static void utf8_valid(void **state)
{
	static const char *const good[] = {
		"\xc3\xa9",		/* U+00E9 */
		"\xe2\x82\xac",		/* U+20AC */
		"\xf0\x9f\x98\x80",	/* U+1F600 */
		"\xc2\x80",		/* U+0080, the first of 2 bytes */
		"\xdf\xbf",		/* U+07FF, the last of 2 bytes */
		"\xe0\xa0\x80",		/* U+0800, the first of 3 bytes */
		"\xed\x9f\xbf",		/* U+D7FF, before the surrogates */
		"\xee\x80\x80",		/* U+E000, after them */
		"\xef\xbf\xbf",		/* U+FFFF */
		"\xef\xbf\xbd",		/* U+FFFD itself */
		"\xf0\x90\x80\x80",	/* U+10000, the first of 4 bytes */
		"\xf4\x8f\xbf\xbf",	/* U+10FFFF, the last code point */
		"caf\xc3\xa9 \xe2\x82\xac\xf0\x9f\x98\x80!",
	};
	char expected[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		snprintf(expected, sizeof(expected), "\"%s\"", good[i]);
		assert_quoted(good[i], expected);
	}
}

/*
 * Each byte that is not part of valid UTF-8 becomes one U+FFFD, written
 * \ufffd; a valid character after it is kept.
 */
static void utf8_invalid(void **state)
{
	static const struct {
		const char *in, *out;
	} bad[] = {
		/* lone continuation bytes */
		{ "\x80", "\\ufffd" },
		{ "a\xbf" "b", "a\\ufffdb" },
		{ "\x80\x80", "\\ufffd\\ufffd" },
		/* truncated sequences, before a character and at the end */
		{ "\xc3" "a", "\\ufffda" },
		{ "\xe2\x82" "x", "\\ufffd\\ufffdx" },
		{ "\xe2\x82", "\\ufffd\\ufffd" },
		{ "\xf0\x9f\x98", "\\ufffd\\ufffd\\ufffd" },
		{ "\xf0\x9f\x98" "\xc3\xa9", "\\ufffd\\ufffd\\ufffd\xc3\xa9" },
		/* a lead byte before another lead byte */
		{ "\xc3\xc3\xa9", "\\ufffd\xc3\xa9" },
		/* overlong forms */
		{ "\xc0\x80", "\\ufffd\\ufffd" },
		{ "\xc1\xbf", "\\ufffd\\ufffd" },
		{ "\xe0\x80\x80", "\\ufffd\\ufffd\\ufffd" },
		{ "\xe0\x9f\xbf", "\\ufffd\\ufffd\\ufffd" },
		{ "\xf0\x80\x80\x80", "\\ufffd\\ufffd\\ufffd\\ufffd" },
		{ "\xf0\x8f\xbf\xbf", "\\ufffd\\ufffd\\ufffd\\ufffd" },
		/* UTF-16 surrogates, the first and the last */
		{ "\xed\xa0\x80", "\\ufffd\\ufffd\\ufffd" },
		{ "\xed\xbf\xbf", "\\ufffd\\ufffd\\ufffd" },
		/* beyond U+10FFFF */
		{ "\xf4\x90\x80\x80", "\\ufffd\\ufffd\\ufffd\\ufffd" },
		{ "\xf5\x80\x80\x80", "\\ufffd\\ufffd\\ufffd\\ufffd" },
		/* bytes never in UTF-8 */
		{ "\xf8", "\\ufffd" },
		{ "\xfe\xff", "\\ufffd\\ufffd" },
	};
	char expected[128];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(expected, sizeof(expected), "\"%s\"", bad[i].out);
		assert_quoted(bad[i].in, expected);
	}
}

/*
 * A truncated sequence at the very end of a string is not read past its
 * NUL: the strings sit in buffers of their exact size (ASan checks).
 */
static void utf8_truncated_at_end(void **state)
{
	static const char *const cut[] = {
		"\xc3", "\xe2", "\xe2\x82", "\xf0", "\xf0\x9f", "\xf0\x9f\x98",
	};
	char expected[64], *s, *text;
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(cut) / sizeof(cut[0]); i++) {
		n = strlen(cut[i]);
		s = malloc(n + 1);
		assert_non_null(s);
		memcpy(s, cut[i], n + 1);
		text = quoted(s);
		free(s);
		strcpy(expected, "\"");
		while (n--)
			strcat(expected, "\\ufffd");
		strcat(expected, "\"");
		assert_string_equal(text, expected);
		free(text);
	}
}

/* What Python reads back from the escapes and replacements. */
static void escapes_read_back(void **state)
{
	char *text;

	(void)state;
	capture();
	json_open();
	json_string("s", "q\"b\\n\nt\t\x01\x1f\x7f" "\xc3\xa9\xe2\x82\xac"
		    "\xf0\x9f\x98\x80");
	json_string("bad", "\x80\xc0\x80\xed\xa0\x80\xf4\x90\x80\x80\xe2\x82");
	json_close();
	text = captured();
	assert_python_reads(text,
			    "{\"s\":\"q\\\"b\\\\n\\nt\\t\\u0001\\u001f\\u007f"
			    "\\u00e9\\u20ac\\ud83d\\ude00\","
			    "\"bad\":\"\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd"
			    "\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd"
			    "\\ufffd\"}");
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(empty_document),
		cmocka_unit_test(close_without_open),
		cmocka_unit_test(scalar_members),
		cmocka_unit_test(nested),
		cmocka_unit_test(empty_containers),
		cmocka_unit_test(close_closes_levels),
		cmocka_unit_test(deepest_nesting),
		cmocka_unit_test(escapes),
		cmocka_unit_test(escaped_keys),
		cmocka_unit_test(utf8_valid),
		cmocka_unit_test(utf8_invalid),
		cmocka_unit_test(utf8_truncated_at_end),
		cmocka_unit_test(escapes_read_back),
	};

	return cmocka_run_group_tests_name("json", tests, NULL, NULL);
}
