# sweep.sh - shared by the sweep cases (tests/cases/sweeps; sourced from /lib/testbed): the
# whole observable state of the hypervisor and the files, a reset to a
# known state, and the fault loop.  Each sweep case boots its own
# hypervisor (profile `sweep`), so two run at once.  Each command's sweep
# (a call of fault or signals) may take the case's `timeout` in reference
# seconds from its start (part; see "Time limits" in tests/xen/README.md),
# so a sweep of many commands stays far below its limit on any machine,
# and a hung command still ends it.
H=/usr/local/lib/flask-utils-tests
# SWEEP (the bench's FLASK_TESTBED_SWEEP): every (the default) tries each
# errno and each signal at every operation; rotate:P tries one of them at
# each operation, the next one at the next, starting P places on (every
# operation still faulted and signalled, in a quarter of the time): the
# four passes of `make check` (phases 0 to 3) together try every one.
SWEEP=every
# shellcheck disable=SC1091
. /lib/testbed/platform
TRAP=$H/op-trap.so
STORE=/var/lib/flask-utils/pci-labels
SETTINGS=/var/lib/flask-utils/booleans
POL=/tmp/sweep-policy
CTX=system_u:object_r:nic_dev_t

# Every resource of the bench's three devices that a label may cover:
# resource lines 0-6 in use, the IRQ, the device (one line each, no repeat).
resources() {
	for d in 0000:00:03.0 0000:00:07.0 0000:03:02.0; do
		n=0
		while read -r s e fl && [ $n -lt 7 ]; do
			n=$((n + 1))
			[ $((s)) -eq 0 ] && continue
			if [ $((fl & 0x100)) -ne 0 ]; then
				printf 'ioport 0x%x 0x%x\n' $((s)) $((e))
			else
				printf 'iomem 0x%x 0x%x\n' $((s >> 12)) $((e >> 12))
			fi
		done </sys/bus/pci/devices/$d/resource
		irq=$(cat /sys/bus/pci/devices/$d/irq)
		printf 'pirq %d %d\n' "$irq" "$irq"
		b=${d#0000:}; dev=${b#*:}
		sbdf=$(( (0x${b%%:*} << 8) | (0x${dev%%.*} << 3) | ${dev#*.} ))
		printf 'device 0x%x 0x%x\n' $sbdf $sbdf
	done | sort -u
}
RES=$(resources)

# The whole observable state: mode, booleans (current and pending), every
# label probed independently (libxenctrl), the store, the local boolean
# settings, the policy file, and the files beside them (nothing left
# behind).
state() {
	$H/flask-state $RES || echo "flask-state failed"
	echo "store:"
	cat $STORE 2>/dev/null
	echo "settings:"
	cat $SETTINGS 2>/dev/null
	echo "policy: $(cksum <$POL 2>/dev/null)"
	echo "files:" $(ls /var/lib/flask-utils 2>/dev/null) $(cd /tmp && ls -d sweep-policy* 2>/dev/null)
}

# reset [STATE]: back to the boot's state: no runtime label, no store, the
# default booleans and nothing pending, enforcing, a fresh copy of the
# policy.  Given the state now (as state prints it), only what differs is
# undone: each tool call costs about 60 ms in this dom0.
BOOLS="bool guest_writeconsole 1 1
bool prot_doms_locked 0 0"
reset() {
	s=${1:-all}
	if [ "$s" = all ] || echo "$s" | grep -q ' labelled$'; then
		flask-loadpolicy -q --no-restore "/boot/xenpolicy-$XEN_SERIES" >/dev/null 2>&1
	fi
	if [ "$s" = all ] || [ "$(echo "$s" | grep '^bool ')" != "$BOOLS" ]; then
		flask-set-bool prot_doms_locked=0 guest_writeconsole=1 >/dev/null 2>&1
	fi
	if [ "$s" = all ] || ! echo "$s" | grep -q '^mode 1$'; then
		flask-setenforce 1
	fi
	rm -f $STORE $STORE.* $SETTINGS $SETTINGS.* $POL $POL.*
	cp "/boot/xenpolicy-$XEN_SERIES" $POL
}

checked=0
failures=0

# part: a new part of the sweep, given the case's allowance afresh
part() {
	[ -x /lib/testbed/allow ] || return 0
	/lib/testbed/allow "$(cat "$CASEDIR/timeout" 2>/dev/null || echo 60)"
}

# fault NAME SETUP CMD [ALT-SETUP ALT-GREP]
# Runs CMD (after reset and SETUP) once cleanly, then again failing its
# k-th FLASK operation with each of EACCES, EEXIST, ENOENT and ENOMEM, for
# every k up to its last operation (SWEEP=rotate: one of them per k, in
# turn).  After each run the state must be the
# one before (CMD failed) or the one after a clean run (CMD succeeded);
# where ALT-SETUP is given, a failed CMD whose stderr matches ALT-GREP may
# also leave the state ALT-SETUP leaves (a loaded policy cannot be taken
# back).  Counts the (command, k, errno) triples checked.
fault() {
	name=$1 setup=$2 cmd=$3 alt_setup=${4:-} alt_grep=${5:-}
	part
	reset; eval "$setup"; before=$(state)
	sh -c "$cmd" >/dev/null 2>&1 || echo "$name: fails without a fault"
	after=$(state)
	[ "$before" != "$after" ] || echo "$name: changes nothing"
	alt=
	if [ -n "$alt_setup" ]; then
		reset; eval "$alt_setup"; alt=$(state)
	fi
	reset; eval "$setup"; now=$before
	k=1 n=0
	while :; do
		errnos="13 17 2 12"
		case $SWEEP in rotate:*)
			set -- $errnos
			shift $(( (k - 1 + ${SWEEP#rotate:}) % 4 ))
			errnos=$1
		esac
		for e in $errnos; do
			# a run that changed nothing needs no reset
			if [ "$now" != "$before" ]; then
				reset "$now"; eval "$setup"
			fi
			rm -f mark
			FLASK_TRAP_CMD=any FLASK_TRAP_AT=$k FLASK_TRAP_ERRNO=$e \
			FLASK_TRAP_MARK=$PWD/mark LD_PRELOAD=$TRAP \
				sh -c "$cmd" >out 2>err
			st=$?
			now=$(state)
			[ -e mark ] || break 2	# past the command's last operation
			n=$((n + 1))
			if [ $st -eq 0 ] && [ "$now" = "$after" ]; then
				continue
			elif [ $st -ne 0 ] && [ "$now" = "$before" ]; then
				continue
			elif [ $st -ne 0 ] && [ -n "$alt" ] && [ "$now" = "$alt" ] &&
			     grep -q "$alt_grep" err; then
				continue
			fi
			failures=$((failures + 1))
			echo "FAULT $name: operation $k failing with errno $e: status $st"
			if [ $st -eq 0 ]; then
				echo "$after" >want
			else
				echo "$before" >want
			fi
			echo "$now" >got
			diff want got | sed 's/^/  /'
			sed 's/^/  stderr: /' err
		done
		k=$((k + 1))
	done
	checked=$((checked + n))
	echo "$name: $((k - 1)) operations, $n faults checked"
}

# The files a command may rewrite: the store, the settings, the policy file.
FILES="store settings policy"
file_state() {
	case $1 in
	store) cat $STORE 2>/dev/null ;;
	settings) cat $SETTINGS 2>/dev/null ;;
	policy) cksum <$POL 2>/dev/null ;;
	esac
}
# files SUFFIX: each of them into FILE.SUFFIX (here, in the cwd).
files() {
	for f in $FILES; do
		file_state $f >"$f.$1"
	done
}
# Whether each file is as before or as after, each on its own (a command
# killed half way may have replaced one and not yet the next).
files_whole() {
	files now
	for f in $FILES; do
		cmp -s "$f.now" "$f.before" || cmp -s "$f.now" "$f.after" ||
			return 1
	done
}

# signals NAME SETUP CMD
# For every k up to CMD's last FLASK operation, CMD waits (signal_at) at its
# k-th operation and is sent SIGTERM meanwhile: the state must then be as
# before CMD or as after a clean run, never half way.  Then the same with
# SIGKILL, which nothing can hold back: the hypervisor may be left half way
# (that is SIGKILL), but each file must be the old one or the new one,
# never torn, and the tools must still read it (SWEEP=rotate:P: SIGTERM
# where k + P is odd, SIGKILL where it is even).  Counts the runs checked.
signals() {
	name=$1 setup=$2 cmd=$3
	part
	reset; eval "$setup"; before=$(state); files before
	sh -c "$cmd" >/dev/null 2>&1 || echo "$name: fails without a signal"
	after=$(state); files after
	last=all	# the state now, when known
	k=1 n=0
	while [ $k -gt 0 ]; do
		sigs="TERM KILL"
		case $SWEEP in rotate:*)
			sigs=TERM
			[ $(( (k + ${SWEEP#rotate:}) % 2 )) -eq 1 ] || sigs=KILL
		esac
		for sig in $sigs; do
			signal_at $k $sig || { k=-1; break; }
		done
		[ $k -gt 0 ] && k=$((k + 1))
	done
	checked=$((checked + n))
	echo "$name: $(cat ops) operations, $n signals checked"
}

# signal_at K SIG: runs cmd, sends SIG while it waits at its K-th FLASK
# operation, and checks what it left.  Returns 1 when cmd has no K-th
# operation.  The trap waits $wait ms for the signal; when the machine is
# so busy that the signal comes later than that, the run is made again
# with twice the wait (kept for the rest of the sweep).
wait=100
signal_at() {
	while :; do
		if [ "$last" != "$before" ]; then
			reset "$last"; eval "$setup"
		fi
		last=all
		rm -f mark
		FLASK_TRAP_CMD=any FLASK_TRAP_AT=$1 FLASK_TRAP_WAIT=$wait \
		FLASK_TRAP_MARK=$PWD/mark LD_PRELOAD=$TRAP \
			sh -c "exec $cmd" >out 2>err &
		pid=$!
		while [ ! -e mark ] && kill -0 $pid 2>/dev/null; do
			usleep 10000
		done
		if [ ! -e mark ]; then	# past the last operation
			wait $pid 2>/dev/null
			echo $(($1 - 1)) >ops
			return 1
		fi
		kill -$2 $pid 2>/dev/null && break
		wait $pid 2>/dev/null
		if [ $wait -ge 6400 ]; then
			failures=$((failures + 1))
			echo "SIGNAL $name: no SIG$2 reached operation $1 in time"
			return 0
		fi
		wait=$((wait * 2))
	done
	wait $pid 2>/dev/null
	n=$((n + 1))
	if [ $2 = TERM ]; then
		now=$(state)
		last=$now
		[ "$now" = "$before" ] || [ "$now" = "$after" ] && return 0
		echo "$before" >want
	else
		if files_whole &&
		   flask-label-pci --list >/dev/null 2>&1 &&
		   flask-get-bool -L --policy $POL >/dev/null 2>&1 &&
		   flask-get-bool --policy $POL -a >/dev/null 2>&1; then
			return 0
		fi
		now=$(for f in $FILES; do echo "$f:"; cat "$f.now"; done)
		for f in $FILES; do echo "$f:"; cat "$f.before"; done >want
	fi
	failures=$((failures + 1))
	echo "SIGNAL $name: SIG$2 at operation $1, state (against the one before):"
	echo "$now" >got
	diff want got | sed 's/^/  /'
	return 0
}
