# shellcheck shell=bash
# Shared machinery for ci/sysroot-<target>: sourced, never run.
#
# A target script sets SR_TARGET, SR_RECIPE (the recipe version, see
# sr_key), SR_SOURCES (name=version of every Debian
# source package it builds), SR_HOST_PACKAGES (Debian packages it needs on
# the host), SR_TOOLCHAIN_PACKAGES (packages whose versions go into the
# cache key), defines sr_build (builds into $SR_DESTDIR with prefix
# $SR_PREFIX) and calls sr_main with the cross file template's path.
#
# Layout under ${PORTOS_CACHE:-$HOME/.cache/portos}:
#   debsrc/<name>_<version>/   downloaded Debian source files (.dsc + tarballs)
#   apt/                       private apt configuration and lists (deb-src)
#   sysroot-<target>-<key>/    finished sysroot, renamed into place when complete
#   sysroot-<target>-<key>.tmp.*  a build in progress (or an interrupted one)
# Everything printed goes to stderr except the cross file path (sr_main).

SR_CI_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SR_REPO_DIR=$(dirname "$SR_CI_DIR")
SR_CACHE=${PORTOS_CACHE:-$HOME/.cache/portos}
# shellcheck source=ci/lib/deps.sh
. "$SR_CI_DIR/lib/deps.sh"
# The machine's 2 cores are shared with other jobs (used by target scripts).
export SR_JOBS=2

sr_log() { printf '[sysroot-%s] %s\n' "${SR_TARGET:-?}" "$*" >&2; }
sr_die() { sr_log "error: $*"; exit 1; }

# apt options that read a private deb-src list and keep all state under the
# cache, so the host's apt configuration is never touched.
sr_apt_opts() {
    local d=$SR_CACHE/apt
    printf '%s\n' -o "Dir::Etc::SourceList=/dev/null" -o "Dir::Etc::SourceParts=$d/sources.list.d" \
        -o "Dir::State::Lists=$d/lists" -o "Dir::Cache=$d/cache" \
        -o "APT::Sandbox::User=root" -o "Acquire::Languages=none"
}

# Writes the private sources file: the system's Debian entries turned into
# deb-src, plus one for trixie on the same mirror (wasm needs a newer
# libffi). The mirror is read from the system configuration, never named.
sr_apt_write_sources() {
    local d=$SR_CACHE/apt/sources.list.d sys=/etc/apt/sources.list.d/debian.sources uri
    mkdir -p "$d" "$SR_CACHE/apt/lists/partial" "$SR_CACHE/apt/cache/archives/partial"
    if [[ -r $sys ]]; then
        sed -e 's/^Types:.*/Types: deb-src/' "$sys" >"$d/portos.sources.tmp"
        uri=$(awk '/^URIs:/ && $2 !~ /security/ {print $2; exit}' "$sys")
    else
        # One-line format: keep the Debian lines, turned into deb-src.
        grep -E '^deb[[:space:]]' /etc/apt/sources.list |
            sed -e 's/^deb[[:space:]]\+\(\[[^]]*\][[:space:]]\+\)\?/deb-src /' >"$d/portos.list.tmp"
        mv "$d/portos.list.tmp" "$d/portos.list"
        uri=$(awk '$1 == "deb" && $0 !~ /security/ {for (i = 2; i <= NF; i++) if ($i ~ /:\/\//) {print $i; exit}}' /etc/apt/sources.list)
        : >"$d/portos.sources.tmp"
    fi
    [[ -n $uri ]] || sr_die "no Debian mirror found in the system's apt sources"
    printf '\nTypes: deb-src\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
        "$uri" >>"$d/portos.sources.tmp"
    mv "$d/portos.sources.tmp" "$d/portos.sources"
}

sr_apt_update() {
    local opts
    mapfile -t opts < <(sr_apt_opts)
    sr_apt_write_sources
    sr_log "updating private deb-src lists"
    apt-get -q "${opts[@]}" update >&2
}

# Version string as it appears in file names (no epoch).
sr_file_version() { printf '%s\n' "${1#*:}"; }

# Prints the download directory of name=version, downloading it with
# apt-get source on first use. Callers hold no lock; this takes its own.
sr_fetch() {
    local name=${1%%=*} version=${1#*=} dir
    dir="$SR_CACHE/debsrc/${name}_$(sr_file_version "$version")"
    if [[ ! -e $dir/.complete ]]; then
        mkdir -p "$SR_CACHE/debsrc"
        (
            exec 8>"$SR_CACHE/debsrc/.lock"
            flock 8
            [[ -e $dir/.complete ]] && exit 0
            local opts tmp
            mapfile -t opts < <(sr_apt_opts)
            tmp=$(mktemp -d "$dir.tmp.XXXXXX")
            trap 'rm -rf "$tmp"' EXIT
            cd "$tmp"
            sr_log "downloading Debian source $name=$version"
            # Lists may be missing or older than the pinned version.
            if ! apt-get -q "${opts[@]}" source --download-only --only-source "$name=$version" >&2 2>/dev/null; then
                sr_apt_update
                apt-get -q "${opts[@]}" source --download-only --only-source "$name=$version" >&2 ||
                    sr_die "source $name=$version is not on the mirror; update the pin in $0"
            fi
            touch .complete
            rm -rf "$dir"
            mv -T "$tmp" "$dir"
        )
    fi
    printf '%s\n' "$dir"
}

# Unpacks name=version (Debian patches applied) into DEST, then applies the
# project's own patches ci/patches/<target>/<name>-*.patch in name order.
sr_unpack() {
    local spec=$1 dest=$2 dir dsc p
    dir=$(sr_fetch "$spec")
    dsc=$(echo "$dir"/*.dsc)
    [[ -f $dsc ]] || sr_die "no .dsc in $dir"
    dpkg-source --no-check -x "$dsc" "$dest" >&2
    for p in "$SR_CI_DIR/patches/$SR_TARGET/${spec%%=*}"-*.patch; do
        [[ -e $p ]] || continue
        sr_log "applying ${p#"$SR_REPO_DIR"/}"
        patch -d "$dest" -p1 --no-backup-if-mismatch -s <"$p" >&2
    done
}

# Prints the SR_SOURCES entry (name=version) of source package NAME.
sr_source() {
    local s
    for s in "${SR_SOURCES[@]}"; do
        [[ ${s%%=*} == "$1" ]] && { printf '%s\n' "$s"; return 0; }
    done
    sr_die "no pinned version for source package $1"
}

# libfdt. Debian's device-tree-compiler source cannot be used: the mirror
# answers 404 for its tarballs (bookworm 1.6.1-4 and trixie 1.7.2-2 alike).
# arm-trusted-firmware's source carries upstream libfdt unmodified
# (lib/libfdt, include/lib/libfdt; libfdt_env.h is byte-identical to
# libfdt-dev 1.6.1's, and libfdt.h is 1.6.1's plus fdt16_ld and
# fdt_overlay_target_offset), so build the library from there.
# Usage: sr_build_libfdt CC AR CFLAGS...
sr_build_libfdt() {
    local cc=$1 ar=$2 src=$SR_BUILDDIR/libfdt out=$SR_DESTDIR$SR_PREFIX c o objs=()
    shift 2
    sr_unpack "$(sr_source arm-trusted-firmware)" "$src"
    mkdir -p "$src/obj" "$out/include" "$out/lib/pkgconfig"
    for c in "$src"/lib/libfdt/*.c; do
        o=$src/obj/$(basename "$c" .c).o
        "$cc" "$@" -I"$src/include/lib/libfdt" -c "$c" -o "$o"
        objs+=("$o")
    done
    rm -f "$out/lib/libfdt.a"
    "$ar" rcs "$out/lib/libfdt.a" "${objs[@]}"
    cp "$src"/include/lib/libfdt/{fdt.h,libfdt.h,libfdt_env.h} "$out/include/"
    cat >"$out/lib/pkgconfig/libfdt.pc" <<PC
prefix=$SR_PREFIX
libdir=\${prefix}/lib
includedir=\${prefix}/include

Name: libfdt
Description: Flat device tree library (upstream libfdt as carried by $(sr_source arm-trusted-firmware))
Version: 1.6.1
Libs: -L\${libdir} -lfdt
Cflags: -I\${includedir}
PC
}

# Runs a build step with its output in a log file; on failure shows the end
# of the log. Usage: sr_step NAME command...
sr_step() {
    local name=$1 log start
    shift
    log=$SR_LOGDIR/$name.log
    start=$SECONDS
    sr_log "step $name"
    # A subshell outside any condition, so that set -e stays in force in
    # the step (bash ignores it in functions run under if/||).
    set +e
    (set -e; "$@") >>"$log" 2>&1
    local rc=$?
    set -e
    if ((rc != 0)); then
        tail -n 60 "$log" >&2
        sr_die "step $name failed (full log: $log)"
    fi
    sr_log "step $name done in $((SECONDS - start)) s"
}

# A static-only sysroot: fold Libs.private/Requires.private into Libs/Requires
# so that a plain (non --static) pkg-config query gives a complete link line.
sr_pc_fold_private() {
    local pc
    for pc in "$SR_DESTDIR$SR_PREFIX"/lib/pkgconfig/*.pc; do
        awk '
            /^Libs\.private:/     { sub(/^[^:]*:[[:space:]]*/, ""); lp = lp " " $0; next }
            /^Requires\.private:/ { sub(/^[^:]*:[[:space:]]*/, ""); if ($0 != "") rp = rp (rp == "" ? "" : ", ") $0; next }
            { line[++n] = $0 }
            END {
                for (i = 1; i <= n; i++) {
                    l = line[i]
                    if (l ~ /^Libs:/) l = l lp
                    if (l ~ /^Requires:/ && rp != "") { l = l (l ~ /^Requires:[[:space:]]*$/ ? " " : ", ") rp; rp = "" }
                    print l
                }
                if (rp != "") print "Requires: " rp
            }' "$pc" >"$pc.tmp"
        mv "$pc.tmp" "$pc"
    done
}

# Cache key: what the build consumes, never the scripts' text (editing a
# comment must not rebuild GLib): the target, the recipe version SR_RECIPE
# that the target script bumps whenever a build step changes, the pinned
# source versions, the toolchain package versions and the patch files'
# contents.
sr_key_inputs() {
    printf 'target %s\n' "$SR_TARGET"
    printf 'recipe %s\n' "$SR_RECIPE"
    printf 'source %s\n' "${SR_SOURCES[@]}"
    dpkg-query -W -f 'tool ${Package}=${Version}\n' "${SR_TOOLCHAIN_PACKAGES[@]}"
    local f
    for f in "$SR_CI_DIR/patches/$SR_TARGET"/*; do
        [[ -f $f ]] || continue
        printf 'patch %s %s\n' "${f#"$SR_CI_DIR"/}" "$(sha256sum <"$f" | cut -d' ' -f1)"
    done
}

sr_key() { sr_key_inputs | sha256sum | cut -c1-16; }

# Recipe 1 is, step for step, the build of the scripts at this commit, whose
# cache key hashed the scripts' text. A sysroot built under that old key is
# the same build as recipe 1 when the old key, recomputed from those
# scripts with today's sources, toolchain and patches, names it; it is then
# copied under the new key instead of being rebuilt.
SR_RECIPE1_LEGACY_COMMIT=68ebcc8b489b60df9eee2928594d9b2695070edf

# Prints the old-style key of recipe 1, or nothing when the old scripts are
# not at hand (no git checkout).
sr_legacy_key() {
    local c=$SR_RECIPE1_LEGACY_COMMIT f sum
    ((SR_RECIPE == 1)) || return 0
    git -C "$SR_REPO_DIR" cat-file -e "$c^{commit}" 2>/dev/null || return 0
    {
        printf 'target %s\n' "$SR_TARGET"
        printf 'source %s\n' "${SR_SOURCES[@]}"
        dpkg-query -W -f 'tool ${Package}=${Version}\n' "${SR_TOOLCHAIN_PACKAGES[@]}"
        for f in lib/sysroot-common.sh "sysroot-$SR_TARGET"; do
            sum=$(git -C "$SR_REPO_DIR" show "$c:ci/$f" | sha256sum | cut -d' ' -f1)
            printf 'file %s %s\n' "$f" "$sum"
        done
        for f in "$SR_CI_DIR/patches/$SR_TARGET"/*; do
            [[ -f $f ]] || continue
            printf 'file %s %s\n' "${f#"$SR_CI_DIR"/}" "$(sha256sum <"$f" | cut -d' ' -f1)"
        done
    } | sha256sum | cut -c1-16
}

# Copies the finished old-key sysroot of recipe 1 to $1 (the new key's
# directory) if there is one; returns non-zero otherwise. Both paths have
# the same length, so the installation prefix baked into .pc files and
# libraries is rewritten byte for byte.
sr_adopt_legacy() {
    local final=$1 key old tmp
    key=$(sr_legacy_key)
    [[ -n $key ]] || return 1
    old=$SR_CACHE/sysroot-$SR_TARGET-$key
    [[ -d $old && -f $old/MANIFEST && ${#old} == "${#final}" ]] || return 1
    sr_log "adopting $old: the same build as recipe $SR_RECIPE"
    tmp=$(mktemp -d "$final.tmp.XXXXXX")
    cp -a "$old/." "$tmp/"
    rm -rf "$tmp/cross"
    grep -rlF --null "$old" "$tmp" | xargs -0 -r perl -0777 -pi -e "s|\Q$old\E|$final|g"
    {
        printf 'key %s\n' "$(basename "$final" | sed 's/.*-//')"
        printf 'adopted-from %s\n' "$(basename "$old")"
        sr_key_inputs
    } >"$tmp/MANIFEST"
    mv -T "$tmp" "$final"
}

# Generates the cross file from TEMPLATE for the sysroot at $1 and prints
# its path. The file name hashes the template and the ci/ directory, so
# several checkouts can share one cache.
sr_write_cross_file() {
    local sysroot=$1 template=$2 id out
    id=$( { cat "$template"; printf '%s\n' "$SR_CI_DIR"; } | sha256sum | cut -c1-12)
    out=$sysroot/cross/$(basename "$template" .in | sed 's/\.ini$//')-$id.ini
    if [[ ! -f $out ]]; then
        mkdir -p "$sysroot/cross"
        sed -e "s|@SYSROOT@|$sysroot|g" -e "s|@CI_DIR@|$SR_CI_DIR|g" "$template" >"$out.tmp.$$"
        mv "$out.tmp.$$" "$out"
    fi
    printf '%s\n' "$out"
}

# Entry point: make sure the sysroot for the current key exists (building it
# if needed), then print the cross file path as the only stdout line.
sr_main() {
    local template=$1 key final tmp start
    portos_require_packages "${SR_HOST_PACKAGES[@]}"
    key=$(sr_key)
    final=$SR_CACHE/sysroot-$SR_TARGET-$key
    if [[ ! -d $final ]]; then
        mkdir -p "$SR_CACHE"
        exec 9>"$SR_CACHE/sysroot-$SR_TARGET.lock"
        # Another run may be building the same sysroot: wait for it.
        flock 9
        if [[ ! -d $final ]]; then
            rm -rf "$SR_CACHE/sysroot-$SR_TARGET-"*.tmp.*
            sr_adopt_legacy "$final" || true
        fi
        if [[ ! -d $final ]]; then
            # Leftovers of interrupted builds (nobody else holds the lock).
            rm -rf "$SR_CACHE/sysroot-$SR_TARGET-"*.tmp.*
            start=$SECONDS
            tmp=$(mktemp -d "$final.tmp.XXXXXX")
            sr_log "building sysroot $final (logs in $tmp/logs)"
            SR_PREFIX=$final
            SR_DESTDIR=$tmp/dest
            SR_BUILDDIR=$tmp/build
            SR_LOGDIR=$tmp/logs
            mkdir -p "$SR_DESTDIR$SR_PREFIX" "$SR_BUILDDIR" "$SR_LOGDIR"
            sr_build
            sr_pc_fold_private
            rm -f "$SR_DESTDIR$SR_PREFIX"/lib/*.la
            {
                printf 'key %s\n' "$key"
                sr_key_inputs
            } >"$SR_DESTDIR$SR_PREFIX/MANIFEST"
            cp -r "$SR_LOGDIR" "$SR_DESTDIR$SR_PREFIX/logs"
            mv -T "$SR_DESTDIR$SR_PREFIX" "$final"
            rm -rf "$tmp"
            sr_log "sysroot built in $((SECONDS - start)) s"
        fi
        flock -u 9
    fi
    sr_write_cross_file "$final" "$template"
}
