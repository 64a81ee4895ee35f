# shellcheck shell=bash
# The Debian archive the guest images are fetched from: the host's own
# (its apt sources), or $PORTOS_DEBIAN_MIRROR; never a name written in the
# tree.  Sourced; defines portos_debian_mirror.

# portos_debian_mirror: print the archive's URI, or fail with nothing printed.
portos_debian_mirror() {
    local uri=${PORTOS_DEBIAN_MIRROR:-}
    if [[ -z $uri ]]; then
        uri=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
            sed -n 's/^URIs:[[:space:]]*//p' | tr ' ' '\n' | grep -E '/debian/?$' | head -n1 || true)
    fi
    if [[ -z $uri ]]; then
        uri=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
            awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i !~ /^\[/ && $i ~ /\/debian\/?$/) { print $i; exit } }' || true)
    fi
    [[ -n $uri ]] || return 1
    echo "$uri"
}
