#!/bin/sh
# case.sh CASEDIR RESDIR WORKDIR - run one test case (setup, cmd, after).
# Shared by the dom0 runner (busybox sh) and the host runner (dash).
# Each script runs as `sh SCRIPT` in WORKDIR with stdin /dev/null and a clean
# environment: HOME, PATH=$TB_CASE_PATH, CASEDIR, LC_ALL=C, TOP when
# TB_CASE_TOP is set (host cases), and in dom0 the platform: XEN_SERIES
# (4.17, 4.20, 4.22: the default policy is /boot/xenpolicy-$XEN_SERIES),
# XEN_VERSION (4.17.5), XEN_BIN (Xen's own tools), XEN_TOOLSTACK (1 or 0).  Each script may run $TB_CASE_TIMEOUT s
# (default 60), or what the case's own `timeout` file says; past that it
# gets SIGTERM, and SIGKILL 5 s later.  In dom0 (TB_CLOCK set) these are
# reference seconds, which the bench's clock (clock) stretches by the
# slowdown it measures: a busy host slows the case, not its verdict; on
# the host, wall-clock seconds (timeout(1)).  Writes into RESDIR: setup.out,
# setup.status (only with a setup script; cmd is skipped if it failed),
# stdout, stderr, status, and after + after.err when the state is checked
# (the case's `after`, else $TB_DEFAULT_AFTER if expected-after exists),
# and timed-out when a script was killed for running past its time.
set -u
casedir=$1 res=$2 work=$3
mkdir -p "$res" "$work"
cd "$work" || exit 2
T=${TB_CASE_TIMEOUT:-60}
# a case that needs longer (the sweeps) says so in its `timeout` file
[ -f "$casedir/timeout" ] && read -r T < "$casedir/timeout"
if [ -n "${TB_CLOCK:-}" ]; then
    # shellcheck disable=SC1091
    . /lib/testbed/clock.sh
fi

run() { # SCRIPT; notes in $res/timed-out when it hit the time limit
    if [ -n "${TB_CLOCK:-}" ]; then
        _run "$1" exec &
        pid=$!
        clock_watch "$pid" "$T" "${1##*/}"
        wait "$pid" 2>/dev/null   # (no "Terminated" from the shell in the stderr)
        rc=$?
        clock_done "$pid"
        [ -z "$CLOCK_KILLED" ] || echo "${1##*/} killed after its ${T} s allowance (reference seconds; host slowdown now x$(clock_slowdown))" >> "$res/timed-out"
        return "$rc"
    fi
    read -r t0 _ < /proc/uptime
    _run "$1" timeout -k 5 "$T"
    rc=$?
    read -r t1 _ < /proc/uptime
    [ $(( ${t1%.*} - ${t0%.*} )) -lt "$T" ] || echo "${1##*/} killed after the ${T} s time limit" >> "$res/timed-out"
    return "$rc"
}
_run() { # SCRIPT PREFIX... - PREFIX (exec, or timeout ...) env -i ... sh SCRIPT
    s=$1
    shift
    if [ -n "${TB_CASE_TOP:-}" ]; then
        "$@" env -i HOME="${TB_CASE_HOME:-/root}" PATH="$TB_CASE_PATH" \
            CASEDIR="$casedir" TOP="$TB_CASE_TOP" LC_ALL=C sh "$s"
    else
        "$@" env -i HOME="${TB_CASE_HOME:-/root}" PATH="$TB_CASE_PATH" \
            CASEDIR="$casedir" LC_ALL=C XEN_SERIES="${XEN_SERIES:-}" \
            XEN_VERSION="${XEN_VERSION:-}" XEN_BIN="${XEN_BIN:-}" \
            XEN_TOOLSTACK="${XEN_TOOLSTACK:-}" sh "$s"
    fi
}

if [ -f "$casedir/setup" ]; then
    run "$casedir/setup" > "$res/setup.out" 2>&1 < /dev/null
    st=$?
    echo "$st" > "$res/setup.status"
    [ "$st" -eq 0 ] || exit 0
fi

run "$casedir/cmd" > "$res/stdout" 2> "$res/stderr" < /dev/null
echo $? > "$res/status"

if [ -f "$casedir/after" ]; then
    run "$casedir/after" > "$res/after" 2> "$res/after.err" < /dev/null
elif [ -f "$casedir/expected-after" ]; then
    run "$TB_DEFAULT_AFTER" > "$res/after" 2> "$res/after.err" < /dev/null
fi
exit 0
