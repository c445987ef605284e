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
 * A second opinion on a document, with no tool outside this file: a strict
 * reader of RFC 8259 JSON, written apart from json.c, that reads the
 * document and writes it back as Python's json.dumps(json.loads(doc),
 * separators=(",", ":")) would: compact, ASCII only (a character outside
 * ' '..'~' as \uXXXX in lower-case hex, a UTF-16 pair past U+FFFF, except
 * \" \\ \n \r \t \b \f).  Stricter than Python where the writer must be:
 * its bytes are strict UTF-8 (no overlong form, no surrogate, nothing past
 * U+10FFFF), a string holds no raw control character, an object no key
 * twice, a number is an integer, and nothing but white space follows the
 * value.  Its own tests: reader_canonical, reader_refuses.
 */
struct reader {
	const unsigned char *p;
	FILE *out;
	const char *err;
	char where[80];
};

static int refuse(struct reader *r, const char *why)
{
	if (!r->err) {
		r->err = why;
		snprintf(r->where, sizeof(r->where), "%.20s", (const char *)r->p);
	}
	return -1;
}

static void skip_space(struct reader *r)
{
	while (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r')
		r->p++;
}

static void put_code_unit(FILE *out, unsigned int c)
{
	switch (c) {
	case '"': fputs("\\\"", out); break;
	case '\\': fputs("\\\\", out); break;
	case '\n': fputs("\\n", out); break;
	case '\r': fputs("\\r", out); break;
	case '\t': fputs("\\t", out); break;
	case '\b': fputs("\\b", out); break;
	case '\f': fputs("\\f", out); break;
	default:
		if (c >= 0x20 && c <= 0x7e)
			putc((int)c, out);
		else
			fprintf(out, "\\u%04x", c);
	}
}

static void put_code_point(FILE *out, unsigned int c)
{
	if (c > 0xffff) {
		c -= 0x10000;
		put_code_unit(out, 0xd800 | c >> 10);
		put_code_unit(out, 0xdc00 | (c & 0x3ff));
	} else {
		put_code_unit(out, c);
	}
}

/* Four hex digits after \u, or -1. */
static long hex4(const unsigned char *s)
{
	long v = 0;
	int i;

	for (i = 0; i < 4; i++) {
		v <<= 4;
		if (s[i] >= '0' && s[i] <= '9')
			v |= s[i] - '0';
		else if (s[i] >= 'a' && s[i] <= 'f')
			v |= s[i] - 'a' + 10;
		else if (s[i] >= 'A' && s[i] <= 'F')
			v |= s[i] - 'A' + 10;
		else
			return -1;
	}
	return v;
}

/* One strict UTF-8 character at r->p: its code point, or -1. */
static long utf8_char(struct reader *r)
{
	const unsigned char *s = r->p;
	unsigned int c, lo = 0x80, hi = 0xbf;
	int n, i;

	if (s[0] < 0x80) {
		n = 1, c = s[0];
	} else if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2, c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3, c = s[0] & 0x0f;
		if (s[0] == 0xe0)
			lo = 0xa0;	/* overlong below */
		else if (s[0] == 0xed)
			hi = 0x9f;	/* surrogates above */
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4, c = s[0] & 0x07;
		if (s[0] == 0xf0)
			lo = 0x90;	/* overlong below */
		else if (s[0] == 0xf4)
			hi = 0x8f;	/* past U+10FFFF above */
	} else {
		return refuse(r, "a byte that starts no UTF-8 character");
	}
	for (i = 1; i < n; i++) {
		if (s[i] < (i == 1 ? lo : 0x80) || s[i] > (i == 1 ? hi : 0xbf))
			return refuse(r, "invalid UTF-8");
		c = c << 6 | (s[i] & 0x3f);
	}
	r->p += n;
	return c;
}

static int read_string(struct reader *r)
{
	long c, lo;

	if (*r->p != '"')
		return refuse(r, "a string expected");
	r->p++;
	putc('"', r->out);
	while (*r->p != '"') {
		if (*r->p == '\0')
			return refuse(r, "unterminated string");
		if (*r->p < 0x20)
			return refuse(r, "a raw control character in a string");
		if (*r->p != '\\') {
			if ((c = utf8_char(r)) < 0)
				return -1;
			put_code_point(r->out, (unsigned int)c);
			continue;
		}
		r->p++;
		switch (*r->p++) {
		case '"': put_code_unit(r->out, '"'); break;
		case '\\': put_code_unit(r->out, '\\'); break;
		case '/': put_code_unit(r->out, '/'); break;
		case 'b': put_code_unit(r->out, '\b'); break;
		case 'f': put_code_unit(r->out, '\f'); break;
		case 'n': put_code_unit(r->out, '\n'); break;
		case 'r': put_code_unit(r->out, '\r'); break;
		case 't': put_code_unit(r->out, '\t'); break;
		case 'u':
			if ((c = hex4(r->p)) < 0)
				return refuse(r, "\\u without four hex digits");
			r->p += 4;
			/* a pair is one character; a lone half stays one */
			if (c >= 0xd800 && c <= 0xdbff && r->p[0] == '\\' &&
			    r->p[1] == 'u' && (lo = hex4(r->p + 2)) >= 0xdc00 &&
			    lo <= 0xdfff) {
				c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
				r->p += 6;
			}
			put_code_point(r->out, (unsigned int)c);
			break;
		default:
			r->p--;
			return refuse(r, "an unknown escape");
		}
	}
	r->p++;
	putc('"', r->out);
	return 0;
}

/* An integer, written as Python writes it back (-0 is 0). */
static int read_number(struct reader *r)
{
	const unsigned char *s = r->p;
	int negative = 0;

	if (*s == '-')
		negative = 1, s++;
	if (*s < '0' || *s > '9')
		return refuse(r, "a value expected");
	if (*s == '0' && s[1] >= '0' && s[1] <= '9')
		return refuse(r, "a number with a leading zero");
	if (negative && !(s[0] == '0' && (s[1] < '0' || s[1] > '9')))
		putc('-', r->out);
	while (*s >= '0' && *s <= '9')
		putc(*s++, r->out);
	if (*s == '.' || *s == 'e' || *s == 'E')
		return refuse(r, "not an integer (the writer prints none)");
	r->p = s;
	return 0;
}

static int read_value(struct reader *r, int depth);

/* An object's members: each key once (compared as written back). */
static int read_members(struct reader *r, int depth)
{
	char **keys = NULL, *key;
	size_t n = 0, i, len;
	FILE *saved = r->out;
	int st = 0;

	for (;;) {
		skip_space(r);
		r->out = open_memstream(&key, &len);
		if (!r->out) {
			r->out = saved;
			st = refuse(r, "out of memory");
			break;
		}
		st = read_string(r);
		fclose(r->out);
		r->out = saved;
		for (i = 0; st == 0 && i < n; i++)
			if (strcmp(keys[i], key) == 0)
				st = refuse(r, "a key twice in an object");
		if (st == 0) {
			char **more = realloc(keys, (n + 1) * sizeof(*keys));

			if (!more)
				st = refuse(r, "out of memory");
			else
				keys = more, keys[n++] = key, key = NULL;
		}
		free(key);
		if (st)
			break;
		fputs(keys[n - 1], r->out);
		skip_space(r);
		if (*r->p != ':') {
			st = refuse(r, "':' expected");
			break;
		}
		r->p++;
		putc(':', r->out);
		if ((st = read_value(r, depth)) != 0)
			break;
		skip_space(r);
		if (*r->p == '}')
			break;
		if (*r->p != ',') {
			st = refuse(r, "',' or '}' expected");
			break;
		}
		r->p++;
		putc(',', r->out);
	}
	for (i = 0; i < n; i++)
		free(keys[i]);
	free(keys);
	return st;
}

static int read_value(struct reader *r, int depth)
{
	static const char *const words[] = { "true", "false", "null" };
	size_t i;
	int close;

	if (depth > 64)
		return refuse(r, "nested too deep");
	skip_space(r);
	if (*r->p == '"')
		return read_string(r);
	if (*r->p == '{' || *r->p == '[') {
		close = *r->p == '{' ? '}' : ']';
		putc(*r->p++, r->out);
		skip_space(r);
		if (*r->p != close) {
			if (close == '}') {
				if (read_members(r, depth + 1))
					return -1;
			} else {
				for (;;) {
					if (read_value(r, depth + 1))
						return -1;
					skip_space(r);
					if (*r->p != ',')
						break;
					r->p++;
					putc(',', r->out);
				}
			}
			skip_space(r);
			if (*r->p != close)
				return refuse(r, close == '}' ? "'}' expected" :
						      "',' or ']' expected");
		}
		r->p++;
		putc(close, r->out);
		return 0;
	}
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strncmp((const char *)r->p, words[i], strlen(words[i])) == 0) {
			fputs(words[i], r->out);
			r->p += strlen(words[i]);
			return 0;
		}
	return read_number(r);
}

/*
 * The document read and written back (to free), or NULL with why and
 * where it was refused in *why (to free).
 */
static char *read_back(const char *doc, char **why)
{
	struct reader r = { (const unsigned char *)doc, NULL, NULL, "" };
	char *text = NULL;
	size_t len;
	int st;

	*why = NULL;
	r.out = open_memstream(&text, &len);
	if (!r.out)
		return NULL;
	st = read_value(&r, 1);
	skip_space(&r);
	if (st == 0 && *r.p)
		st = refuse(&r, "more after the value");
	fclose(r.out);
	if (st == 0)
		return text;
	free(text);
	if (asprintf(why, "%s, at \"%s\"", r.err, r.where) < 0)
		*why = NULL;
	return NULL;
}

/* The reader reads doc and writes it back as canonical. */
static void assert_reads_back(const char *doc, const char *canonical)
{
	char *why, *text = read_back(doc, &why);
	int same = text && strcmp(text, canonical) == 0;

	if (!text)
		print_error("the reader refuses the document: %s\n",
			    why ? why : "out of memory");
	else if (!same)
		print_error("read back as %s\nnot as      %s\n", text, canonical);
	free(text);
	free(why);
	assert_true(same);
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
	assert_reads_back(text,
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
	assert_reads_back(text,
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
	assert_reads_back(text, "{\"a\":[],\"o\":{},\"both\":[[],{}],"
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
	assert_reads_back(text, "{\"d\":[[[[[[[[[[[[[[[7]]]]]]]]]]]]]]]}");
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
	assert_reads_back(text, "{\"k\\\"\\\\\\n\\u0001\\ufffd\":\"v\\t\"}");
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

/* What the reader reads back from the escapes and replacements. */
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
	assert_reads_back(text,
			    "{\"s\":\"q\\\"b\\\\n\\nt\\t\\u0001\\u001f\\u007f"
			    "\\u00e9\\u20ac\\ud83d\\ude00\","
			    "\"bad\":\"\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd"
			    "\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd"
			    "\\ufffd\"}");
	free(text);
}

/*
 * The reader itself: white space, escapes and numbers written back as
 * Python writes them (json.dumps(json.loads(doc), separators=(",", ":"))
 * gives the same text for each document here).
 */
static void reader_canonical(void **state)
{
	(void)state;
	assert_reads_back(" {\"a\" : [ 1 ,\t-0 , -12 , true,false ,null ] ,"
			  "\r\n\"b\":{ } , \"c\" : [ ] }\n",
			  "{\"a\":[1,0,-12,true,false,null],\"b\":{},\"c\":[]}");
	assert_reads_back("\"\\u00E9\\ud83d\\uDE00\\/\\b\\f\\r\\u0041\"",
			  "\"\\u00e9\\ud83d\\ude00/\\b\\f\\rA\"");
	/* a lone half of a pair stays as it is, as Python keeps it */
	assert_reads_back("[\"\\ud800\",\"\\udc00x\"]",
			  "[\"\\ud800\",\"\\udc00x\"]");
	assert_reads_back("\"\x7f\xc2\x80\xf4\x8f\xbf\xbf\"",
			  "\"\\u007f\\u0080\\udbff\\udfff\"");
	assert_reads_back("123456789012345678901234567890",
			  "123456789012345678901234567890");
}

/* What the reader refuses, and why. */
static void reader_refuses(void **state)
{
	static const struct {
		const char *doc, *why;
	} bad[] = {
		{ "", "a value expected" },
		{ "{", "a string expected" },
		{ "{\"a\":1", "',' or '}' expected" },
		{ "{\"a\":1,}", "a string expected" },
		{ "{\"a\" 1}", "':' expected" },
		{ "{\"a\":1,\"a\":2}", "a key twice in an object" },
		{ "{\"\\u0061\":1,\"a\":2}", "a key twice in an object" },
		{ "[1,]", "a value expected" },
		{ "[1 2]", "',' or ']' expected" },
		{ "{}x", "more after the value" },
		{ "{}\n{}", "more after the value" },
		{ "tru", "a value expected" },
		{ "01", "a number with a leading zero" },
		{ "-", "a value expected" },
		{ "1.5", "not an integer (the writer prints none)" },
		{ "1e3", "not an integer (the writer prints none)" },
		{ "\"a", "unterminated string" },
		{ "\"\x01\"", "a raw control character in a string" },
		{ "\"\t\"", "a raw control character in a string" },
		{ "\"\\x\"", "an unknown escape" },
		{ "\"\\u12\"", "\\u without four hex digits" },
		{ "\"\x80\"", "a byte that starts no UTF-8 character" },
		{ "\"\xc0\x80\"", "a byte that starts no UTF-8 character" },
		{ "\"\xc3\"", "invalid UTF-8" },
		{ "\"\xe0\x9f\xbf\"", "invalid UTF-8" },
		{ "\"\xed\xa0\x80\"", "invalid UTF-8" },
		{ "\"\xf0\x8f\xbf\xbf\"", "invalid UTF-8" },
		{ "\"\xf4\x90\x80\x80\"", "invalid UTF-8" },
		{ "\"\xf5\x80\x80\x80\"", "a byte that starts no UTF-8 character" },
	};
	char *text, *why;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		text = read_back(bad[i].doc, &why);
		if (text)
			print_error("read: %s\n", bad[i].doc);
		free(text);
		assert_null(text);
		assert_non_null(why);
		if (strncmp(why, bad[i].why, strlen(bad[i].why)) != 0 ||
		    strncmp(why + strlen(bad[i].why), ", at", 4) != 0) {
			print_error("refused %s: %s, not %s\n", bad[i].doc,
				    why, bad[i].why);
			free(why);
			fail();
		}
		free(why);
	}
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
		cmocka_unit_test(reader_canonical),
		cmocka_unit_test(reader_refuses),
	};

	return cmocka_run_group_tests_name("json", tests, NULL, NULL);
}
