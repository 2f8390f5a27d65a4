#!/usr/bin/env bash
# Proves the `make dist` archive needs nothing beyond Debian 12 and libxlsxwriter4: it
# unpacks the archive into a minimal Debian root file system (debootstrap --variant=minbase,
# plus libxlsxwriter4 and what that package depends on) and runs `ltx-report --version` and
# `ltx-report --demo` there, with chroot.
#
#   scripts/dist-check.sh [ARCHIVE]     (default: the last dist/ltx-report-*.tar.gz by name)
#
# Needs root (chroot), debootstrap and Debian's package mirror. The root is made once and
# kept in .build/debian-12-root (LTX_DIST_ROOT); `rm -rf` it to start over.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
    echo "dist-check.sh: error: $*" >&2
    exit 1
}

archive="${1:-}"
if [ -z "$archive" ]; then
    for candidate in dist/ltx-report-*.tar.gz; do archive="$candidate"; done
fi
[ -n "$archive" ] && [ -f "$archive" ] || fail "no archive to check; run make dist first"
[ "$(id -u)" = 0 ] || fail "chroot needs root"
command -v debootstrap >/dev/null || fail "debootstrap is not installed (apt-get install debootstrap)"
(cd "$(dirname "$archive")" && sha256sum --quiet -c "$(basename "$archive").sha256") \
    || fail "$archive does not match its checksum"

root="${LTX_DIST_ROOT:-$PWD/.build/debian-12-root}"
mirror="${LTX_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
if [ ! -f "$root/.ltx-complete" ]; then
    echo "Making a minimal Debian 12 root in $root (once)..."
    rm -rf "$root"
    mkdir -p "$(dirname "$root")"
    debootstrap --variant=minbase --include=libxlsxwriter4 bookworm "$root" "$mirror" >"$root.log" 2>&1 \
        || { tail -n 20 "$root.log" >&2; fail "debootstrap failed (the log: $root.log)"; }
    touch "$root/.ltx-complete"
fi

name=$(basename "$archive" .tar.gz)
work="$root/opt/ltx-check"
rm -rf "$work"
mkdir -p "$work"
# Swift reads its command line from /proc/self/cmdline, as on any running Linux system.
mount -t proc proc "$root/proc"
trap 'umount "$root/proc"; rm -rf "$work"' EXIT
tar -xzf "$archive" -C "$work"
[ -x "$work/$name/ltx-report" ] || fail "$archive holds no $name/ltx-report"
for file in README.md accounts.example.toml THIRD-PARTY-NOTICES.md; do
    [ -f "$work/$name/$file" ] || fail "$archive holds no $name/$file"
done

echo "Libraries the binary asks for:"
readelf -d "$work/$name/ltx-report" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/  \1/p'

inside="/opt/ltx-check/$name"
version=$(chroot "$root" "$inside/ltx-report" --version) || fail "ltx-report --version failed in the minimal root"
echo "ltx-report --version in the minimal root: $version"
[ "$name" = "ltx-report-$version-linux-$(uname -m)" ] || fail "the archive is named $name but the binary says $version"

chroot "$root" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/root \
    "$inside/ltx-report" --accounts "$inside/accounts.example.toml" --demo --output /opt/ltx-check/reports \
    --quiet || fail "ltx-report --demo failed in the minimal root (exit $?)"
days=("$work"/reports/*)
[ "${#days[@]}" = 1 ] && [ -d "${days[0]}" ] || fail "the demo in the minimal root wrote no dated report folder"
day=$(basename "${days[0]}")
for file in report.csv report.md report.json report.xlsx report.snapshot; do
    [ -s "$work/reports/$day/$file" ] || fail "the demo in the minimal root wrote no $file"
done
echo "ltx-report --demo in the minimal root wrote reports/$day: $(cd "$work/reports/$day" && echo *)"
echo "dist-check: $archive runs on Debian 12 with libxlsxwriter4 alone"
