# shellcheck shell=bash
# Helpers shared by tests/boot/boot-test and bench/boot-bench: pick the
# emulator, build its qemu-style command line, boot the guest with a hard
# timeout and keep the transcript.  Source it; it defines bt_* only.
# shellcheck disable=SC2034 # bt_* variables are this file's outputs

bt_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# The reference QEMU (adds what a minimal install lacks; see the file).
bt_qemu_ref=$bt_root/tests/lib/qemu-ref

bt_log() { echo "${bt_prog:-boot}: $*" >&2; }

# shellcheck source=ci/lib/deps.sh
. "$bt_root/ci/lib/deps.sh"

# bt_ensure_cmds CMD:PACKAGE...: install the packages of missing commands.
# Returns non-zero (with a message) when they cannot be installed.
bt_ensure_cmds() {
	portos_require_cmds "$@" || {
		bt_log "cannot install the packages for: $*"
		return 1
	}
}

# bt_guest [DIR]: set bt_kernel, bt_initrd, bt_krel from DIR or from a
# (cached) ci/guest-image build.
bt_guest() {
	local dir=${1:-}
	if [[ -z $dir ]]; then
		dir=$("$bt_root/ci/guest-image" | tail -n1) || return 1
	fi
	bt_kernel="$dir/zImage"
	bt_initrd="$dir/initrd.cpio.gz"
	[[ -s $bt_kernel && -s $bt_initrd && -s $dir/VERSIONS ]] || {
		bt_log "guest directory $dir lacks zImage, initrd.cpio.gz or VERSIONS"
		return 1
	}
	bt_krel=$(sed -n 's/^kernel-release //p' "$dir/VERSIONS")
}

# bt_make_disk FILE: a fresh empty 16 MiB ext2 image, made without root.
bt_make_disk() {
	rm -f "$1"
	truncate -s 16M "$1" && mke2fs -q -t ext2 -b 1024 -L portos -F "$1" >&2
}

# bt_extra: more emulator arguments, after the reference ones (so they win).
bt_extra=()
# bt_wrap: a command the timed boot runs under (e.g. /usr/bin/time -o F).
bt_wrap=()

# bt_boot EMU_ARRAY_NAME TRANSCRIPT TIMEOUT APPEND [DISK]
# Boot once with the reference board arguments; stdin is /dev/null, the
# console transcript (CRs stripped) goes to TRANSCRIPT, the exact command to
# TRANSCRIPT.cmd.  Sets bt_rc (124 = timed out) and bt_ms (wall clock).
bt_boot() {
	local -n _bt_emu=$1
	local log=$2 limit=$3 append=$4 disk=${5:-} t0 t1
	local args=(-M virt -cpu cortex-a15 -m 256 -nographic -no-reboot
		-kernel "$bt_kernel" -initrd "$bt_initrd" -append "$append")
	# QEMU option syntax: a comma inside a value is written twice.
	[[ -z $disk ]] || args+=(-drive "if=none,file=${disk//,/,,},format=raw,id=d0"
		-device "virtio-blk-device,drive=d0")
	args+=("${bt_extra[@]+"${bt_extra[@]}"}")
	printf '%q ' "${_bt_emu[@]}" "${args[@]}" >"$log.cmd"
	echo >>"$log.cmd"
	t0=$(date +%s%N)
	bt_rc=0
	# A hang must fail, not block: TERM at the limit, KILL 10 s later.
	"${bt_wrap[@]+"${bt_wrap[@]}"}" timeout -k 10 "$limit" "${_bt_emu[@]}" "${args[@]}" </dev/null >"$log.raw" 2>&1 || bt_rc=$?
	t1=$(date +%s%N)
	bt_ms=$(((t1 - t0) / 1000000))
	tr -d '\r' <"$log.raw" >"$log"
	rm -f "$log.raw"
}

# bt_secs MS: milliseconds as seconds with two decimals.
bt_secs() { printf '%d.%02d' $(($1 / 1000)) $(($1 % 1000 / 10)); }
