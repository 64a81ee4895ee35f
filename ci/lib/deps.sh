# shellcheck shell=bash
# Debian packages the project needs, by stage; sourced by ci/ scripts.
# Installs only what is missing, so a warm machine pays nothing.

deps_log() { printf '[deps] %s\n' "$*" >&2; }

# portos_require_packages PKG...: install the packages not installed yet.
portos_require_packages() {
    local missing=() p
    for p in "$@"; do
        if [[ $(dpkg-query -W -f '${db:Status-Status}' "$p" 2>/dev/null) != installed ]]; then
            missing+=("$p")
        fi
    done
    ((${#missing[@]})) || return 0
    deps_log "installing ${missing[*]}"
    local sudo=()
    [[ $(id -u) == 0 ]] || sudo=(sudo)
    # Other jobs may hold the dpkg lock for a while: wait instead of failing.
    local apt=("${sudo[@]}" apt-get -y -q --no-install-recommends -o DPkg::Lock::Timeout=900)
    if ! DEBIAN_FRONTEND=noninteractive "${apt[@]}" install "${missing[@]}" >&2; then
        # A fresh machine may have stale or empty package lists.
        "${apt[@]}" update >&2
        DEBIAN_FRONTEND=noninteractive "${apt[@]}" install "${missing[@]}" >&2
    fi
}

# What the native (posix) build and its test suites need.
# shellcheck disable=SC2034 # used by the scripts that source this file
# The ARM cross tools and QEMU build and check the guest test programs;
# capstone disassembles guest code for -d in_asm; gdb-multiarch drives the
# gdbstub (tests/gdbstub); time(1) gives bench/boot-bench --rss the peak RSS.
PORTOS_PKGS_POSIX=(gcc meson ninja-build pkgconf libglib2.0-dev check valgrind
    libfdt-dev libcapstone-dev python3 gcc-arm-linux-gnueabihf binutils-arm-linux-gnueabihf
    qemu-system-arm e2fsprogs libslirp-dev gdb-multiarch time)

# The fuzz stage: clang with its sanitizer and libFuzzer runtimes.
# shellcheck disable=SC2034 # used by the scripts that source this file
PORTOS_PKGS_FUZZ=(clang libclang-rt-14-dev)

# The web stage and ci/demo --web: Debian's Chromium, driven headless by
# npm playwright-core (Node and npm themselves: portos_require_cmds).
# shellcheck disable=SC2034 # used by the scripts that source this file
PORTOS_PKGS_WEB=(chromium e2fsprogs)

# The debian stage and ci/demo --debian: debootstrap unpacks the armhf
# system on the host, dpkg-scanpackages indexes the local apt repository.
# shellcheck disable=SC2034 # used by the scripts that source this file
PORTOS_PKGS_DEBIAN=(debootstrap dpkg-dev e2fsprogs qemu-system-arm)

# portos_require_cmds CMD:PACKAGE...: install the packages of the commands
# that are missing. Returns non-zero when they cannot be installed.
portos_require_cmds() {
    local pair missing=()
    for pair; do
        command -v "${pair%%:*}" >/dev/null || missing+=("${pair#*:}")
    done
    ((${#missing[@]})) || return 0
    portos_require_packages "${missing[@]}"
}
