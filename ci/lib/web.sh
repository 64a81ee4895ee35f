# shellcheck shell=bash
# The browser build's JavaScript side for ci/demo --web and ci/test's web
# stage; sourced. Needs deps.sh.

# portos_web_npm DIR: install emulator/web's npm packages (package.json and
# its lockfile, with npm ci) into DIR/node_modules, outside the source
# tree; nothing to do when DIR already holds this lockfile's install.
portos_web_npm() {
    local dir=$1 web
    web=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../emulator/web" && pwd)
    portos_require_cmds node:nodejs npm:npm || return 1
    if [[ -d $dir/node_modules ]] && cmp -s "$web/package-lock.json" "$dir/package-lock.json"; then
        return 0
    fi
    mkdir -p "$dir" &&
        cp "$web/package.json" "$web/package-lock.json" "$web/.npmrc" "$dir/" &&
        (cd "$dir" && npm ci --no-audit --no-fund --ignore-scripts >&2)
}

# portos_web_guest DIR GUEST DISK_MIB: DIR/ holds what the page loads from
# guest/: zImage and initrd.cpio.gz (links into GUEST, a ci/guest-image
# directory) and a fresh ext2 disk.img of DISK_MIB MiB (kept if present).
portos_web_guest() {
    local dir=$1 guest=$2 mib=$3
    mkdir -p "$dir" &&
        ln -sf "$guest/zImage" "$dir/zImage" &&
        ln -sf "$guest/initrd.cpio.gz" "$dir/initrd.cpio.gz" || return 1
    [[ -s $dir/disk.img ]] && return 0
    rm -f "$dir/disk.img.tmp"
    truncate -s "${mib}M" "$dir/disk.img.tmp" &&
        mke2fs -q -t ext2 -L portos-web -F "$dir/disk.img.tmp" >&2 &&
        mv "$dir/disk.img.tmp" "$dir/disk.img"
}
