#!/usr/bin/env bash
# Packs ltx-report for installing without building (`make dist`, and the release workflow):
#
#   dist/ltx-report-VERSION-linux-ARCH.tar.gz          the folder ltx-report-VERSION-linux-ARCH/:
#       ltx-report                     the release build, the Swift standard library linked in
#       README.md, accounts.example.toml
#       LICENSE                        the project's licence, when the repository has one
#       THIRD-PARTY-NOTICES.md         the licence and NOTICE of every package linked in,
#                                      and of the Swift runtime
#   dist/ltx-report-VERSION-linux-ARCH.tar.gz.sha256   its checksum, for `sha256sum -c`
#
# The binary still links the C library and libxlsxwriter dynamically: on Debian 12 it needs
# `libxlsxwriter4` and nothing else (scripts/dist-check.sh proves it in a minimal root).
# The archive is reproducible: names sorted, owner root, times from the last commit.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
    echo "dist.sh: error: $*" >&2
    exit 1
}

version=$(scripts/version.sh)
[ -n "$version" ] || fail "no version in Sources/LTXReport/LTXReportVersion.swift"
arch=$(uname -m)
name="ltx-report-$version-linux-$arch"
swift="${SWIFT:-swift}"

echo "Building ltx-report $version (release, Swift standard library linked statically)..."
"$swift" build -c release --product ltx-report --static-swift-stdlib
binary="$("$swift" build -c release --show-bin-path)/ltx-report"
[ -x "$binary" ] || fail "the build made no $binary"

stage=$(mktemp -d "${TMPDIR:-/tmp}/ltx-dist.XXXXXX")
trap 'rm -rf "$stage"' EXIT
folder="$stage/$name"
mkdir -p "$folder"
cp "$binary" "$folder/ltx-report"
strip --strip-unneeded "$folder/ltx-report" 2>/dev/null || true
cp README.md accounts.example.toml "$folder/"
if [ -f LICENSE ]; then cp LICENSE "$folder/"; fi

# Apache-2.0 and the other licences of what is linked in ask for their text (and NOTICE)
# to travel with the binary. ZIPFoundation is used by the tests only.
notices="$folder/THIRD-PARTY-NOTICES.md"
{
    echo "# Third-party notices"
    echo
    echo "The ltx-report binary links in the following software. Each section is that"
    echo "software's own licence (and NOTICE, where it has one), as shipped with the"
    echo "version this binary was built from."
    echo
    echo "libxlsxwriter and the C library are not linked in: Debian's packages provide them."
    swift_license=$(dirname "$(dirname "$(command -v "$swift")")")/share/swift/LICENSE.txt
    if [ -f "$swift_license" ]; then
        printf '\n## The Swift runtime and standard library\n\n```\n'
        cat "$swift_license"
        printf '```\n'
    fi
    for package in .build/checkouts/*/; do
        package_name=$(basename "$package")
        [ "$package_name" != ZIPFoundation ] || continue
        printf '\n## %s\n' "$package_name"
        for file in "$package"LICENSE* "$package"NOTICE*; do
            [ -f "$file" ] || continue
            printf '\n```\n'
            cat "$file"
            printf '```\n'
        done
    done
} >"$notices"

mkdir -p dist
archive="dist/$name.tar.gz"
mtime=$(git log -1 --format=%ct 2>/dev/null || date +%s)
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$mtime" -C "$stage" -cf - "$name" \
    | gzip -n -9 >"$archive.tmp"
mv "$archive.tmp" "$archive"
(cd dist && sha256sum "$name.tar.gz" >"$name.tar.gz.sha256")
echo "$archive"
echo "$archive.sha256"
if [ ! -f LICENSE ]; then
    echo "dist.sh: note: the repository has no LICENSE file, so the archive carries none of its own" >&2
fi
