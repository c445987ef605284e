# SPDX-License-Identifier: GPL-2.0-or-later
# flask-utils: one non-recursive Makefile for the tools, their tests and docs.

VERSION    := 0.1
PREFIX     ?= /usr/local
SBINDIR    ?= $(PREFIX)/sbin
MANDIR     ?= $(PREFIX)/share/man
UNITDIR    ?= $(PREFIX)/lib/systemd/system
INITDIR    ?= /etc/init.d
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
PKG_CONFIG ?= pkg-config
INSTALL    ?= install

CFLAGS   ?= -O2 -g
CFLAGS   += -std=gnu11 -Wall -Wextra -Wshadow -Wstrict-prototypes \
	    -Wmissing-prototypes -Wformat=2
CPPFLAGS += -D_GNU_SOURCE -DVERSION='"$(VERSION)"' -Icommon -MMD -MP
LDFLAGS  += -Wl,--as-needed

# Hardening, added to any CFLAGS/LDFLAGS given (as dpkg-buildflags does):
# stack protector, position-independent executables, read-only relocations
# bound at start-up, and _FORTIFY_SOURCE=2 when optimising (it needs -O;
# -U first, so a value set by the environment is replaced, not redefined).
HARDEN_CFLAGS   := -fstack-protector-strong -fPIE
HARDEN_CPPFLAGS := $(if $(filter -O -O1 -O2 -O3 -Os -Og -Ofast,$(CFLAGS)),\
		   -U_FORTIFY_SOURCE -D_FORTIFY_SOURCE=2)
HARDEN_LDFLAGS  := -pie -Wl,-z,relro,-z,now
CFLAGS   += $(HARDEN_CFLAGS)
CPPFLAGS += $(HARDEN_CPPFLAGS)
LDFLAGS  += $(HARDEN_LDFLAGS)

# Each tool links only what it uses: every tool needs the hypercall layer
# (libxencall, libxentoollog) and popt; flask-label-pci also libselinux.
XEN_CFLAGS   := $(shell $(PKG_CONFIG) --cflags xencall xentoollog)
XEN_LIBS     := $(shell $(PKG_CONFIG) --libs xencall xentoollog)
POPT_CFLAGS  := $(shell $(PKG_CONFIG) --cflags popt)
POPT_LIBS    := $(shell $(PKG_CONFIG) --libs popt)
SELINUX_LIBS := $(shell $(PKG_CONFIG) --libs libselinux)

# How the tools link (README, "Start-up"): LINK=shared (the default, what
# Debian expects: every library shared, updated with its package), or
# LINK=static: each tool one static position-independent executable, libc
# and all (no dynamic loader: about half the start-up time in a PV dom0;
# the test bench's fault trap cannot reach its hypercalls).
LINK ?= shared
STATIC_LIBS = $(shell $(PKG_CONFIG) --static --libs xencall xentoollog popt)
ifeq ($(LINK),static)
LDFLAGS      := $(filter-out -pie,$(LDFLAGS)) -static-pie
XEN_LIBS     := $(STATIC_LIBS)
POPT_LIBS    :=
SELINUX_LIBS := $(shell $(PKG_CONFIG) --static --libs libselinux)
else ifneq ($(LINK),shared)
$(error LINK=$(LINK): use LINK=shared or LINK=static)
endif
# libsepol is not used by the tools (common/policydb.c reads policies):
# the unit tests take it as the oracle of what they do.  It, libxenctrl
# and cmocka are asked for only by the targets that use them, so that
# building the tools (make tools, the Debian package) needs none of them.
SEPOL_CFLAGS = $(shell $(PKG_CONFIG) --cflags libsepol)
SEPOL_LIBS   = $(shell $(PKG_CONFIG) --libs libsepol)
XENCTRL_CFLAGS = $(shell $(PKG_CONFIG) --cflags xencontrol)
XENCTRL_LIBS   = $(shell $(PKG_CONFIG) --libs xencontrol xentoollog)
CMOCKA_CFLAGS = $(shell $(PKG_CONFIG) --cflags cmocka)
CMOCKA_LIBS   = $(shell $(PKG_CONFIG) --libs cmocka)

CPPFLAGS += $(XEN_CFLAGS) $(POPT_CFLAGS)

TOOLS := flask-get-bool flask-set-bool flask-getenforce flask-setenforce \
	 flask-label-pci flask-loadpolicy
BINS  := $(foreach t,$(TOOLS),$(t)/$(t))
MANS  := $(foreach t,$(TOOLS),$(t)/$(t).8)

COMMON_OBJS := $(patsubst %.c,%.o,$(wildcard common/*.c))
UNIT_TESTS  := $(patsubst %.c,%,$(wildcard tests/unit/test-*.c))

# Everything the tests and the README's commands use: the tools and the
# helpers of the test bench (tests/helpers, tests/bench, listed below).
all: tools helpers

# The six tools: what make install and the Debian package build.
tools: $(BINS)

common/libcommon.a: $(COMMON_OBJS)
	$(AR) rcs $@ $^

$(BINS): %: %.o common/libcommon.a
	$(CC) $(LDFLAGS) -o $@ $^ $(XEN_LIBS) $(POPT_LIBS) $(TOOL_LIBS) $(LDLIBS)

flask-label-pci/flask-label-pci: TOOL_LIBS = $(SELINUX_LIBS)

# Unit tests find their fixtures under SRCDIR/tests/unit.
$(UNIT_TESTS): %: %.c common/libcommon.a
	$(CC) $(CPPFLAGS) $(SEPOL_CFLAGS) -DSRCDIR='"$(CURDIR)"' \
		$(CMOCKA_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(CMOCKA_LIBS) \
		$(XEN_LIBS) $(POPT_LIBS) $(SEPOL_LIBS) $(LDLIBS)

# Helpers the bench copies into dom0 beside the tools: an LD_PRELOAD trap
# the cases use to make one FLASK operation fail or wait, a probe of I/O
# labels that goes through libxenctrl, a driver of the FLASK operations no
# tool uses yet, the passthrough questions of `xl pci-attach` asked through
# libxenctrl, the reset of the hypervisor between two cases, and the
# start-up benchmark's timer and minimal libxenctrl program.
TEST_HELPERS := tests/helpers/op-trap.so tests/helpers/ocon-probe \
		tests/helpers/flask-state \
		tests/helpers/flask-ops tests/helpers/pt-attach \
		tests/helpers/xen-reset tests/bench/spawn-bench \
		tests/bench/xc-getenforce

helpers: $(TEST_HELPERS)

# A shared object, not an executable: -fPIC -shared, without -pie.
tests/helpers/op-trap.so: LDFLAGS := $(filter-out -pie,$(LDFLAGS))
tests/helpers/op-trap.so: tests/helpers/op-trap.c
	$(CC) $(CPPFLAGS) $(CFLAGS) -fPIC -shared $(LDFLAGS) -o $@ $< -ldl

tests/helpers/flask-ops: tests/helpers/flask-ops.c common/libcommon.a
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(XEN_LIBS)

tests/bench/spawn-bench: tests/bench/spawn-bench.c
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $<

tests/helpers/ocon-probe tests/helpers/flask-state tests/helpers/pt-attach \
tests/helpers/xen-reset tests/bench/xc-getenforce: \
		%: %.c
	$(CC) $(CPPFLAGS) $(XENCTRL_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< \
		$(XENCTRL_LIBS)

# Sanitizer builds: every unit test and every tool once more with
# AddressSanitizer and UndefinedBehaviorSanitizer (any report aborts),
# linked with every object of common/ compiled once that way
# (build/asan/common/, no object shared with the normal build; all of them,
# not only what an archive would pull).  No _FORTIFY_SOURCE there: ASan
# checks the same calls itself.
SANITIZE       := -fsanitize=address,undefined -fno-sanitize-recover=all \
		  -fno-omit-frame-pointer
COMMON_SRCS     = $(wildcard common/*.c)
COMMON_HDRS     = $(wildcard common/*.h)
ASAN_CPPFLAGS   = $(filter-out -MMD -MP -U_FORTIFY_SOURCE -D_FORTIFY_SOURCE%,\
		  $(CPPFLAGS)) -U_FORTIFY_SOURCE
ASAN_CFLAGS     = $(CFLAGS) $(SANITIZE)
ASAN_LDFLAGS    = $(LDFLAGS) $(SANITIZE)
ASAN_OBJS      := $(patsubst %.c,build/asan/%.o,$(wildcard common/*.c))
ASAN_UNIT_TESTS := $(patsubst tests/unit/%,tests/unit/asan/%,$(UNIT_TESTS))
ASAN_BINS       := $(foreach t,$(TOOLS),build/asan/$(t))

$(ASAN_OBJS): build/asan/%.o: %.c $(COMMON_HDRS)
	@mkdir -p $(@D)
	$(CC) $(ASAN_CPPFLAGS) $(ASAN_CFLAGS) -c -o $@ $<

$(ASAN_UNIT_TESTS): tests/unit/asan/%: tests/unit/%.c $(ASAN_OBJS) $(COMMON_HDRS)
	@mkdir -p $(@D)
	$(CC) $(ASAN_CPPFLAGS) $(SEPOL_CFLAGS) -DSRCDIR='"$(CURDIR)"' $(CMOCKA_CFLAGS) \
		$(ASAN_CFLAGS) $(ASAN_LDFLAGS) -o $@ $< $(ASAN_OBJS) \
		$(CMOCKA_LIBS) $(XEN_LIBS) $(POPT_LIBS) $(SELINUX_LIBS) $(SEPOL_LIBS) \
		$(LDLIBS)

# All of common/ is linked in, hence libselinux for every tool;
# --as-needed drops it where it is unused.
$(foreach t,$(TOOLS),$(eval build/asan/$(t): $(t)/$(t).c))
$(ASAN_BINS): build/asan/%: $(ASAN_OBJS) $(COMMON_HDRS)
	@mkdir -p $(@D)
	$(CC) $(ASAN_CPPFLAGS) $(ASAN_CFLAGS) $(ASAN_LDFLAGS) -o $@ $*/$*.c \
		$(ASAN_OBJS) $(XEN_LIBS) $(POPT_LIBS) $(SELINUX_LIBS) \
		$(LDLIBS)

asan-unit: $(ASAN_UNIT_TESTS)
asan: asan-unit $(ASAN_BINS)

# Unit tests (plain, then under the sanitizers), then every command-line
# case on a real XSM Xen under QEMU, then the host cases once more with the
# sanitizer builds of the tools, the no-FLASK cases on Debian 12's stock
# hypervisor, then the build, the unit tests and the cases on Debian 13
# (a cached trixie root and its stock hypervisor: tests/trixie/check).
# The sweeps' phase 0 here, 1 to 3 in tests/trixie/check's passes
# (tests/xen/dom0/sweep.sh): together they fault every operation with
# every errno and signal, each pass a quarter of them.  The Debian 12
# package is built and checked, then goes into a real Debian 12 dom0
# (check-debian-dom0), beside the host cases, the stock hypervisor's and
# tests/trixie/check: its boots use a core those leave idle (its results
# are printed at the end).
check: all $(UNIT_TESTS) $(ASAN_UNIT_TESTS) $(TEST_HELPERS)
	FLASK_TESTBED_SWEEP=rotate:0 tests/run-all $(UNIT_TESTS) -- $(ASAN_UNIT_TESTS)
	mkdir -p build
	$(MAKE) -s --no-print-directory check-debian-dom0 >build/debian-dom0.log 2>&1 & dd=$$!; \
	$(MAKE) -s --no-print-directory check-host-asan && \
	$(MAKE) -s --no-print-directory check-stock && \
	tests/trixie/check; t=$$?; wait $$dd; d=$$?; \
	cat build/debian-dom0.log; [ $$t -eq 0 ] && [ $$d -eq 0 ]

# The Debian 12 package (tests/package/check), then a real Debian 12 dom0
# it is installed in (tests/xen/debian-dom0).
check-debian-dom0:
	rm -rf build/package && mkdir -p build/package
	FLASK_PACKAGE_KEEP=build/package tests/package/check
	tests/xen/debian-dom0 run bookworm build/package/flask-utils_*.deb

# The no-FLASK cases (boot `disabled`) on Debian 12's own hypervisor,
# xen-hypervisor-4.17-amd64, which Debian builds without XSM.
NOFLASK_CASES = $(patsubst %/boot,%,$(shell grep -lx disabled tests/cases/*/*/boot))

check-stock:
	FLASK_TESTBED_HYPERVISOR=$$(tests/xen/stock-hypervisor bookworm 4.17) \
		tests/xen/run-cases $(NOFLASK_CASES)

check-unit: $(UNIT_TESTS) $(ASAN_UNIT_TESTS)
	tests/run-all --unit-only $(UNIT_TESTS) -- $(ASAN_UNIT_TESTS)

# The cases that run on the host (boot file "host") with the sanitizer
# builds of the tools, on the host only (no QEMU): TOP is build/asan/top, a
# tree whose flask-X/flask-X are those builds and whose other files link
# back to the sources.  tests/cases/build (make install) is left out: it
# tests the Makefile, not the tools.
HOST_CASES = $(filter-out tests/cases/build/%,$(patsubst %/boot,%,\
	     $(shell find tests/cases -name boot -exec grep -lw host {} +)))
ASAN_TOP   := build/asan/top

check-host-asan: $(ASAN_BINS)
	rm -rf $(ASAN_TOP) && mkdir -p $(ASAN_TOP)
	for f in *; do \
		case $$f in build|flask-*) ;; \
		*) ln -s "$(CURDIR)/$$f" $(ASAN_TOP)/ ;; esac; \
	done
	for t in $(TOOLS); do \
		mkdir $(ASAN_TOP)/$$t && \
		ln -s "$(CURDIR)/$$t/$$t.8" $(ASAN_TOP)/$$t/ && \
		cp build/asan/$$t $(ASAN_TOP)/$$t/$$t || exit 1; \
	done
	TOP="$(CURDIR)/$(ASAN_TOP)" tests/xen/run-cases $(HOST_CASES)

# Static analysis: gcc -fanalyzer and cppcheck over common/ and the tools;
# fails on any finding.
LINT_SRCS = $(COMMON_SRCS) $(foreach t,$(TOOLS),$(t)/$(t).c)

lint:
	mandoc -Tlint -W warning $(MANS) doc/flask-utils.8
	tests/lint $(LINT_SRCS) -- $(CC) $(filter-out -MMD -MP,$(CPPFLAGS)) \
		$(CFLAGS)

# The benchmark (tests/bench/startup), in dom0: start-up time and peak
# RSS of our tools against Xen's, a minimal libxenctrl program and the
# floor (tests/bench/floor.c: one GETENFORCE, linked statically, no PIE),
# rows interleaved over rounds; the tools as built and as LINK=static
# builds them (tests/bench/static-*); then batches and policy loads
# (tests/bench/rows-batches).  Prints figures.
BENCH_STATIC  := $(patsubst %,tests/bench/static-%,flask-getenforce \
		 flask-get-bool flask-set-bool)
BENCH_HELPERS := tests/bench/floor $(BENCH_STATIC)

tests/bench/floor: tests/bench/floor.c common/flask.c
	$(CC) $(CPPFLAGS) $(CFLAGS) $(filter-out -pie,$(LDFLAGS)) -static \
		-o $@ $^ $(STATIC_LIBS)

$(foreach t,flask-getenforce flask-get-bool flask-set-bool,\
	$(eval tests/bench/static-$(t): $(t)/$(t).o))
$(BENCH_STATIC): common/libcommon.a
	$(CC) $(filter-out -pie,$(LDFLAGS)) -static-pie -o $@ \
		$(filter %.o,$^) $(filter %.a,$^) \
		$(STATIC_LIBS)

bench: all $(TEST_HELPERS) $(BENCH_HELPERS)
	tests/bench/startup
	tests/bench/startup -f tests/bench/rows-batches -n 8

# make install: the tools to $(SBINDIR), their man pages and the overview
# page flask-utils(8) to $(MANDIR)/man8, the bash completion to
# $(BASHCOMPDIR): one file for the six tools, and a link to it per tool
# name (bash-completion looks a completion up by the command's name).
# Nothing is written or removed over a file that a Debian package owns
# (Debian's xen-utils-common has /usr/sbin/flask-*, the flask-utils package
# the same paths): build-aux/install-check asks dpkg first and stops the
# target before it touches anything; FORCE=1 overrides.  The overview page
# and the completion are installed when present.
DOC_MANS   := doc/flask-utils.8
COMPLETION := completion/flask-utils
INSTALLED   = $(addprefix $(SBINDIR)/,$(TOOLS)) \
	      $(addprefix $(MANDIR)/man8/,$(notdir $(MANS) $(DOC_MANS))) \
	      $(addprefix $(BASHCOMPDIR)/,$(notdir $(COMPLETION)) $(TOOLS))

install: tools
	build-aux/install-check install '$(DESTDIR)' $(INSTALLED)
	$(INSTALL) -d $(DESTDIR)$(SBINDIR) $(DESTDIR)$(MANDIR)/man8
	$(INSTALL) -m 0755 $(BINS) $(DESTDIR)$(SBINDIR)/
	$(INSTALL) -m 0644 $(MANS) $(wildcard $(DOC_MANS)) $(DESTDIR)$(MANDIR)/man8/
	if [ -f $(COMPLETION) ]; then \
		$(INSTALL) -d $(DESTDIR)$(BASHCOMPDIR) && \
		$(INSTALL) -m 0644 $(COMPLETION) $(DESTDIR)$(BASHCOMPDIR)/ && \
		for t in $(TOOLS); do \
			ln -sf $(notdir $(COMPLETION)) $(DESTDIR)$(BASHCOMPDIR)/$$t \
			|| exit 1; \
		done; \
	fi

uninstall:
	build-aux/install-check uninstall '$(DESTDIR)' $(INSTALLED)
	rm -f $(addprefix $(DESTDIR),$(INSTALLED))

# The boot-time restore of device labels, only on request: a systemd unit
# and a sysvinit script, both running $(SBINDIR)/flask-label-pci --restore
# before xendomains starts guests; enabled when installed into this system.
# (The Debian package installs and enables them with debhelper.)
UNIT := flask-label-pci/flask-utils-restore
INSTALLED_UNITS = $(UNITDIR)/flask-utils-restore.service \
		  $(INITDIR)/flask-utils-restore

install-units:
	build-aux/install-check install-units '$(DESTDIR)' $(INSTALLED_UNITS)
	$(INSTALL) -d $(DESTDIR)$(UNITDIR) $(DESTDIR)$(INITDIR)
	sed 's|@SBINDIR@|$(SBINDIR)|g' $(UNIT).service \
		>$(DESTDIR)$(UNITDIR)/flask-utils-restore.service
	sed 's|@SBINDIR@|$(SBINDIR)|g' $(UNIT).init \
		>$(DESTDIR)$(INITDIR)/flask-utils-restore
	chmod 0644 $(DESTDIR)$(UNITDIR)/flask-utils-restore.service
	chmod 0755 $(DESTDIR)$(INITDIR)/flask-utils-restore
	if [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ]; then \
		systemctl daemon-reload && \
		systemctl enable flask-utils-restore.service; \
	elif [ -z "$(DESTDIR)" ] && command -v update-rc.d >/dev/null; then \
		update-rc.d flask-utils-restore defaults; \
	fi

uninstall-units:
	build-aux/install-check uninstall-units '$(DESTDIR)' $(INSTALLED_UNITS)
	if [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ]; then \
		systemctl disable flask-utils-restore.service || :; \
	elif [ -z "$(DESTDIR)" ] && command -v update-rc.d >/dev/null; then \
		update-rc.d -f flask-utils-restore remove || :; \
	fi
	rm -f $(addprefix $(DESTDIR),$(INSTALLED_UNITS))

# The differential oracle (tests/oracle/README.md): Xen's own FLASK security
# server of each Xen version, unmodified, built by tests/oracle/build into
# its cache and tests/oracle/bin/VERSION/ (4.17 from the bench's Debian
# source; 4.20 and 4.22 when their tarballs are in FLASK_XEN_SOURCES, else
# skipped, said by the script); xen-read-VERSION loads policy files with it.
FLASK_XEN_SOURCES ?= $(CURDIR)/../shared/xen
export FLASK_XEN_SOURCES
ORACLE_VERSIONS := 4.17 $(foreach v,4.20 4.22,$(if $(wildcard \
		   $(FLASK_XEN_SOURCES)/xen-$(v).*-hypervisor.tar.xz),$(v)))
ORACLE_READ := $(patsubst %,tests/oracle/bin/xen-read-%,$(ORACLE_VERSIONS))

# always asked (it is quick when cached); copies only what changed
tests/oracle/bin/%/libxenss.a tests/oracle/bin/%/libxenss-fuzz.a: FORCE
	tests/oracle/build -q $* >/dev/null
.PRECIOUS: tests/oracle/bin/%/libxenss.a tests/oracle/bin/%/libxenss-fuzz.a

tests/oracle/bin/xen-read-%: tests/oracle/xen-read.c tests/oracle/oracle.h \
		tests/oracle/bin/%/libxenss.a
	$(FUZZ_CC) -g -O1 -fsanitize=address,undefined -Itests/oracle \
		-o $@ $< tests/oracle/bin/$*/libxenss.a

oracle:
	tests/oracle/build || [ $$? -eq 1 ]
	$(MAKE) --no-print-directory $(ORACLE_READ)

.PHONY: oracle FORCE

# Fuzzing (tests/fuzz): one libFuzzer harness per parser of common/, each
# built with clang, ASan and UBSan in one command from the harness and the
# common/*.c it needs, into tests/fuzz/bin/ (no object shared with the
# normal build; label.c gets stubs for the hypervisor calls it never makes
# while parsing); then mutated policy files through the tools `make all`
# built.  make fuzz: FUZZ_SECONDS per harness, FUZZ_MUTATIONS files;
# make fuzz-ci: the bounded pass CI runs.  Findings go to tests/fuzz/crashes/.
FUZZ_CC        ?= clang
FUZZ_SECONDS   ?= 60
FUZZ_MUTATIONS ?= 300
FUZZ_CI_SECONDS   := 6
FUZZ_CI_MUTATIONS := 100
FUZZ_FLAGS     := -g -O1 -fsanitize=fuzzer,address,undefined \
		  -fno-sanitize-recover=undefined -Wno-unknown-warning-option
FUZZ_CPPFLAGS   = -Icommon -D_GNU_SOURCE $(XEN_CFLAGS) $(POPT_CFLAGS) \
		  $(SEPOL_CFLAGS)
FUZZ_PCI       := common/pci.c common/file.c
FUZZ_LABEL     := common/label.c $(FUZZ_PCI) tests/fuzz/flask-stubs.c
FUZZ_POLICY    := common/policy.c common/policydb.c common/xenclasses.c
FUZZ_SRCS_fuzz-parse         := common/parse.c
FUZZ_SRCS_fuzz-pci-addr      := $(FUZZ_PCI)
FUZZ_SRCS_fuzz-pci-resources := $(FUZZ_PCI)
FUZZ_SRCS_fuzz-pci-irq       := $(FUZZ_PCI)
FUZZ_SRCS_fuzz-label         := $(FUZZ_LABEL)
FUZZ_SRCS_fuzz-store         := common/store.c $(FUZZ_LABEL)
FUZZ_SRCS_fuzz-policy-header := $(FUZZ_POLICY)
FUZZ_SRCS_fuzz-policydb      := common/policydb.c common/xenclasses.c
FUZZ_SRCS_fuzz-policy        := $(FUZZ_POLICY)
FUZZ_SRCS_fuzz-settings      := common/settings.c common/file.c common/name.c
FUZZ_NAMES := parse pci-addr pci-resources pci-irq label store \
	      policy-header policydb policy settings
FUZZ_BINS  := $(patsubst %,tests/fuzz/bin/fuzz-%,$(FUZZ_NAMES))

$(foreach n,$(FUZZ_NAMES),\
	$(eval tests/fuzz/bin/fuzz-$(n): $(FUZZ_SRCS_fuzz-$(n))))
$(FUZZ_BINS): tests/fuzz/bin/%: tests/fuzz/%.c tests/fuzz/fuzz.h \
		$(wildcard common/*.h)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_FLAGS) -o $@ $< $(FUZZ_SRCS_$*) -ldl

tests/fuzz/bin/mutate: tests/fuzz/mutate.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $<

# fuzz-oracle-VERSION: our reader against Xen's own, per Xen version (the
# oracle block above); FUZZ_ORACLE_CI_SECONDS each in make fuzz-ci.
FUZZ_ORACLE_CI_SECONDS := 15
FUZZ_SRCS_fuzz-oracle  := common/policydb.c common/xenclasses.c
FUZZ_ORACLE_BINS := $(patsubst %,tests/fuzz/bin/fuzz-oracle-%,$(ORACLE_VERSIONS))

$(FUZZ_ORACLE_BINS): tests/fuzz/bin/fuzz-oracle-%: tests/fuzz/fuzz-oracle.c \
		tests/fuzz/fuzz.h tests/oracle/oracle.h \
		tests/oracle/bin/%/libxenss-fuzz.a $(FUZZ_SRCS_fuzz-oracle) \
		$(wildcard common/*.h)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CPPFLAGS) -Itests/oracle $(FUZZ_FLAGS) \
		-DORACLE_BASE='"$(CURDIR)/tests/oracle/bin/seeds/xenpolicy-$*"' \
		-o $@ $< $(FUZZ_SRCS_fuzz-oracle) \
		tests/oracle/bin/$*/libxenss-fuzz.a -ldl

fuzz-build: $(FUZZ_BINS) $(FUZZ_ORACLE_BINS) tests/fuzz/bin/mutate

fuzz: all fuzz-build
	tests/fuzz/run -t $(FUZZ_SECONDS) $(FUZZ_BINS)
	tests/fuzz/policy-mutations -n $(FUZZ_MUTATIONS)
	tests/fuzz/run -t $(FUZZ_SECONDS) $(FUZZ_ORACLE_BINS)

fuzz-ci: all fuzz-build
	tests/fuzz/run -t $(FUZZ_CI_SECONDS) $(FUZZ_BINS)
	tests/fuzz/policy-mutations -n $(FUZZ_CI_MUTATIONS)
	tests/fuzz/run -t $(FUZZ_ORACLE_CI_SECONDS) $(FUZZ_ORACLE_BINS)

.PHONY: fuzz fuzz-ci fuzz-build

clean:
	rm -f $(BINS) $(UNIT_TESTS) $(TEST_HELPERS) $(BENCH_HELPERS) \
	      common/libcommon.a
	rm -rf build tests/unit/asan
	rm -rf tests/fuzz/bin tests/oracle/bin
	find . -name '*.[od]' -delete

.PHONY: all tools helpers check check-unit check-host-asan check-stock check-debian-dom0 asan asan-unit lint bench \
	install uninstall install-units uninstall-units clean

-include $(wildcard */*.d tests/*/*.d)
