#!/usr/bin/env bash
# Prints ltx-report's version as its sources state it (LTXReportVersion.current): the one
# reading that make dist, the action's install and the release workflow share.
set -euo pipefail
sed -n 's/.*static let current = "\(.*\)".*/\1/p' "$(dirname "$0")/../Sources/LTXReport/LTXReportVersion.swift"
