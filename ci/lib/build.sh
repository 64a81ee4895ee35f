# shellcheck shell=bash
# Meson build directories for the ci/ scripts; sourced.

# portos_setup_build DIR [MESON ARGS...]: configure DIR (from the source
# tree this file belongs to), reconfiguring an existing one and starting
# over if it is broken, so the scripts work from any state.
portos_setup_build() {
    local dir=$1 src
    shift
    src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
    if [[ -f $dir/build.ninja ]] &&
        meson setup --reconfigure "$dir" "$src" "$@" >/dev/null 2>&1; then
        return 0
    fi
    rm -rf "$dir"
    meson setup "$dir" "$src" "$@"
}
