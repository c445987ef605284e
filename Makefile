# SPDX-License-Identifier: GPL-2.0-or-later
# flask-utils: one non-recursive Makefile for the tools, their tests and docs.

VERSION    := 0.1
PREFIX     ?= /usr/local
SBINDIR    ?= $(PREFIX)/sbin
MANDIR     ?= $(PREFIX)/share/man
UNITDIR    ?= $(PREFIX)/lib/systemd/system
INITDIR    ?= /etc/init.d
PKG_CONFIG ?= pkg-config
INSTALL    ?= install

CFLAGS   ?= -O2 -g
CFLAGS   += -std=gnu11 -Wall -Wextra -Wshadow -Wstrict-prototypes \
	    -Wmissing-prototypes -Wformat=2
CPPFLAGS += -D_GNU_SOURCE -DVERSION='"$(VERSION)"' -Icommon -MMD -MP
LDFLAGS  += -Wl,--as-needed

# Each tool links only what it uses: every tool needs the hypercall layer
# (libxencall, libxentoollog) and popt; flask-label-pci also libselinux.
XEN_CFLAGS   := $(shell $(PKG_CONFIG) --cflags xencall xentoollog)
XEN_LIBS     := $(shell $(PKG_CONFIG) --libs xencall xentoollog)
POPT_CFLAGS  := $(shell $(PKG_CONFIG) --cflags popt)
POPT_LIBS    := $(shell $(PKG_CONFIG) --libs popt)
SELINUX_LIBS := $(shell $(PKG_CONFIG) --libs libselinux)
# libsepol is loaded with dlopen() when a policy file is read: headers only.
SEPOL_CFLAGS := $(shell $(PKG_CONFIG) --cflags libsepol)
XENCTRL_CFLAGS = $(shell $(PKG_CONFIG) --cflags xencontrol)
XENCTRL_LIBS   = $(shell $(PKG_CONFIG) --libs xencontrol xentoollog)
CMOCKA_CFLAGS = $(shell $(PKG_CONFIG) --cflags cmocka)
CMOCKA_LIBS   = $(shell $(PKG_CONFIG) --libs cmocka)

CPPFLAGS += $(XEN_CFLAGS) $(POPT_CFLAGS) $(SEPOL_CFLAGS)

TOOLS := flask-get-bool flask-set-bool flask-getenforce flask-setenforce \
	 flask-label-pci flask-loadpolicy
BINS  := $(foreach t,$(TOOLS),$(t)/$(t))
MANS  := $(foreach t,$(TOOLS),$(t)/$(t).8)

COMMON_OBJS := $(patsubst %.c,%.o,$(wildcard common/*.c))
UNIT_TESTS  := $(patsubst %.c,%,$(wildcard tests/unit/test-*.c))

all: $(BINS)

common/libcommon.a: $(COMMON_OBJS)
	$(AR) rcs $@ $^

$(BINS): %: %.o common/libcommon.a
	$(CC) $(LDFLAGS) -o $@ $^ $(XEN_LIBS) $(POPT_LIBS) $(TOOL_LIBS) $(LDLIBS)

flask-label-pci/flask-label-pci: TOOL_LIBS = $(SELINUX_LIBS)

# Unit tests find their fixtures under SRCDIR/tests/unit.
$(UNIT_TESTS): %: %.c common/libcommon.a
	$(CC) $(CPPFLAGS) -DSRCDIR='"$(CURDIR)"' $(CMOCKA_CFLAGS) $(CFLAGS) \
		$(LDFLAGS) -o $@ $^ $(CMOCKA_LIBS) $(XEN_LIBS) $(POPT_LIBS) \
		$(LDLIBS)

# Helpers the bench copies into dom0 beside the tools: an LD_PRELOAD trap
# the cases use to make one FLASK operation fail or wait, a probe of I/O
# labels that goes through libxenctrl, a driver of the FLASK operations no
# tool uses yet, the passthrough questions of `xl pci-attach` asked through
# libxenctrl, and the start-up
# benchmark's timer and minimal libxenctrl program.
TEST_HELPERS := tests/helpers/op-trap.so tests/helpers/ocon-probe \
		tests/helpers/flask-ops tests/helpers/pt-attach \
		tests/bench/spawn-bench \
		tests/bench/xc-getenforce

tests/helpers/op-trap.so: tests/helpers/op-trap.c
	$(CC) $(CPPFLAGS) $(CFLAGS) -fPIC -shared $(LDFLAGS) -o $@ $< -ldl

tests/helpers/flask-ops: tests/helpers/flask-ops.c common/libcommon.a
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(XEN_LIBS)

tests/bench/spawn-bench: tests/bench/spawn-bench.c
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $<

tests/helpers/ocon-probe tests/helpers/pt-attach tests/bench/xc-getenforce: \
		%: %.c
	$(CC) $(CPPFLAGS) $(XENCTRL_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< \
		$(XENCTRL_LIBS)

# Unit tests, then every command-line case on a real XSM Xen under QEMU.
check: all $(UNIT_TESTS) $(TEST_HELPERS)
	tests/run-all $(UNIT_TESTS)

check-unit: $(UNIT_TESTS)
	tests/run-all --unit-only $(UNIT_TESTS)

# Start-up time and memory of our tools, Xen's and a minimal libxenctrl
# program, measured in dom0: prints figures.
bench: all $(TEST_HELPERS)
	tests/bench/startup

install: all
	$(INSTALL) -d $(DESTDIR)$(SBINDIR) $(DESTDIR)$(MANDIR)/man8
	$(INSTALL) -m 0755 $(BINS) $(DESTDIR)$(SBINDIR)/
	$(INSTALL) -m 0644 $(MANS) $(DESTDIR)$(MANDIR)/man8/

uninstall:
	rm -f $(addprefix $(DESTDIR)$(SBINDIR)/,$(TOOLS)) \
	      $(addprefix $(DESTDIR)$(MANDIR)/man8/,$(addsuffix .8,$(TOOLS)))

# The boot-time restore of device labels, only on request: a systemd unit
# and a sysvinit script, both running $(SBINDIR)/flask-label-pci --restore
# before xendomains starts guests; enabled when installed into this system.
UNIT := flask-label-pci/flask-utils-restore

install-units:
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
	if [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ]; then \
		systemctl disable flask-utils-restore.service || :; \
	elif [ -z "$(DESTDIR)" ] && command -v update-rc.d >/dev/null; then \
		update-rc.d -f flask-utils-restore remove || :; \
	fi
	rm -f $(DESTDIR)$(UNITDIR)/flask-utils-restore.service \
	      $(DESTDIR)$(INITDIR)/flask-utils-restore

clean:
	rm -f $(BINS) $(UNIT_TESTS) $(TEST_HELPERS) common/libcommon.a
	find . -name '*.[od]' -delete

.PHONY: all check check-unit bench install uninstall install-units \
	uninstall-units clean

-include $(wildcard */*.d tests/*/*.d)
