#!/usr/bin/env bash
# The composite action's report step (action.yml): runs `ltx-report` (or `ltx-report merge`)
# with the action's inputs, from the environment: ACCOUNTS, OUTPUT, AS_OF, FORMATS, SHARD,
# MERGE_FROM, DEADLINE, FAIL_ABOVE, REDACT_EMAILS, NOTIFY, REPORT_URL (and USEAPI_TOKEN for
# the run, SLACK_WEBHOOK_URL and TEAMS_WEBHOOK_URL for NOTIFY). Without
# DEADLINE, TIMEOUT_MINUTES (the job's) gives one: what is left of the job since the action
# started (LTX_ACTION_STARTED), less ten minutes for keeping the history and uploading.
#
# Never fails on ltx-report's own exit code: it writes it as the step output exit_code (with
# report_date beside ltx-report's own outputs) so the action can keep the history and upload
# the report first, then fail in its last step when the code is neither 0 nor 3 (4: the
# reports were written but a chat did not get the summary).
set -euo pipefail

ACCOUNTS="${ACCOUNTS:-accounts.toml}"
OUTPUT="${OUTPUT:-reports}"
args=()
if [ -n "${MERGE_FROM:-}" ]; then
    inputs=("$MERGE_FROM"/*/)
    [ -d "${inputs[0]}" ] || { echo "::error title=ltx-report::merge-from $MERGE_FROM holds no report folders"; exit 1; }
    args=(merge "${inputs[@]}" --accounts "$ACCOUNTS" --output "$OUTPUT")
else
    args=(--accounts "$ACCOUNTS" --output "$OUTPUT")
    if [ -n "${SHARD:-}" ]; then
        # A shard's report is only read by the merge: its JSON and snapshot, no comparison.
        args+=(--shard "$SHARD" --no-compare --trend 0)
        FORMATS="${FORMATS:-json,snapshot}"
    fi
    if [ -z "${DEADLINE:-}" ] && [ -n "${TIMEOUT_MINUTES:-}" ]; then
        case "$TIMEOUT_MINUTES" in
            *[!0-9]*) echo "::error title=ltx-report::timeout-minutes must be a whole number, not '$TIMEOUT_MINUTES'"; exit 1 ;;
        esac
        started="${LTX_ACTION_STARTED:-$(date +%s)}"
        DEADLINE=$((TIMEOUT_MINUTES * 60 - ($(date +%s) - started) - 600))
        if [ "$DEADLINE" -lt 60 ]; then DEADLINE=60; fi
    fi
    if [ -n "${DEADLINE:-}" ]; then args+=(--deadline "$DEADLINE"); fi
fi
if [ -n "${AS_OF:-}" ] && [ -z "${MERGE_FROM:-}" ]; then args+=(--as-of "$AS_OF"); fi
if [ -n "${FORMATS:-}" ]; then args+=(--formats "$FORMATS"); fi
if [ -n "${FAIL_ABOVE:-}" ]; then args+=(--fail-above "$FAIL_ABOVE"); fi
# A shard never posts (it holds a slice): the merge does, once.
if [ -n "${NOTIFY:-}" ] && [ -z "${SHARD:-}" ]; then args+=(--notify "$NOTIFY"); fi
if [ -n "${REPORT_URL:-}" ]; then args+=(--report-url "$REPORT_URL"); fi
# A merge keeps its inputs' redaction: shards written with --redact-emails name no email.
if [ "${REDACT_EMAILS:-false}" = true ] && [ -z "${MERGE_FROM:-}" ]; then args+=(--redact-emails); fi

status=0
ltx-report "${args[@]}" || status=$?
if [ "$status" -eq 3 ]; then
    echo "::warning title=ltx-report::Some accounts failed or are incomplete; the report lists them."
fi
if [ "$status" -eq 4 ]; then
    echo "::error title=ltx-report::The reports were written, but a chat did not get the summary (see the log)."
fi
outputs_file="${GITHUB_OUTPUT:-/dev/null}"
echo "exit_code=$status" >>"$outputs_file"
# ltx-report wrote report_dir in the multi-line form (a name<<DELIMITER line, the value).
if [ -f "$outputs_file" ]; then
    report_dir=$(sed -n '/^report_dir<</{n;p;}' "$outputs_file" | tail -n 1)
    if [ -n "$report_dir" ]; then echo "report_date=$(basename "$report_dir")" >>"$outputs_file"; fi
fi
