#!/usr/bin/env bash
# The composite action's install step (action.yml): puts ltx-report on the job's PATH.
#
#   action-install.sh release [REPOSITORY [VERSION]]
#       Download the release archive of VERSION (default: the version of the action's own
#       sources) from REPOSITORY's GitHub releases, check it against its checksum, unpack it.
#       The binary is built on Debian 12 and needs libxlsxwriter4: run the job in a
#       debian:12-slim container (the README's example does).
#   action-install.sh build
#       Build it from the action's own sources (needs Swift 6.3 and libxlsxwriter-dev).
#
# Installs the Debian packages it needs when they are missing (as root, or with sudo), and
# git when the history is kept (HISTORY=true). LTX_RELEASE_BASE_URL replaces the download
# address (a mirror, or the tests' local folder as a file:// URL).
set -euo pipefail

fail() {
    echo "::error title=ltx-report::$*"
    exit 1
}

action="${GITHUB_ACTION_PATH:-$(cd "$(dirname "$0")/.." && pwd)}"
temp="${RUNNER_TEMP:-${TMPDIR:-/tmp}}"

# Installs the Debian packages among "$@" that are not installed yet.
ensure_packages() {
    local missing=()
    for package in "$@"; do
        dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
    done
    [ "${#missing[@]}" -gt 0 ] || return 0
    command -v apt-get >/dev/null || fail "needs the Debian packages ${missing[*]}, and this runner has no apt-get"
    local sudo=()
    if [ "$(id -u)" != 0 ]; then
        command -v sudo >/dev/null || fail "needs the Debian packages ${missing[*]}; install them or run as root"
        sudo=(sudo)
    fi
    echo "Installing ${missing[*]}..."
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

mode="${1:-release}"
case "$mode" in
    build)
        ensure_packages libxlsxwriter-dev pkg-config
        command -v swift >/dev/null || fail "install: build needs Swift 6.3 on the runner (a swift:6.3 container)"
        (cd "$action" && swift build -c release --product ltx-report)
        bin_dir=$(cd "$action" && swift build -c release --show-bin-path)
        ;;
    release)
        repository="${2:-${GITHUB_ACTION_REPOSITORY:-}}"
        version="${3:-}"
        if [ -z "$version" ]; then
            version=$("$action/scripts/version.sh")
        fi
        version="${version#v}"
        [ -n "$version" ] || fail "no version to install; set the action's version input"
        base="${LTX_RELEASE_BASE_URL:-}"
        if [ -z "$base" ]; then
            [ -n "$repository" ] || fail "no repository to download the release from; set the action's repository input"
            base="https://github.com/$repository/releases/download/v$version"
        fi
        ensure_packages libxlsxwriter4 ca-certificates curl
        name="ltx-report-$version-linux-$(uname -m)"
        mkdir -p "$temp/ltx-report-install"
        cd "$temp/ltx-report-install"
        for file in "$name.tar.gz" "$name.tar.gz.sha256"; do
            curl --fail --silent --show-error --location --retry 3 --max-time 300 --output "$file" "$base/$file" \
                || fail "could not download $file of ltx-report $version"
        done
        sha256sum --quiet -c "$name.tar.gz.sha256" || fail "$name.tar.gz does not match its published checksum"
        tar -xzf "$name.tar.gz"
        bin_dir="$PWD/$name"
        "$bin_dir/ltx-report" --version >/dev/null \
            || fail "the release binary does not run here: it is built for Debian 12 with libxlsxwriter4 (run the job in a debian:12-slim container, or set install: build)"
        ;;
    *) fail "install must be release or build, not '$mode'" ;;
esac

if [ "${HISTORY:-false}" = true ]; then
    ensure_packages git
    # In a container the checked-out workspace belongs to another user, which git refuses.
    if [ -n "${GITHUB_WORKSPACE:-}" ]; then git config --global --add safe.directory "$GITHUB_WORKSPACE"; fi
fi
echo "ltx-report $("$bin_dir/ltx-report" --version) installed in $bin_dir"
if [ -n "${GITHUB_PATH:-}" ]; then echo "$bin_dir" >>"$GITHUB_PATH"; fi
