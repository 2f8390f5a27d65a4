#!/usr/bin/env bash
# Keeps the weekly reports' history on a git branch of its own, which survives idle weeks,
# failed runs and re-runs (the Actions cache does not: it evicts entries unused for seven
# days). The branch holds one commit, replaced each week, with the newest dated report
# folders only, so the repository does not grow.
#
#   scripts/history.sh restore DIR [--first-run]
#       Bring the saved folders back into DIR. No history branch yet is an error, unless
#       --first-run says this is the first report ever: a lost history must not silently
#       become a new one.
#   scripts/history.sh save DIR [--keep-manual]
#       Replace the branch with the newest dated folders of DIR. Call it only after a
#       report was written (exit 0 or 3). A run not started by the schedule
#       (GITHUB_EVENT_NAME other than "schedule") is not saved unless --keep-manual: a
#       manual mid-week run must not become next week's baseline unless asked.
#
# Settings (environment): LTX_HISTORY_REMOTE (default origin), LTX_HISTORY_BRANCH
# (default ltx-report-history), LTX_HISTORY_WEEKS (folders kept, default 12).
# Run it inside the repository's checkout; saving needs permission to push the branch.
set -euo pipefail

remote="${LTX_HISTORY_REMOTE:-origin}"
branch="${LTX_HISTORY_BRANCH:-ltx-report-history}"
weeks="${LTX_HISTORY_WEEKS:-12}"

fail() {
    echo "history.sh: error: $*" >&2
    exit 1
}

usage() { fail "usage: history.sh restore DIR [--first-run] | history.sh save DIR [--keep-manual]"; }

[ $# -ge 2 ] || usage
command="$1"
dir="$2"
shift 2
first_run=false
keep_manual=false
for flag in "$@"; do
    case "$flag" in
        --first-run) first_run=true ;;
        --keep-manual) keep_manual=true ;;
        *) usage ;;
    esac
done
case "$weeks" in '' | *[!0-9]* | 0) fail "LTX_HISTORY_WEEKS must be a whole number from 1, not '$weeks'" ;; esac
git rev-parse --git-dir >/dev/null 2>&1 || fail "run it inside the repository's checkout"

# The dated report folders directly under $1, oldest first.
dated_folders() {
    find "$1" -mindepth 1 -maxdepth 1 -type d -name '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' -printf '%f\n' | sort
}

restore() {
    mkdir -p "$dir"
    if ! git ls-remote --exit-code --heads "$remote" "$branch" >/dev/null 2>&1; then
        if [ "$first_run" = true ]; then
            echo "history.sh: no history yet on $branch; this first report starts it."
            return
        fi
        fail "no history on branch $branch of $remote: if this is the first report, pass --first-run (the workflow's first_run input); otherwise the history was lost and a new one would compare with nothing"
    fi
    git fetch --quiet --depth 1 "$remote" "refs/heads/$branch"
    git archive FETCH_HEAD | tar -x -C "$dir"
    echo "history.sh: restored $(dated_folders "$dir" | wc -l | tr -d ' ') report folders from $branch."
}

save() {
    [ -d "$dir" ] || fail "$dir is not a folder"
    if [ "${GITHUB_EVENT_NAME:-schedule}" != schedule ] && [ "$keep_manual" != true ]; then
        echo "history.sh: a ${GITHUB_EVENT_NAME} run is not saved to $branch (pass --keep-manual to make it the baseline)."
        return
    fi
    local folders
    folders=$(dated_folders "$dir" | tail -n "$weeks")
    [ -n "$folders" ] || fail "$dir holds no dated report folder to save"
    local work
    work=$(mktemp -d)
    trap 'rm -rf "$work"' RETURN
    mkdir "$work/tree"
    for folder in $folders; do
        # The reports only: no lock file, no partial or temporary files.
        mkdir "$work/tree/$folder"
        find "$dir/$folder" -maxdepth 1 -type f ! -name '.*' -exec cp {} "$work/tree/$folder/" \;
    done
    # A commit of its own, built beside the checkout (its own index and tree), so the
    # checkout is left as it was; pushed over the branch, so only it stays reachable.
    local git_dir tree commit newest
    git_dir=$(cd "$(git rev-parse --git-dir)" && pwd)
    newest=$(echo "$folders" | tail -n 1)
    tree=$(cd "$work/tree" && export GIT_DIR="$git_dir" GIT_WORK_TREE="$work/tree" GIT_INDEX_FILE="$work/index" &&
        git add -A . && git write-tree)
    commit=$(git -c user.name=ltx-report -c user.email=ltx-report@localhost \
        commit-tree "$tree" -m "ltx-report history up to $newest")
    git push --quiet --force "$remote" "$commit:refs/heads/$branch"
    echo "history.sh: saved $(echo "$folders" | wc -l | tr -d ' ') report folders, up to $newest, to $branch."
}

case "$command" in
    restore) restore ;;
    save) save ;;
    *) usage ;;
esac
