# shellcheck shell=bash
# testbed.sh - shared helpers of the Xen/FLASK test bench (sourced, not run).
#
# Used by tests/xen/prepare, run-cases, run-in-dom0 and demo.  Provides:
# logging, the Debian package check, the cache (Xen source, hypervisor,
# policies, dom0 kernel), the initramfs packer, the QEMU boot and the
# decoding of the result blocks the dom0 payload prints on the serial line.

TB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TB_REPO=$(cd "$TB_DIR/../.." && pwd)
TOP=${TOP:-$TB_REPO}
TB_CACHE=${FLASK_TESTBED_CACHE:-/var/cache/flask-utils-testbed}
# The XSM hypervisor of the bench: FLASK_TESTBED_XEN=4.17 (the default:
# built from Debian 12's source package, the Xen tools of Debian 12 in
# dom0), 4.20 or 4.22 (built from upstream's tarball in FLASK_XEN_SOURCES,
# default ../shared/xen; dom0 takes Xen's tools from FLASK_TESTBED_XEN_ROOT,
# and runs no toolstack on a Xen newer than those tools: see
# tests/xen/README.md, "Xen versions").
TB_SERIES=${FLASK_TESTBED_XEN:-4.17}
case $TB_SERIES in
4.17|4.20|4.22) ;;
*) printf '[testbed] ERROR: FLASK_TESTBED_XEN: no Xen %s here (4.17, 4.20 or 4.22)\n' "$TB_SERIES" >&2; exit 2 ;;
esac
TB_XEN_SOURCES=${FLASK_XEN_SOURCES:-$TB_REPO/../shared/xen}
# The sweeps' depth (tests/xen/dom0/sweep.sh): every errno and signal at
# every FLASK operation, or rotate:P (P 0-3): one of them per operation, in
# turn from the P-th; the four phases together try every one.
TB_SWEEP=${FLASK_TESTBED_SWEEP:-every}
case $TB_SWEEP in
every|rotate:[0-3]) ;;
*) printf '[testbed] ERROR: FLASK_TESTBED_SWEEP: every or rotate:0 to rotate:3, not %s\n' "$TB_SWEEP" >&2; exit 2 ;;
esac
# Xen's tools on this machine (Debian 12's xen-utils-4.17)
TB_XEN_BIN=/usr/lib/xen-4.17/bin
TB_PREFIX='@@FU@@'
# Time limits scale with the work, not with the clock on the wall:
# - in dom0, every limit (a case script's, a script's of run-in-dom0) is in
#   reference seconds (the time on this bench's idle 2-core machine), which
#   dom0's clock (dom0/clock) stretches by the slowdown of the host it
#   measures every few seconds;
# - on the host, QEMU is stopped only when it has made no progress for
#   TB_STALL s: no new line of dom0's (the clock's TICK lines, every few
#   seconds while dom0 is on time, and the result blocks); a dom0 step
#   stuck past its allowance stops the ticks;
# - FLASK_TESTBED_TIMEOUT=S adds a wall-clock limit per QEMU run (none
#   unless set).
TB_STALL=${FLASK_TESTBED_STALL:-300}
TB_BOOT_TIMEOUT=${FLASK_TESTBED_TIMEOUT:-}
# Dom0's clock: a loop of TB_CLOCK_LOOPS shell additions takes about
# TB_CLOCK_REF ms in dom0 on the reference machine, idle (two boots at
# once: one per core); timed every TB_CLOCK_EVERY s.  FLASK_TESTBED_SCALE:
# auto (measure), or a fixed slowdown factor (1: reference seconds are
# wall seconds).
TB_CLOCK_LOOPS=5000 TB_CLOCK_REF=140 TB_CLOCK_EVERY=5
TB_SCALE=${FLASK_TESTBED_SCALE:-auto}
# Allowance of a run-in-dom0 script (reference seconds; run-in-dom0 --timeout).
TB_SCRIPT_TIMEOUT=${FLASK_TESTBED_SCRIPT_TIMEOUT:-600}
# Kernel console verbosity in dom0 (1 = only emergencies).
TB_LOGLEVEL=${FLASK_TESTBED_LOGLEVEL:-1}
export LC_ALL=C
trap tb_cleanup EXIT
trap 'exit 130' INT TERM HUP

tb_now() { printf '%s' "${EPOCHREALTIME:-$(date +%s.%N)}"; }
tb_since() { # START -> seconds elapsed, one decimal
    awk -v a="$1" -v b="$(tb_now)" 'BEGIN { printf "%.1f", b - a }'
}
tb_log() { printf '[testbed] %s\n' "$*" >&2; }
tb_die() { printf '[testbed] ERROR: %s\n' "$*" >&2; exit 2; }

tb_hash() { # FILE|STRING... -> 16 hex digits over the contents/strings
    local x
    for x in "$@"; do
        if [ -f "$x" ]; then cat "$x"; else printf '%s\n' "$x"; fi
    done | sha256sum | cut -c1-16
}

# --------------------------------------------------------------------------
# Debian packages
tb_deps() {
    local pkg missing=()
    while read -r pkg _; do
        case $pkg in ''|'#'*) continue ;; esac
        if [ "$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null)" != installed ]; then
            missing+=("$pkg")
        fi
    done < "$TB_DIR/deps"
    [ ${#missing[@]} -eq 0 ] && return 0
    [ "$(id -u)" = 0 ] || tb_die "missing Debian packages (need root to install): ${missing[*]}"
    tb_log "installing missing packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q </dev/null >&2 || tb_die "apt-get update failed"
    apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null >&2 \
        || tb_die "apt-get install ${missing[*]} failed"
}

# --------------------------------------------------------------------------
# Private deb-src configuration derived from the machine's apt sources.
# Only the distribution's own suite and its -updates suite (the -security
# index lists a xen source whose files are not served).
tb_apt_src_dir() { printf '%s/apt-src' "$TB_CACHE"; }
tb_apt_src_opts() {
    local d
    d=$(tb_apt_src_dir)
    printf '%s\n' -o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$d/sources.list.d" \
        -o "Dir::State::Lists=$d/lists" -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache= \
        -o APT::Sandbox::User=root
}
tb_apt_src_write() {
    local d codename f
    d=$(tb_apt_src_dir)
    codename=$(. /etc/os-release && printf '%s' "${VERSION_CODENAME:-}")
    [ -n "$codename" ] || tb_die "no VERSION_CODENAME in /etc/os-release"
    rm -rf "$d/sources.list.d"
    mkdir -p "$d/sources.list.d" "$d/lists/partial"
    # deb822 stanzas: keep Types deb, rewrite to deb-src, keep only our suites.
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        awk -v cn="$codename" '
            function flush(   i, n, s, out, keep) {
                if (nl == 0) return
                if (types ~ /(^|[ \t])deb([ \t]|$)/ && enabled !~ /^[ \t]*no/) {
                    n = split(suites, s, /[ \t]+/); out = ""
                    for (i = 1; i <= n; i++)
                        if (s[i] == cn || s[i] == cn "-updates") out = out " " s[i]
                    if (out != "") {
                        for (i = 1; i <= nl; i++) {
                            if (line[i] ~ /^Types:/) print "Types: deb-src"
                            else if (line[i] ~ /^Suites:/) print "Suites:" out
                            else print line[i]
                        }
                        print ""
                    }
                }
                nl = 0; types = ""; suites = ""; enabled = ""
            }
            /^#/ { next }
            /^[ \t]*$/ { flush(); next }
            { line[++nl] = $0 }
            /^Types:/ { types = substr($0, 7) }
            /^Suites:/ { suites = substr($0, 8) }
            /^Enabled:/ { enabled = substr($0, 9) }
            END { flush() }
        ' "$f" >> "$d/sources.list.d/tb-src.sources"
    done
    # one-line format
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [ -f "$f" ] || continue
        awk -v cn="$codename" '
            $1 != "deb" { next }
            { i = 2; if ($2 ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ } }
            $(i + 1) == cn || $(i + 1) == cn "-updates" { $1 = "deb-src"; print }
        ' "$f" >> "$d/sources.list.d/tb-src.list"
    done
    if ! grep -q '^Types: deb-src' "$d/sources.list.d/tb-src.sources" 2>/dev/null &&
       ! grep -q '^deb-src' "$d/sources.list.d/tb-src.list" 2>/dev/null; then
        tb_die "found no '$codename' apt source in /etc/apt to derive a deb-src entry from"
    fi
}

# --------------------------------------------------------------------------
# Xen's source: Debian's source package for 4.17 (tb_xen_src_debian),
# upstream's tarball for 4.20 and 4.22 (tb_xen_src_upstream)
tb_xen_src() { # sets TB_XEN_SRC, TB_XEN_SRCVER
    if [ "$TB_SERIES" = 4.17 ]; then tb_xen_src_debian; else tb_xen_src_upstream; fi
}

# FLASK_XEN_SOURCES/xen-V-hypervisor.tar.xz (the newest V of the series)
# -> $TB_CACHE/src/upstream/xen-V, extracted once (read-only input: the
# tarball's hash is checked at each run, 3 MB)
tb_xen_src_upstream() {
    local tar v key dir t0
    tar=$(find "$TB_XEN_SOURCES" -maxdepth 1 -name "xen-$TB_SERIES.*-hypervisor.tar.xz" 2>/dev/null | sort -V | tail -n 1)
    [ -n "$tar" ] || tb_die "no xen-$TB_SERIES.*-hypervisor.tar.xz in $TB_XEN_SOURCES (FLASK_XEN_SOURCES)"
    v=${tar##*/xen-}; v=${v%-hypervisor.tar.xz}
    key=$(sha256sum < "$tar" | cut -c1-16)
    dir=$TB_CACHE/src/upstream/xen-$v
    if [ "$(cat "$dir/.key" 2>/dev/null)" != "$key" ] || [ ! -d "$dir/xen" ]; then
        t0=$(tb_now)
        rm -rf "$dir" "$dir.tmp"
        mkdir -p "$dir.tmp"
        tar -C "$dir.tmp" -xJf "$tar" || tb_die "cannot extract $tar"
        [ -d "$dir.tmp/xen-$v/xen" ] || tb_die "$tar has no xen-$v/xen"
        mv "$dir.tmp/xen-$v" "$dir"
        rm -rf "$dir.tmp"
        printf '%s\n' "$key" > "$dir/.key"
        tb_log "xen source $v: extracted from $tar in $(tb_since "$t0") s"
    else
        tb_log "xen source $v (upstream): cached"
    fi
    TB_XEN_SRCVER=$v TB_XEN_SRC=$dir
}

# Xen source package -> $TB_CACHE/src/xen_<version>/xen-<upstream>
tb_xen_src_debian() { # sets TB_XEN_SRC, TB_XEN_SRCVER
    local vf="$TB_CACHE/src/xen.version" v opts t0 tmp dir
    if [ -f "$vf" ]; then
        v=$(cat "$vf")
        dir=$(cat "$TB_CACHE/src/xen_$v/.tree" 2>/dev/null || true)
        if [ -n "$dir" ] && [ -d "$TB_CACHE/src/xen_$v/$dir/xen" ]; then
            TB_XEN_SRCVER=$v; TB_XEN_SRC=$TB_CACHE/src/xen_$v/$dir
            tb_log "xen source $v: cached"
            return 0
        fi
    fi
    t0=$(tb_now)
    tb_apt_src_write
    mapfile -t opts < <(tb_apt_src_opts)
    tb_log "xen source: apt-get update (private deb-src lists in $(tb_apt_src_dir))"
    apt-get "${opts[@]}" update -q </dev/null >"$TB_CACHE/src/apt-update.log" 2>&1 \
        || { tail -20 "$TB_CACHE/src/apt-update.log" >&2; tb_die "apt-get update (deb-src) failed"; }
    for v in $(apt-cache "${opts[@]}" showsrc xen 2>/dev/null | awk '/^Version:/ { print $2 }' | sort -u | sort -rV); do
        tmp=$TB_CACHE/src/tmp.$$
        rm -rf "$tmp"; mkdir -p "$tmp"
        tb_log "xen source: trying apt-get source xen=$v"
        if (cd "$tmp" && apt-get "${opts[@]}" source -q "xen=$v" </dev/null >../apt-source.log 2>&1); then
            dir=$(cd "$tmp" && for d in xen-*/; do [ -d "$d/xen" ] && printf '%s' "${d%/}"; done)
            [ -n "$dir" ] || tb_die "apt-get source xen=$v produced no xen-*/ tree"
            printf '%s\n' "$dir" > "$tmp/.tree"
            rm -rf "$TB_CACHE/src/xen_$v"
            mv "$tmp" "$TB_CACHE/src/xen_$v"
            printf '%s\n' "$v" > "$vf"
            TB_XEN_SRCVER=$v; TB_XEN_SRC=$TB_CACHE/src/xen_$v/$dir
            tb_log "xen source $v: fetched in $(tb_since "$t0") s"
            return 0
        fi
        tail -3 "$TB_CACHE/src/apt-source.log" >&2
        rm -rf "$tmp"
    done
    tb_die "could not fetch any version of the xen source package (see $TB_CACHE/src/apt-source.log)"
}

# --------------------------------------------------------------------------
# Hypervisor: $TB_CACHE/xen/<series>/<key>/{xen,config,xen-version}
# key = source version + xen.config + build-xen
tb_xen_build() { # sets TB_XEN, TB_XEN_VERSION
    local key dir t0 log top=$TB_CACHE/xen/$TB_SERIES
    key=$(tb_hash "$TB_XEN_SRCVER" "$TB_DIR/xen.config" "$TB_DIR/build-xen")
    dir=$top/$key
    if [ ! -f "$dir/.done" ]; then
        t0=$(tb_now)
        log=$top/$key.log
        tb_log "xen hypervisor $TB_SERIES: building (key $key; log $log)"
        rm -rf "$dir"; mkdir -p "$top"
        if ! "$TB_DIR/build-xen" "$TB_XEN_SRC" "$top/build-$TB_XEN_SRCVER" "$dir" \
                "$TB_DIR/xen.config" </dev/null >"$log" 2>&1; then
            tail -40 "$log" >&2
            tb_die "xen hypervisor build failed (log: $log)"
        fi
        touch "$dir/.done"
        tb_prune "$top" "$key"
        tb_log "xen hypervisor: built in $(tb_since "$t0") s"
    else
        tb_log "xen hypervisor: cached ($key)"
    fi
    TB_XEN=$dir/xen
    TB_XEN_VERSION=$(cat "$dir/xen-version")
    # another hypervisor (an uncompressed xen ELF), e.g. Debian 13's stock
    # one for the no-FLASK cases (tests/trixie/check); its dom0 needs its
    # own Xen tools: FLASK_TESTBED_XEN_ROOT
    if [ -n "${FLASK_TESTBED_HYPERVISOR:-}" ]; then
        [ -f "$FLASK_TESTBED_HYPERVISOR" ] || tb_die "no hypervisor $FLASK_TESTBED_HYPERVISOR"
        TB_XEN=$FLASK_TESTBED_HYPERVISOR
        tb_log "platform: hypervisor $TB_XEN (FLASK_TESTBED_HYPERVISOR), not the one built"
    else
        tb_log "platform: hypervisor Xen $TB_XEN_VERSION with XSM, built from $([ "$TB_SERIES" = 4.17 ] && echo "Debian's source" || echo "upstream's source") $TB_XEN_SRCVER"
    fi
}

# Policies: $TB_CACHE/policy/<series>/<key>/xenpolicy-{SERIES,nosetbool,
# nobools,v31,mls,...} and selinux-policy (see build-policy); SERIES is
# the version's default policy, e.g. xenpolicy-4.20
# key = source version + build-policy + the policy-*.patch files
tb_policy_build() { # sets TB_POLICY_DIR, TB_POLICY (the default policy)
    local key dir t0 log top=$TB_CACHE/policy/$TB_SERIES
    key=$(tb_hash "$TB_XEN_SRCVER" "$TB_DIR/build-policy" "$TB_DIR"/policy-*.patch)
    dir=$top/$key
    if [ ! -f "$dir/.done" ]; then
        t0=$(tb_now)
        log=$top/$key.log
        rm -rf "$dir"; mkdir -p "$top"
        if ! "$TB_DIR/build-policy" "$TB_XEN_SRC" "$dir" "$TB_SERIES" </dev/null >"$log" 2>&1; then
            tail -40 "$log" >&2
            tb_die "policy build failed (log: $log)"
        fi
        touch "$dir/.done"
        tb_prune "$top" "$key"
        tb_log "policies: built in $(tb_since "$t0") s"
    else
        tb_log "policies: cached ($key)"
    fi
    TB_POLICY_DIR=$dir TB_POLICY=$dir/xenpolicy-$TB_SERIES
}

# Dom0 kernel: $TB_CACHE/kernel/<package>_<version>/{vmlinuz,vmlinux,modules/*.ko}
# The modules taken from the package: dom0's (TB_DOM0_MODULES; xen-pciback
# for passthrough) and a passthrough guest's (TB_GUEST_MODULES: pcifront
# and the bench NICs' driver); the same kernel boots the guest.
TB_DOM0_MODULES="xen-privcmd xenfs xen-evtchn xen-gntdev xen-gntalloc xen-pciback"
TB_GUEST_MODULES="xen-pcifront e1000"
# The Debian dom0's (tests/xen/debian-dom0): a tree of the package's
# modules as it ships them (DIR/tree/lib/modules/VERSION: Xen's drivers,
# the virtio disk and ext4, depmod's input files), paths under kernel/
TB_TREE_MODULES="drivers/xen drivers/virtio drivers/block/virtio_blk.ko drivers/block/xen-blkback
drivers/net/xen-netback fs/ext4 fs/jbd2 fs/mbcache.ko lib/crc16.ko crypto/crc32c_generic.ko"
tb_kernel() { # sets TB_KERNEL_DIR, TB_KERNEL (vmlinux, else vmlinuz)
    local pkg='' ver='' dir t0 tmp m f try stamp kv paths
    local modules="$TB_DOM0_MODULES $TB_GUEST_MODULES tree: $TB_TREE_MODULES"
    # apt-cache takes ~1 s here: reuse the last answer while the package
    # lists are unchanged
    stamp=$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -printf '%f %T@\n' 2>/dev/null | sort | sha256sum | cut -c1-16)
    if [ -f "$TB_CACHE/kernel/resolved" ]; then
        read -r f pkg ver < "$TB_CACHE/kernel/resolved" || true
        [ "$f" = "$stamp" ] && [ -f "$TB_CACHE/kernel/${pkg}_$ver/.done" ] || pkg=
    fi
    [ -n "$pkg" ] || for try in 1 2; do
        pkg=$(apt-cache depends linux-image-amd64 2>/dev/null |
              awk '$1 == "Depends:" && $2 ~ /^linux-image-/ { print $2; exit }')
        ver=
        [ -z "$pkg" ] || ver=$(apt-cache policy "$pkg" 2>/dev/null | awk '$1 == "Candidate:" { print $2 }')
        if [ -n "$pkg" ] && [ -n "$ver" ] && [ "$ver" != "(none)" ]; then break; fi
        [ "$try" = 1 ] || tb_die "cannot find the package linux-image-amd64 depends on"
        tb_log "dom0 kernel: no package data, running apt-get update"
        apt-get update -q </dev/null >&2 || tb_die "apt-get update failed"
    done
    dir=$TB_CACHE/kernel/${pkg}_$ver
    mkdir -p "$TB_CACHE/kernel"
    # an entry made with another module list is made again
    [ "$(cat "$dir/modules.list" 2>/dev/null)" = "$modules" ] || rm -f "$dir/.done"
    if [ ! -f "$dir/.done" ]; then
        t0=$(tb_now)
        tmp=$TB_CACHE/kernel/tmp.$$
        rm -rf "$tmp" "$dir"; mkdir -p "$tmp/x" "$dir/modules"
        tb_log "dom0 kernel: apt-get download $pkg=$ver"
        if ! (cd "$tmp" && apt-get -q -o APT::Sandbox::User=root download "$pkg=$ver" </dev/null >&2); then
            tb_log "dom0 kernel: download failed, retrying after apt-get update"
            apt-get update -q </dev/null >&2 || tb_die "apt-get update failed"
            (cd "$tmp" && apt-get -q -o APT::Sandbox::User=root download "$pkg=$ver" </dev/null >&2) \
                || tb_die "apt-get download $pkg=$ver failed"
        fi
        dpkg-deb -x "$tmp"/*.deb "$tmp/x"
        cp "$tmp"/x/boot/vmlinuz-* "$dir/vmlinuz"
        kv=$(ls "$tmp/x/lib/modules")
        mkdir -p "$dir/tree"
        paths=("lib/modules/$kv"/modules.{order,builtin,builtin.modinfo})
        for m in $TB_TREE_MODULES; do paths+=("lib/modules/$kv/kernel/$m"); done
        { tar -C "$tmp/x" -cf "$tmp/tree.tar" "${paths[@]}" && tar -C "$dir/tree" -xf "$tmp/tree.tar"; } ||
            tb_die "the module tree of $pkg is not as expected"
        for m in $TB_DOM0_MODULES $TB_GUEST_MODULES; do
            f=$(find "$tmp/x/lib/modules" -name "$m.ko*" | head -n 1)
            [ -n "$f" ] || tb_die "module $m not found in $pkg"
            case $f in
            *.ko) cp "$f" "$dir/modules/$m.ko" ;;
            *.ko.xz) xz -dc "$f" > "$dir/modules/$m.ko" ;;
            *.ko.gz) gzip -dc "$f" > "$dir/modules/$m.ko" ;;
            *) tb_die "unsupported module file $f" ;;
            esac
        done
        rm -rf "$tmp"
        tb_vmlinux "$dir"
        printf '%s\n' "$modules" > "$dir/modules.list"
        touch "$dir/.done"
        tb_prune "$TB_CACHE/kernel" "${pkg}_$ver"
        tb_log "dom0 kernel $pkg $ver: fetched in $(tb_since "$t0") s"
    else
        tb_log "dom0 kernel $pkg $ver: cached"
    fi
    [ -f "$dir/vmlinux" ] || [ -f "$dir/vmlinux.none" ] || tb_vmlinux "$dir"
    printf '%s %s %s\n' "$stamp" "$pkg" "$ver" > "$TB_CACHE/kernel/resolved"
    TB_KERNEL=$dir/vmlinuz
    [ ! -f "$dir/vmlinux" ] || TB_KERNEL=$dir/vmlinux
    TB_KERNEL_DIR=$dir
}

# Decompress DIR/vmlinuz (bzImage) to the ELF DIR/vmlinux, as the kernel's
# scripts/extract-vmlinux does: Xen then skips decompressing dom0's kernel
# under emulation, which saves about 3 s per boot.  If that fails, boots use
# vmlinuz (DIR/vmlinux.none records the failure).
tb_vmlinux() { # DIR
    local d=$1 off magic
    for magic in '\xfd7zXZ\x00' '\x1f\x8b\x08'; do
        # shellcheck disable=SC2013
        for off in $(LC_ALL=C grep -obUaP "$magic" "$d/vmlinuz" 2>/dev/null | cut -d: -f1); do
            case $magic in
            *7zXZ*) tail -c +"$((off + 1))" "$d/vmlinuz" | xz -dc --single-stream > "$d/vmlinux.tmp" 2>/dev/null || true ;;
            *) tail -c +"$((off + 1))" "$d/vmlinuz" | gzip -dc > "$d/vmlinux.tmp" 2>/dev/null || true ;;
            esac
            if [ "$(head -c 4 "$d/vmlinux.tmp" | od -An -tx1 | tr -d ' \n')" = 7f454c46 ]; then
                mv "$d/vmlinux.tmp" "$d/vmlinux"
                return 0
            fi
        done
    done
    rm -f "$d/vmlinux.tmp"
    touch "$d/vmlinux.none"
    tb_log "dom0 kernel: could not decompress vmlinuz, booting it compressed (slower)"
}

tb_prune() { # DIR KEEP - remove the other versions: DIR/* except KEEP, KEEP.log, build-*
    local d
    for d in "$1"/*; do
        case ${d##*/} in "$2"|"$2.log"|build-*|resolved) continue ;; esac
        rm -rf "$d"
    done
}

# Everything, under a lock (concurrent runs share the cache).
# shellcheck disable=SC2120
tb_prepare() { # [--rebuild]
    local t0 d rebuild=''
    [ "${1:-}" = --rebuild ] && rebuild=1
    t0=$(tb_now)
    tb_deps
    mkdir -p "$TB_CACHE/src" || tb_die "cannot create $TB_CACHE"
    exec 9>"$TB_CACHE/.lock"
    flock -w 3600 9 || tb_die "cannot lock $TB_CACHE/.lock"
    if [ -n "$rebuild" ]; then
        tb_log "--rebuild: removing built hypervisors and policies"
        rm -rf "$TB_CACHE/xen" "$TB_CACHE/policy"
    fi
    # hypervisors and policies of the layout before versions (xen/KEY)
    for d in "$TB_CACHE"/xen/* "$TB_CACHE"/policy/*; do
        case ${d##*/} in 4.*) ;; *) rm -rf "$d" ;; esac
    done
    tb_xen_src
    tb_xen_build
    tb_policy_build
    tb_kernel
    flock -u 9
    exec 9>&-
    tb_log "prepared in $(tb_since "$t0") s (cache $TB_CACHE)"
}

# --------------------------------------------------------------------------
# Profiles (tests/xen/profiles)
tb_profile() { # NAME -> sets TB_P_XEN, TB_P_POLICY, TB_P_RESET, TB_P_MACHINE; fails if unknown
    local line
    line=$(awk -v n="$1" '$1 == n && $1 !~ /^#/ { print; exit }' "$TB_DIR/profiles")
    [ -n "$line" ] || return 1
    # shellcheck disable=SC2034  # TB_P_RESET is used by run-cases
    read -r _ TB_P_XEN TB_P_POLICY TB_P_RESET TB_P_MACHINE <<<"$line"
    case $TB_P_RESET in
    full|files|boot) ;;
    *) tb_die "profile '$1': unknown reset kind '$TB_P_RESET' (full, files or boot) in $TB_DIR/profiles" ;;
    esac
    case ${TB_P_MACHINE:=pc} in
    pc|vtd|vtd-nointremap|vtd-noiommu) ;;
    *) tb_die "profile '$1': unknown machine '$TB_P_MACHINE' (pc, vtd, vtd-nointremap or vtd-noiommu) in $TB_DIR/profiles" ;;
    esac
}
tb_profiles() { awk '$1 !~ /^#/ && NF >= 4 { print $1 }' "$TB_DIR/profiles"; }

# --------------------------------------------------------------------------
# The platform: which Xen tools dom0 has, and whether they can run on the
# hypervisor booted.  Sets TB_DOM0_XEN_BIN (their folder in dom0 and in
# FLASK_TESTBED_XEN_ROOT, else TB_XEN_BIN), TB_TOOLS_SERIES (their version)
# and TB_TOOLSTACK: 1 when xenstored, xen-init-dom0, xl and the test helpers
# (libxenctrl's domctls and sysctls, whose interface versions change with
# every Xen release) are of the hypervisor's own version; 0 when they are
# not (no toolstack for 4.22 here: dom0 starts none, and the cases that
# need one are skipped).  The FLASK operations and Xen's flask-* tools
# (xsm_op, a stable interface) work across versions.
tb_platform() {
    local a
    if [ -n "${FLASK_TESTBED_XEN_ROOT:-}" ]; then
        a=$(cd "$FLASK_TESTBED_XEN_ROOT" && ls -d usr/lib/xen-[0-9]*/bin 2>/dev/null | sort -V | tail -n 1)
        [ -n "$a" ] || tb_die "no usr/lib/xen-*/bin in $FLASK_TESTBED_XEN_ROOT"
        TB_DOM0_XEN_BIN=/$a
    else
        TB_DOM0_XEN_BIN=$TB_XEN_BIN
    fi
    TB_TOOLS_SERIES=${TB_DOM0_XEN_BIN#/usr/lib/xen-}; TB_TOOLS_SERIES=${TB_TOOLS_SERIES%/bin}
    TB_TOOLSTACK=0
    [ "$TB_TOOLS_SERIES" != "$TB_SERIES" ] || TB_TOOLSTACK=1
    # Debian 13's stock hypervisor (FLASK_TESTBED_HYPERVISOR) runs its own tools
    [ -z "${FLASK_TESTBED_HYPERVISOR:-}" ] || TB_TOOLSTACK=1
}

# --------------------------------------------------------------------------
# Initramfs
tb_tool_binaries() { # our tools: $TOP/flask-X/flask-X, executable
    local f
    for f in "$TOP"/flask-*/flask-*; do
        if [ ! -f "$f" ] || [ ! -x "$f" ]; then continue; fi
        [ "${f##*/}" = "$(basename "$(dirname "$f")")" ] && printf '%s\n' "$f"
    done
}
tb_check_tools() { # fail unless every $TOP/flask-*/ folder has its binary
    local d n missing=() found=0
    for d in "$TOP"/flask-*/; do
        [ -d "$d" ] || continue
        n=$(basename "$d")
        if [ -f "$d/$n" ] && [ -x "$d/$n" ]; then found=$((found + 1)); else missing+=("$d$n"); fi
    done
    [ ${#missing[@]} -eq 0 ] || tb_die "tool binaries missing (run make at the top first): ${missing[*]}"
    [ "$found" -gt 0 ] || tb_die "no tools found in $TOP/flask-*/flask-* (run make at the top first)"
}

tb_copy_with_libs() { # ROOT FILE DEST - copy FILE to ROOT/DEST plus its shared libraries
    local root=$1 f=$2 dest=$3 lib
    mkdir -p "$root$(dirname "$dest")"
    cp -L "$f" "$root$dest"
    for lib in $(ldd "$f" 2>/dev/null | awk '/=> \// { print $3 } /^[ \t]*\/[^ ]+ \(0x/ { print $1 }'); do
        [ -e "$root$lib" ] && continue
        mkdir -p "$root$(dirname "$lib")"
        cp -L "$lib" "$root$lib"
    done
}

tb_copy_from_userland() { # UROOT ROOT FILE DEST - copy UROOT/FILE (a binary of
    # another Debian release's root) to ROOT/DEST, plus its shared libraries as
    # that root's ldd finds them, replacing the host's (their libc runs the
    # host's binaries too: it is the newer one)
    local ur=$1 root=$2 f=$3 dest=$4 lib
    mkdir -p "$root$(dirname "$dest")"
    cp -L "$ur$f" "$root$dest"
    for lib in $(chroot "$ur" ldd "$f" 2>/dev/null | awk '/=> \// { print $3 } /^[ \t]*\/[^ ]+ \(0x/ { print $1 }'); do
        mkdir -p "$root$(dirname "$lib")"
        cp -L "$ur$lib" "$root$lib"
    done
}

tb_copy_xen_side() { # ROOT FILE DEST - FILE, a binary of Xen's side (Xen's
    # tools, the test helpers built against libxenctrl), to ROOT/DEST with
    # its libraries: from FLASK_TESTBED_XEN_ROOT when set, else this machine's
    if [ -n "${FLASK_TESTBED_XEN_ROOT:-}" ]; then
        tb_copy_from_userland "$FLASK_TESTBED_XEN_ROOT" "$1" "$2" "$3"
    else
        tb_copy_with_libs "$1" "$2" "$3"
    fi
}

tb_copy_installed() { # UROOT ROOT - FLASK_TESTBED_INSTALLED=1: what the
    # flask-utils package installed in UROOT (tests/trixie/check), at the
    # same paths in dom0 (ROOT), with UROOT's libraries: the tools in
    # /usr/sbin, the unit in /lib/systemd/system, the init script, the bash
    # completion.  Dom0's /usr/local/sbin/flask-X are links to them, for the
    # unit `make install-units` makes (ExecStart=/usr/local/sbin/...).
    local ur=$1 r=$2 f t
    while read -r f; do
        t=${f##*/}
        if [ -L "$ur/usr/sbin/$t" ] ||
           [ "$(head -c 4 "$ur/usr/sbin/$t" 2>/dev/null | od -An -tx1 | tr -d ' \n')" != 7f454c46 ]; then
            tb_die "$ur/usr/sbin/$t: not an ELF file: is the flask-utils package installed there?"
        fi
        tb_copy_from_userland "$ur" "$r" "/usr/sbin/$t" "/usr/sbin/$t"
        ln -sf "../../sbin/$t" "$r/usr/local/sbin/$t"
    done < <(tb_tool_binaries)
    f=$(ls "$ur"/usr/lib/systemd/system/flask-utils-restore.service \
        "$ur"/lib/systemd/system/flask-utils-restore.service 2>/dev/null | head -n 1)
    [ -n "$f" ] && [ -f "$ur/etc/init.d/flask-utils-restore" ] ||
        tb_die "$ur: the flask-utils package's unit or init script is missing"
    mkdir -p "$r/lib/systemd/system" "$r/etc/init.d"
    cp "$f" "$r/lib/systemd/system/flask-utils-restore.service"
    cp "$ur/etc/init.d/flask-utils-restore" "$r/etc/init.d/flask-utils-restore"
    if [ -d "$ur/usr/share/bash-completion/completions" ]; then
        mkdir -p "$r/usr/share/bash-completion/completions"
        cp -P --remove-destination "$ur"/usr/share/bash-completion/completions/flask-* "$r/usr/share/bash-completion/completions/"
    fi
}

tb_initramfs_base() { # OUT.cpio.gz - the common part (everything but the payload)
    local out=$1 r t0 a rel f
    t0=$(tb_now)
    r=$(mktemp -d "${TB_WORK:-${TMPDIR:-/tmp}}/root.XXXXXX")
    mkdir -p "$r"/{bin,sbin,usr/bin,usr/sbin,usr/local/sbin,etc/xen,proc,sys,dev,run,tmp,root,boot} \
        "$r"/var/{log,lib/xenstored,lib/xen,lib/testbed} "$r"/lib/{modules/xen,testbed} "$r/cases"
    chmod 1777 "$r/tmp"
    ln -s ../run "$r/var/run"
    : > "$r/etc/xen/xl.conf"
    printf 'root:x:0:0:root:/root:/bin/sh\n' > "$r/etc/passwd"
    printf 'root:x:0:\n' > "$r/etc/group"
    # busybox with relative applet links
    cp /bin/busybox "$r/bin/busybox"
    for a in $(/bin/busybox --list-full); do
        [ "$a" = bin/busybox ] && continue
        [ -e "$r/$a" ] && continue
        case $a in
        bin/*) rel=busybox ;;
        sbin/*) rel=../bin/busybox ;;
        usr/bin/*|usr/sbin/*) rel=../../bin/busybox ;;
        *) continue ;;
        esac
        ln -s "$rel" "$r/$a"
    done
    # a JSON parser, for the cases of -J
    tb_copy_with_libs "$r" /usr/bin/jq /usr/bin/jq
    # bash, for the cases of the bash completion (tests/cases/completion)
    tb_copy_with_libs "$r" /bin/bash /bin/bash
    # Xen's tools at their own path, /usr/lib/xen-V/bin (TB_DOM0_XEN_BIN):
    # Debian 12's, or with FLASK_TESTBED_XEN_ROOT=ROOT those of ROOT's
    # release with ROOT's libraries (Debian 13's 4.20 in
    # tests/trixie/check); dom0's /init and the cases find them there
    # (the cases as $XEN_BIN)
    tb_platform
    # (xenconsoled writes a guest's console to /var/log/xen/console; it
    # loads libgcc_s at run time, which ldd does not list)
    [ -z "${FLASK_TESTBED_XEN_ROOT:-}" ] ||
        tb_log "platform: Xen's tools in dom0 from $FLASK_TESTBED_XEN_ROOT$TB_DOM0_XEN_BIN"
    for f in flask-get-bool flask-getenforce flask-label-pci flask-loadpolicy flask-set-bool \
             flask-setenforce xl xenstored xen-init-dom0 xenconsoled; do
        tb_copy_xen_side "$r" "$TB_DOM0_XEN_BIN/$f" "$TB_DOM0_XEN_BIN/$f"
    done
    [ -n "${FLASK_TESTBED_XEN_ROOT:-}" ] || tb_copy_xen_side "$r" "$TB_XEN_BIN/xen-hvmctx" "$TB_XEN_BIN/xen-hvmctx"
    a=$(${FLASK_TESTBED_XEN_ROOT:+chroot "$FLASK_TESTBED_XEN_ROOT"} ldconfig -p |
        awk '$1 == "libgcc_s.so.1" && /x86-64/ { print $NF; exit }')
    [ -z "$a" ] || tb_copy_xen_side "$r" "$a" "$a"
    mkdir -p "$r/var/log/xen/console" "$r/var/lib/xen" "$r/etc/xen"
    ln -s "..${TB_DOM0_XEN_BIN#/usr}/xl" "$r/usr/sbin/xl"
    {
        printf 'XEN_SERIES=%s\n' "$TB_SERIES"
        printf 'XEN_VERSION=%s\n' "${TB_XEN_VERSION:-}"
        printf 'XEN_BIN=%s\n' "$TB_DOM0_XEN_BIN"
        printf 'XEN_TOOLSTACK=%s\n' "$TB_TOOLSTACK"
        printf 'SWEEP=%s\n' "$TB_SWEEP"
    } > "$r/lib/testbed/platform"
    # our tools (no libsepol: they read policy files themselves); with
    # FLASK_TESTBED_USERLAND=ROOT, those built in ROOT/src (another Debian
    # release's root: tests/trixie/check), with ROOT's libraries, libc
    # included, below
    if [ -z "${FLASK_TESTBED_USERLAND:-}" ]; then
        while read -r f; do
            tb_copy_with_libs "$r" "$f" "/usr/local/sbin/${f##*/}"
        done < <(tb_tool_binaries)
    fi
    # test helpers built by the top-level Makefile: the ELF files of
    # $TOP/tests/helpers/ and $TOP/tests/bench/ -> /usr/local/lib/flask-utils-tests/
    # They are built against libxenctrl, whose domctl interface must be the
    # hypervisor's: with FLASK_TESTBED_XEN_ROOT=ROOT (Xen's tools of ROOT),
    # those built in ROOT/src, with ROOT's libraries
    a=${FLASK_TESTBED_XEN_ROOT:-}
    [ -z "$a" ] || [ -d "$a/src/tests/helpers" ] || tb_die "$a/src/tests/helpers: the test helpers are not built there"
    for f in "${a:-$TOP}"/"${a:+src/}"tests/{helpers,bench}/*; do
        [ -f "$f" ] || continue
        [ "$(head -c 4 "$f" | od -An -tx1 | tr -d ' \n')" = 7f454c46 ] || continue
        tb_copy_xen_side "$r" "${f#"$a"}" "/usr/local/lib/flask-utils-tests/${f##*/}"
    done
    # the bash completion as `make install` puts it (the file and a link to
    # it per tool name), and its cases' driver beside the helpers
    f=$TOP/completion/flask-utils
    if [ -f "$f" ]; then
        mkdir -p "$r/usr/share/bash-completion/completions" "$r/usr/local/lib/flask-utils-tests"
        cp "$f" "$r/usr/share/bash-completion/completions/flask-utils"
        while read -r f; do
            ln -s flask-utils "$r/usr/share/bash-completion/completions/${f##*/}"
        done < <(tb_tool_binaries)
        cp "$TOP/tests/completion/complete" "$r/usr/local/lib/flask-utils-tests/complete"
    fi
    # the boot-time restore's systemd unit and init script, as `make
    # install-units` installs them with the default PREFIX (/usr/local):
    # @SBINDIR@ -> /usr/local/sbin, where dom0 has our tools; the unit also
    # in /lib/systemd/system, where a distribution's package puts it
    # (skipped while they do not exist)
    f=$TOP/flask-label-pci/flask-utils-restore
    if [ -f "$f.service" ]; then
        for a in usr/local/lib lib; do
            mkdir -p "$r/$a/systemd/system"
            sed 's|@SBINDIR@|/usr/local/sbin|g' "$f.service" > "$r/$a/systemd/system/flask-utils-restore.service"
            chmod 644 "$r/$a/systemd/system/flask-utils-restore.service"
        done
    fi
    if [ -f "$f.init" ]; then
        mkdir -p "$r/etc/init.d"
        sed 's|@SBINDIR@|/usr/local/sbin|g' "$f.init" > "$r/etc/init.d/flask-utils-restore"
        chmod 755 "$r/etc/init.d/flask-utils-restore"
    fi
    if [ -n "${FLASK_TESTBED_USERLAND:-}" ] && [ "${FLASK_TESTBED_INSTALLED:-0}" = 1 ]; then
        tb_log "platform: our tools as the flask-utils package installed them in $FLASK_TESTBED_USERLAND, dom0's libraries from there"
        tb_copy_installed "$FLASK_TESTBED_USERLAND" "$r"
    elif [ -n "${FLASK_TESTBED_USERLAND:-}" ]; then
        tb_log "platform: our tools and dom0's libraries from $FLASK_TESTBED_USERLAND"
        while read -r f; do
            f=${f##*/}
            [ -x "$FLASK_TESTBED_USERLAND/src/$f/$f" ] ||
                tb_die "$FLASK_TESTBED_USERLAND/src/$f/$f: not built"
            tb_copy_from_userland "$FLASK_TESTBED_USERLAND" "$r" \
                "/src/$f/$f" "/usr/local/sbin/$f"
        done < <(tb_tool_binaries)
    fi
    # kernel modules, policies, bench scripts
    for f in $TB_DOM0_MODULES; do cp "$TB_KERNEL_DIR/modules/$f.ko" "$r/lib/modules/xen/"; done
    cp "$TB_POLICY_DIR"/xenpolicy-* "$TB_POLICY_DIR/selinux-policy" "$r/boot/"
    [ -z "${TB_XEN_VERSION:-}" ] || cp "$TB_POLICY" "$r/boot/xenpolicy-$TB_XEN_VERSION"
    cp "$TB_DIR/dom0/init" "$r/init"
    cp "$TB_DIR"/dom0/{emit,case.sh,default-after,run-cases,run-script,sweep.sh,clock,clock.sh,allow,timeout,guest-run} "$r/lib/testbed/"
    tb_clock_conf > "$r/lib/testbed/clock.conf"
    chmod 755 "$r/init" "$r"/lib/testbed/*
    (cd "$r" && find . | cpio --quiet -o -H newc -R 0:0) | gzip -1 > "$out"
    rm -rf "$r"
    tb_log "initramfs: packed in $(tb_since "$t0") s ($(du -k "$out" | cut -f1) KiB)"
}

tb_clock_conf() { # dom0's /lib/testbed/clock.conf
    local scale=auto
    case $TB_SCALE in
    auto) ;;
    *[!0-9.]*|''|.|*.*.*) tb_die "FLASK_TESTBED_SCALE must be auto or a number (a slowdown factor), not '$TB_SCALE'" ;;
    *) scale=$(awk -v f="$TB_SCALE" 'BEGIN { printf "%d", f * 1000 + 0.5 }')
       [ "$scale" -gt 0 ] || tb_die "FLASK_TESTBED_SCALE must be more than 0" ;;
    esac
    printf 'TB_CLOCK_LOOPS=%s TB_CLOCK_REF=%s TB_CLOCK_EVERY=%s TB_CLOCK_SCALE=%s\n' \
        "$TB_CLOCK_LOOPS" "$TB_CLOCK_REF" "$TB_CLOCK_EVERY" "$scale"
}

# The passthrough guest of the machines vtd*, into a payload tree: PAYLOAD/
# lib/testbed/guest/{kernel,initrd.gz}: the dom0 kernel and an initramfs
# of busybox, pcifront, e1000 and tests/xen/guest/init; and
# PAYLOAD/payload/machine, which makes dom0's /init load pciback and start
# xenconsoled.
tb_guest_files() { # PAYLOAD_ROOT
    local g=$1/lib/testbed/guest t
    mkdir -p "$g" "$1/payload"
    t=$(mktemp -d "${TB_WORK:-${TMPDIR:-/tmp}}/guest.XXXXXX")
    mkdir -p "$t"/{bin,lib,proc,sys,dev}
    cp /bin/busybox "$t/bin/busybox"
    for a in sh mount insmod sleep readlink poweroff cat; do ln -s busybox "$t/bin/$a"; done
    for a in $TB_GUEST_MODULES; do cp "$TB_KERNEL_DIR/modules/$a.ko" "$t/lib/"; done
    cp "$TB_DIR/guest/init" "$t/init"
    # the kernel runs /sbin/poweroff when dom0 asks the guest to shut down
    # (xl shutdown, xendomains stop)
    mkdir -p "$t/sbin"
    printf '#!/bin/sh\nexec /bin/poweroff -f\n' > "$t/sbin/poweroff"
    chmod 755 "$t/init" "$t/sbin/poweroff"
    (cd "$t" && find . | cpio --quiet -o -H newc -R 0:0) | gzip -1 > "$g/initrd.gz"
    rm -rf "$t"
    # the kernel as an ELF file (tb_vmlinux) compressed with gzip: xl
    # unpacks Debian's xz bzImage in dom0 at every xl create, twice as
    # slowly (13.7 s against 6.4 s under QEMU here); made once, cached
    if [ -f "$TB_KERNEL_DIR/vmlinux" ] && [ ! -s "$TB_KERNEL_DIR/vmlinux.gz" ]; then
        gzip -1 -c "$TB_KERNEL_DIR/vmlinux" > "$TB_KERNEL_DIR/vmlinux.gz.tmp" &&
            mv "$TB_KERNEL_DIR/vmlinux.gz.tmp" "$TB_KERNEL_DIR/vmlinux.gz"
    fi
    if [ -s "$TB_KERNEL_DIR/vmlinux.gz" ]; then
        cp "$TB_KERNEL_DIR/vmlinux.gz" "$g/kernel"
    else
        cp "$TB_KERNEL_DIR/vmlinuz" "$g/kernel"
    fi
    echo vtd > "$1/payload/machine"
}

tb_initramfs_payload() { # PAYLOAD_ROOT OUT.cpio.gz - pack a tree laid over the base
    (cd "$1" && find . | cpio --quiet -o -H newc -R 0:0) | gzip -1 > "$2"
}

# --------------------------------------------------------------------------
# Boot: tb_boot PROFILE INITRD OUTDIR [WHAT]
# Writes OUTDIR/console.log and unpacks every result block to
# OUTDIR/blocks/NAME/.  Returns 0 only if QEMU ended by itself, the "done"
# block arrived and every block's checksum matched; otherwise prints why and
# the console tail and returns 1.  WHAT names the boot in that report
# (default: the profile).  QEMU is stopped (tb_watchdog) when dom0 has
# printed no line of the bench's for TB_STALL s, or after
# FLASK_TESTBED_TIMEOUT s if that is set.
#
# PCI devices (read their resources from sysfs; adding a device moves BARs):
#   0000:00:03.0  e1000, MMIO BAR, I/O BAR, expansion ROM, IRQ 11
#   0000:00:07.0  e1000 without ROM, IRQ 11 (shared with 00:03.0)
#   0000:00:04.0  QEMU PCI expander (pxb, host bridge of bus 2) and
#   0000:02:00.0  its internal PCI-PCI bridge to bus 3 (QEMU puts a pxb's
#                 devices one bus above bus_nr)
#   0000:03:02.0  e1000 without ROM behind that bridge, IRQ 10 (the seed
#                 article's address)
# The machine `vtd` (a profile's fifth column) is a q35 with QEMU's
# emulated Intel IOMMU (VT-d, interrupt remapping on) and Xen booted with
# iommu=1,no-quarantine: a device can be given to a real guest with xl.
# Its devices: 0000:00:03.0 and 0000:00:07.0 as above, no PCI expander.
# The same machine as `vtd-nointremap`, Xen told not to remap interrupts
# (iommu=...,no-intremap: FLASK asks use_iommu_nointremap), and as
# `vtd-noiommu`, Xen told to use no IOMMU (iommu=0).

# Xen's options on every machine
TB_XEN_ARGS="console=com1 com1=115200,8n1 dom0_mem=512M,max:512M loglvl=all guest_loglvl=all"
tb_machine() { # MACHINE -> TB_MACHINE_ARGS (QEMU's) and TB_MACHINE_XEN (Xen's options)
    # (QEMU's options hold commas)
    # shellcheck disable=SC2054
    case $1 in
    pc) TB_MACHINE_ARGS=(-machine pc
            -device e1000,netdev=n0 -netdev user,id=n0,restrict=on
            -device e1000,netdev=n1,addr=7,romfile= -netdev user,id=n1,restrict=on
            -device pxb,id=pxb3,bus_nr=2,addr=4
            -device e1000,bus=pxb3,addr=2,netdev=n2,romfile= -netdev user,id=n2,restrict=on) ;;
    vtd*) TB_MACHINE_ARGS=(-machine q35,kernel-irqchip=split -device intel-iommu,intremap=on,caching-mode=on
            -device e1000,netdev=n0,addr=3 -netdev user,id=n0,restrict=on
            -device e1000,netdev=n1,addr=7,romfile= -netdev user,id=n1,restrict=on) ;;
    esac
    case $1 in
    pc) TB_MACHINE_XEN= ;;
    vtd) TB_MACHINE_XEN=iommu=1,no-quarantine ;;
    vtd-nointremap) TB_MACHINE_XEN=iommu=1,no-quarantine,no-intremap ;;
    vtd-noiommu) TB_MACHINE_XEN=iommu=0 ;;
    esac
}
tb_boot() {
    local profile=$1 initrd=$2 out=$3 what=${4:-profile $1} modules xenargs
    tb_profile "$profile" || tb_die "unknown boot profile '$profile'"
    case $TB_KERNEL$initrd$TB_POLICY_DIR in
    *,*) tb_die "QEMU module paths must not contain a comma: $TB_KERNEL $initrd $TB_POLICY_DIR" ;;
    esac
    mkdir -p "$out"
    modules="$TB_KERNEL console=hvc0 earlyprintk=xen rdinit=/init quiet loglevel=$TB_LOGLEVEL,$initrd"
    case $TB_P_POLICY in
    -) ;;
    @*) # a policy made on the host before the boot, by tests/xen/make-policy-NAME
        "$TB_DIR/make-policy-${TB_P_POLICY#@}" "$TB_POLICY" "$out/policy" \
            >"$out/make-policy.log" 2>&1 ||
            { cat "$out/make-policy.log" >&2; tb_die "make-policy-${TB_P_POLICY#@} failed"; }
        modules="$modules,$out/policy" ;;
    default) modules="$modules,$TB_POLICY" ;;
    *) modules="$modules,$TB_POLICY_DIR/$TB_P_POLICY" ;;
    esac
    tb_machine "$TB_P_MACHINE"
    xenargs="$TB_XEN_ARGS $TB_P_XEN $TB_MACHINE_XEN"
    tb_qemu "$out" "$what" "${TB_MACHINE_ARGS[@]}" -cpu qemu64 -smp 1 -m 1024 \
        -kernel "$TB_XEN" -append "$xenargs" -initrd "$modules"
}

# tb_qemu OUT WHAT QEMU_ARG... - run QEMU (serial console to OUT/console.log,
# no display, no reboot) under tb_watchdog, decode the result blocks to
# OUT/blocks; 0 only if QEMU ended by itself, the "done" block arrived and
# dom0's payload said 0; otherwise print why with the console's tail
# (tb_boot_failed) and return 1.  OUT/boot-seconds: how long it ran.
tb_qemu() {
    local out=$1 what=$2 log=$1/console.log rc t0 why='' qemu wd
    shift 2
    mkdir -p "$out"
    t0=$(tb_now)
    rc=0
    rm -f "$out/stopped"
    : > "$log"
    qemu-system-x86_64 "$@" \
        -display none -monitor none -serial "file:$log" -no-reboot -pidfile "$out/qemu.pid" \
        </dev/null >"$out/qemu.out" 2>&1 &
    qemu=$!
    echo "$qemu" > "$out/qemu-job.pid"   # for tb_cleanup
    tb_watchdog "$qemu" "$log" "$out/stopped" &
    wd=$!
    wait "$qemu" || rc=$?   # (in the background so that a signal is handled at once)
    kill "$wd" 2>/dev/null || true
    wait "$wd" 2>/dev/null || true
    rm -f "$out/qemu-job.pid"
    printf '%s\n' "$(tb_since "$t0")" > "$out/boot-seconds"
    if [ -s "$out/stopped" ]; then
        why=$(cat "$out/stopped")
    elif [ "$rc" != 0 ]; then
        why="QEMU exited with status $rc: $(head -c 2000 "$out/qemu.out")"
    fi
    tb_blocks "$log" "$out/blocks" || why="${why:+$why; }corrupt result block(s): $(cat "$out/blocks/.errors")"
    if [ -z "$why" ] && [ ! -f "$out/blocks/done/payload-status" ]; then
        why="no 'done' result block from dom0"
    fi
    if [ -z "$why" ] && [ -s "$out/blocks/done/boot-errors" ]; then
        why="dom0 reported: $(cat "$out/blocks/done/boot-errors")"
    fi
    if [ -z "$why" ] && [ "$(cat "$out/blocks/done/payload-status")" != 0 ]; then
        why="the dom0 payload exited with status $(cat "$out/blocks/done/payload-status")"
    fi
    if [ -n "$why" ]; then
        tb_boot_failed "$what" "$log" "$why"
        return 1
    fi
    return 0
}

# tb_watchdog QEMU_PID LOG STOPPED - stop QEMU when it makes no progress:
# no new line of the bench's ("@@FU@@ ...": dom0's clock ticks every few
# seconds while dom0 is on time, and every line of a result block counts)
# for TB_STALL s, or (FLASK_TESTBED_TIMEOUT) after TB_BOOT_TIMEOUT s in
# all.  Writes why to STOPPED, then SIGTERM, and SIGKILL 10 s later.
tb_watchdog() {
    local pid=$1 log=$2 stopped=$3 n last=-1 since=$SECONDS start=$SECONDS why=
    while kill -0 "$pid" 2>/dev/null; do
        sleep 2
        n=$(grep -c -a -F "$TB_PREFIX " "$log" 2>/dev/null) || n=0
        if [ "$n" != "$last" ]; then
            last=$n since=$SECONDS
        elif [ $((SECONDS - since)) -ge "$TB_STALL" ]; then
            if [ "$n" = 0 ]; then
                why="QEMU stopped: dom0 never started (no line of the bench's in ${TB_STALL} s, FLASK_TESTBED_STALL)"
            else
                why="QEMU stopped: no progress for ${TB_STALL} s (FLASK_TESTBED_STALL): no tick from dom0's clock, no result line; $n lines of the bench's before"
            fi
        fi
        if [ -z "$why" ] && [ -n "$TB_BOOT_TIMEOUT" ] && [ $((SECONDS - start)) -ge "$TB_BOOT_TIMEOUT" ]; then
            why="QEMU stopped after the ${TB_BOOT_TIMEOUT} s wall-clock limit (FLASK_TESTBED_TIMEOUT)"
        fi
        if [ -n "$why" ]; then
            printf '%s\n' "$why" > "$stopped"
            kill -TERM "$pid" 2>/dev/null || return 0
            for n in 1 2 3 4 5 6 7 8 9 10; do
                sleep 1
                kill -0 "$pid" 2>/dev/null || return 0
            done
            kill -KILL "$pid" 2>/dev/null
            return 0
        fi
    done
}

tb_boot_failed() { # WHAT LOG WHY - the report in one piece (boots run in parallel)
    {
        printf '[testbed] BOOT FAILURE (%s): %s\n' "$1" "$3"
        printf '[testbed] last 80 lines of the serial console (%s), without the clock'"'"'s ticks:\n' "$2"
        grep -a -v -F "$TB_PREFIX TICK " "$2" 2>/dev/null | tail -n 80 | tr -d '\r' | sed 's/^/  | /'
        printf '[testbed] end of console tail\n'
    } > "$2.failure" 2>&1
    if [ -n "$TB_WORK" ]; then
        flock "$TB_WORK/.report.lock" cat "$2.failure" >&2
    else
        cat "$2.failure" >&2
    fi
}

tb_blocks() { # LOG DIR - decode the result blocks; 1 if any is corrupt
    local log=$1 dir=$2 f name sum bad=0
    rm -rf "$dir"; mkdir -p "$dir/.raw"
    : > "$dir/.errors"
    tr -d '\r' < "$log" | awk -v p="$TB_PREFIX " -v d="$dir/.raw" '
        { i = index($0, p); if (i == 0) next; s = substr($0, i + length(p)) }
        s ~ /^TICK / { next }   # the clock of dom0, between the lines of a block
        s ~ /^BEGIN [A-Za-z0-9._-]+$/ { split(s, w, " "); cur = w[2]; printf "" > (d "/" cur ".b64"); next }
        s ~ /^END [A-Za-z0-9._-]+ [0-9a-f]+$/ {
            split(s, w, " ")
            if (w[2] == cur) { print w[3] > (d "/" cur ".md5"); close(d "/" cur ".md5"); close(d "/" cur ".b64") }
            cur = ""; next
        }
        cur != "" { print s >> (d "/" cur ".b64") }
    '
    for f in "$dir"/.raw/*.b64; do
        [ -e "$f" ] || continue
        name=$(basename "$f" .b64)
        if [ ! -f "$dir/.raw/$name.md5" ]; then
            printf '%s: no END line; ' "$name" >> "$dir/.errors"; bad=1; continue
        fi
        if ! base64 -d < "$f" > "$dir/.raw/$name.tgz" 2>/dev/null; then
            printf '%s: bad base64; ' "$name" >> "$dir/.errors"; bad=1; continue
        fi
        sum=$(md5sum < "$dir/.raw/$name.tgz" | cut -d' ' -f1)
        if [ "$sum" != "$(cat "$dir/.raw/$name.md5")" ]; then
            printf '%s: md5 mismatch; ' "$name" >> "$dir/.errors"; bad=1; continue
        fi
        mkdir -p "$dir/$name"
        tar -xzf "$dir/.raw/$name.tgz" -C "$dir/$name" || { printf '%s: bad archive; ' "$name" >> "$dir/.errors"; bad=1; }
    done
    return "$bad"
}

# --------------------------------------------------------------------------
# Scratch space for one run (removed at exit unless FLASK_TESTBED_KEEP_WORK=1)
tb_workdir() { # sets TB_WORK
    TB_WORK=$(mktemp -d "${TMPDIR:-/tmp}/flask-testbed.XXXXXX")
    [ "${FLASK_TESTBED_KEEP_WORK:-0}" != 1 ] || tb_log "keeping the scratch dir $TB_WORK"
}
TB_WORK=''
TB_BG_PIDS=()    # background boots (run-cases)
TB_TMPFILES=()   # removed at exit (files or scratch dirs)
tb_cleanup() { # at exit: stop boots still running (interrupted run), remove scratch files
    local f pid
    [ ${#TB_TMPFILES[@]} -eq 0 ] || rm -rf "${TB_TMPFILES[@]}"
    [ -n "$TB_WORK" ] || return 0
    # our background jobs (boot schedulers, boots, watchdogs), then the
    # QEMUs of this run's boots
    for pid in "${TB_BG_PIDS[@]}" $(jobs -p); do kill "$pid" 2>/dev/null || true; done
    [ ${#TB_BG_PIDS[@]} -eq 0 ] || wait "${TB_BG_PIDS[@]}" 2>/dev/null || true
    for f in "$TB_WORK"/*/qemu-job.pid "$TB_WORK"/*/qemu.pid; do
        [ -f "$f" ] || continue
        pid=$(cat "$f" 2>/dev/null) || continue
        case $pid in ''|*[!0-9]*) continue ;; esac
        if tr '\0' ' ' 2>/dev/null < "/proc/$pid/cmdline" | grep -qF "$(dirname "$f")/console.log"; then
            kill "$pid" 2>/dev/null || true
        fi
    done
    [ "${FLASK_TESTBED_KEEP_WORK:-0}" = 1 ] || rm -rf "$TB_WORK"
}

# Boot PROFILE and run the sh script SCRIPT in dom0; print its combined
# output, then (unless QUIET) "exit status: N"; return N (2 on a bench
# failure).
tb_dom0_script() { # PROFILE SCRIPT [QUIET]
    local profile=$1 script=$2 quiet=${3:-} st
    tb_profile "$profile" || tb_die "unknown boot profile '$profile' (see $TB_DIR/profiles)"
    tb_prepare ''
    tb_workdir
    tb_initramfs_base "$TB_WORK/base.cpio.gz"
    mkdir -p "$TB_WORK/payload/payload"
    printf '#!/bin/sh\nexec sh /lib/testbed/run-script\n' > "$TB_WORK/payload/payload/main"
    printf 'TB_SCRIPT_TIMEOUT=%s\n' "$TB_SCRIPT_TIMEOUT" > "$TB_WORK/payload/payload/config"
    # the clock's loop every 30 s, not 5: a script's own timings (make
    # bench) lose less to it
    printf 'TB_CLOCK_EVERY=30\n' > "$TB_WORK/payload/payload/clock.conf"
    cp "$script" "$TB_WORK/payload/payload/script"
    [ "$TB_P_MACHINE" = pc ] || tb_guest_files "$TB_WORK/payload"
    tb_initramfs_payload "$TB_WORK/payload" "$TB_WORK/payload.cpio.gz"
    cat "$TB_WORK/base.cpio.gz" "$TB_WORK/payload.cpio.gz" > "$TB_WORK/initrd.cpio.gz"
    tb_log "booting profile $profile"
    tb_boot "$profile" "$TB_WORK/initrd.cpio.gz" "$TB_WORK/boot" "profile $profile" || return 2
    tb_log "boot took $(cat "$TB_WORK/boot/boot-seconds") s ($(tb_boot_facts "$TB_WORK/boot"))"
    if [ ! -f "$TB_WORK/boot/blocks/output/status" ]; then
        tb_boot_failed "profile $profile" "$TB_WORK/boot/console.log" "no output block"
        return 2
    fi
    cat "$TB_WORK/boot/blocks/output/output"
    st=$(cat "$TB_WORK/boot/blocks/output/status")
    [ -n "$quiet" ] || printf 'exit status: %s\n' "$st"
    return "$st"
}

tb_boot_facts() { # BOOTDIR -> "dom0 init at Xs, xenstore Ys, payload Zs, slowdown" from dom0
    awk '{ t[$1] = $2 } END {
        printf "dom0 /init at %.1f s, xenstored+xen-init-dom0 %.2f s, payload %.1f s",
            t["init_start"], t["payload_start"] - t["xenstore_start"], t["payload_end"] - t["payload_start"] }' \
        "$1/blocks/done/boot-times" 2>/dev/null || true
    # dom0's clock: reference seconds of work against wall seconds
    awk '$4 == "end" && $1 > 0 { printf "; host slowdown x%.2f (at most x%.2f)", $2 / $1, $3 / 1000 }' \
        "$1/blocks/done/clock" 2>/dev/null || true
}
