# shellcheck shell=sh disable=SC2034  # CLOCK_KILLED is for the caller
# clock.sh (dom0 side) - sourced: tell the clock (/lib/testbed/clock)
# which step runs now and how long it may take, in reference seconds.
# No forks: this runs around every case script.
TB_CLOCK_DIR=/var/lib/testbed/clock

# clock_watch PID SECONDS NAME - PID (0: none to kill) may run SECONDS of
# work from now; NAME (no spaces) names it in the reports
clock_watch() {
	read -r _up _ </proc/uptime
	echo "$1 $(($2 * 1000)) $((${_up%.*} * 1000 + 1${_up#*.} * 10 - 1000)) $3 end" \
		>"$TB_CLOCK_DIR/watch"
}

# clock_done PID - the step ended; CLOCK_KILLED="NAME ALLOWANCE_S" if the
# clock killed PID for running past its allowance, else empty
clock_done() {
	: >"$TB_CLOCK_DIR/watch"
	CLOCK_KILLED='' _k=''
	read -r _k _n _a _e 2>/dev/null <"$TB_CLOCK_DIR/killed"
	if [ "$_k" = "$1" ] && [ "$_e" = end ]; then
		: >"$TB_CLOCK_DIR/killed"
		CLOCK_KILLED="$_n $((_a / 1000))"
	fi
	return 0
}

# clock_factor - CLOCK_FACTOR: the slowdown in permille to stretch a
# limit by, the larger of the last measurement and the mean since the boot
clock_factor() {
	_w='' _u='' _s='' _b='' _e=''
	read -r _w _u _s _b _e 2>/dev/null <"$TB_CLOCK_DIR/now"
	CLOCK_FACTOR=1000
	[ "$_e" = end ] || return 0
	CLOCK_FACTOR=$_s
	if [ "$_w" -gt 0 ] && [ $(((_u - _b) * 1000 / _w)) -gt "$CLOCK_FACTOR" ]; then
		CLOCK_FACTOR=$(((_u - _b) * 1000 / _w))
	fi
	return 0
}

# clock_slowdown - the last measured slowdown, e.g. "2.35"
clock_slowdown() {
	_s=1000
	read -r _ _ _s _ 2>/dev/null <"$TB_CLOCK_DIR/now"
	case $_s in ''|*[!0-9]*) _s=1000 ;; esac
	printf '%d.%02d' $((_s / 1000)) $((_s % 1000 / 10))
}
