// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * mutate.c - writes mutated copies of a file for tests/fuzz/policy-mutations:
 *   mutate SEED FIRST COUNT INPUT OUTDIR
 * writes OUTDIR/mut-I for I = FIRST .. FIRST+COUNT-1, each from its own
 * PRNG state (SEED, I), so that one file can be made again alone.  Each
 * copy gets 1 to 4 mutations: byte or bit flips, a truncation, inserted or
 * deleted bytes, a copied chunk, or a 32-bit word (the unit of a binary
 * policy: counts, lengths, values) overwritten with 0, ~0, a large count,
 * or its value +-1.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t state;

/* splitmix64 */
static uint64_t next(void)
{
	uint64_t z = (state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A number in [0, n), n > 0. */
static size_t below(size_t n)
{
	return next() % n;
}

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = v, p[1] = v >> 8, p[2] = v >> 16, p[3] = v >> 24;
}

static uint32_t get32(const unsigned char *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Applies one mutation to buf[*len] (room for cap bytes). */
static void mutate(unsigned char *buf, size_t *len, size_t cap)
{
	static const uint32_t words[] = {
		0, 0xffffffff, 0x7fffffff, 0x80000000, 0x10000, 0x1000000,
		0x40000000, 0xfffffffe, 1, 2, 32, 33, 255, 256, 4096,
	};
	/* mostly words and flips: a truncation is refused at the first count */
	static const unsigned char pick[16] = {
		0, 0, 1, 1, 2, 3, 3, 4, 5, 6, 6, 7, 7, 7, 7, 7,
	};
	size_t n = *len, at, k, i;

	if (n < 8) {
		buf[(*len)++] = next();
		return;
	}
	switch (pick[below(16)]) {
	case 0:		/* byte flips */
		for (k = 1 + below(4); k--;)
			buf[below(n)] ^= 1 + below(255);
		break;
	case 1:		/* a bit flip */
		buf[below(n)] ^= 1u << below(8);
		break;
	case 2:		/* a truncation */
		*len = below(n);
		break;
	case 3:		/* inserted random bytes */
		k = 1 + below(16);
		if (n + k > cap)
			break;
		at = below(n + 1);
		memmove(buf + at + k, buf + at, n - at);
		for (i = 0; i < k; i++)
			buf[at + i] = next();
		*len = n + k;
		break;
	case 4:		/* deleted bytes */
		at = below(n);
		k = 1 + below(n - at < 64 ? n - at : 64);
		memmove(buf + at, buf + at + k, n - at - k);
		*len = n - k;
		break;
	case 5:		/* a chunk copied over another place */
		k = 1 + below(64);
		if (k > n)
			k = n;
		memmove(buf + below(n - k + 1), buf + below(n - k + 1), k);
		break;
	case 6:		/* a word set to its value +-1 */
		at = below(n / 4) * 4;
		put32(buf + at, get32(buf + at) + (below(2) ? 1 : -1));
		break;
	default:	/* a word overwritten with a telling value */
		at = below(n / 4) * 4;
		put32(buf + at, words[below(sizeof(words) / sizeof(words[0]))]);
		break;
	}
}

int main(int argc, char **argv)
{
	unsigned long long seed, first, count, i;
	unsigned char *orig, *buf;
	size_t len, n, cap, k;
	char path[4096];
	FILE *f;

	if (argc != 6) {
		fprintf(stderr, "usage: mutate SEED FIRST COUNT INPUT OUTDIR\n");
		return 2;
	}
	seed = strtoull(argv[1], NULL, 0);
	first = strtoull(argv[2], NULL, 0);
	count = strtoull(argv[3], NULL, 0);
	f = fopen(argv[4], "rb");
	if (!f) {
		perror(argv[4]);
		return 1;
	}
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	cap = len + 4 * 16 + 16;
	orig = malloc(len + 1);
	buf = malloc(cap);
	if (!orig || !buf || fread(orig, 1, len, f) != len) {
		fprintf(stderr, "mutate: cannot read %s\n", argv[4]);
		return 1;
	}
	fclose(f);
	for (i = first; i < first + count; i++) {
		state = seed * 0x100000001b3ULL ^ i;
		next();
		memcpy(buf, orig, len);
		n = len;
		for (k = 1 + below(4); k--;)
			mutate(buf, &n, cap);
		snprintf(path, sizeof(path), "%s/mut-%llu", argv[5], i);
		f = fopen(path, "wb");
		if (!f || fwrite(buf, 1, n, f) != n || fclose(f)) {
			fprintf(stderr, "mutate: cannot write %s: %s\n", path,
				strerror(errno));
			return 1;
		}
	}
	free(orig);
	free(buf);
	return 0;
}
