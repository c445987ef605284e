// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * spawn-bench.c - runs a command N times and prints the mean wall time per
 * run, the largest resident set of any run and the mean page faults per
 * run (minor and major: each one a trip through the hypervisor in a PV
 * dom0): the start-up benchmark of tests/bench/startup.  Output:
 * "MICROSECONDS_PER_RUN MAXRSS_KB FAILED_RUNS FAULTS_PER_RUN".
 * Usage: spawn-bench N COMMAND [ARG...]
 */

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

int main(int argc, char **argv)
{
	long i, n, failed = 0, maxrss = 0, faults = 0;
	double start;

	if (argc < 3 || (n = strtol(argv[1], NULL, 10)) <= 0) {
		fprintf(stderr, "usage: spawn-bench N COMMAND [ARG...]\n");
		return 1;
	}
	start = now_us();
	for (i = 0; i < n; i++) {
		struct rusage ru;
		int status;
		pid_t pid = fork();

		if (pid < 0) {
			perror("spawn-bench: fork");
			return 1;
		}
		if (pid == 0) {
			int null = open("/dev/null", O_WRONLY);

			dup2(null, 1);
			dup2(null, 2);
			execvp(argv[2], argv + 2);
			_exit(127);
		}
		if (wait4(pid, &status, 0, &ru) < 0) {
			perror("spawn-bench: wait4");
			return 1;
		}
		failed += !WIFEXITED(status) || WEXITSTATUS(status) != 0;
		if (ru.ru_maxrss > maxrss)
			maxrss = ru.ru_maxrss;
		faults += ru.ru_minflt + ru.ru_majflt;
	}
	printf("%.0f %ld %ld %ld\n", (now_us() - start) / n, maxrss, failed,
	       faults / n);
	return 0;
}
