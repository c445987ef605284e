#!/bin/sh
# case.sh CASEDIR RESDIR WORKDIR - run one test case (setup, cmd, after).
# Shared by the dom0 runner (busybox sh) and the host runner (dash).
# Each script runs as `sh SCRIPT` in WORKDIR with stdin /dev/null and a clean
# environment: HOME, PATH=$TB_CASE_PATH, CASEDIR, LC_ALL=C, and TOP when
# TB_CASE_TOP is set (host cases).  Each script is killed after
# $TB_CASE_TIMEOUT s (default 60), or the case's own `timeout` file.  Writes into RESDIR: setup.out,
# setup.status (only with a setup script; cmd is skipped if it failed),
# stdout, stderr, status, and after + after.err when the state is checked
# (the case's `after`, else $TB_DEFAULT_AFTER if expected-after exists).
set -u
casedir=$1 res=$2 work=$3
mkdir -p "$res" "$work"
cd "$work" || exit 2
T=${TB_CASE_TIMEOUT:-60}
# a case that needs longer (the sweeps) says so in its `timeout` file
[ -f "$casedir/timeout" ] && read -r T < "$casedir/timeout"

run() { # SCRIPT; notes in $res/timed-out when it hit the time limit
    read -r t0 _ < /proc/uptime
    _run "$@"
    rc=$?
    read -r t1 _ < /proc/uptime
    [ $(( ${t1%.*} - ${t0%.*} )) -lt "$T" ] || echo "${1##*/} killed after the ${T} s time limit" >> "$res/timed-out"
    return "$rc"
}
_run() {
    if [ -n "${TB_CASE_TOP:-}" ]; then
        timeout -k 5 "$T" env -i HOME="${TB_CASE_HOME:-/root}" PATH="$TB_CASE_PATH" \
            CASEDIR="$casedir" TOP="$TB_CASE_TOP" LC_ALL=C sh "$1"
    else
        timeout -k 5 "$T" env -i HOME="${TB_CASE_HOME:-/root}" PATH="$TB_CASE_PATH" \
            CASEDIR="$casedir" LC_ALL=C sh "$1"
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
