#!/usr/bin/env bash
# Mails a report folder's digest with curl's SMTP support, for machines without GitHub
# Actions (the example workflows use a mail action instead): digest.txt and digest.html as
# the two parts of one message, report.xlsx attached, the subject from report.json.
#
#   scripts/mail-digest.sh reports/2026-12-05
#
# Settings (environment):
#   SMTP_URL       smtps://smtp.example.com:465 (TLS), or smtp://smtp.example.com:587
#                  (STARTTLS, required); plain smtp:// only to 127.0.0.1
#   SMTP_USERNAME, SMTP_PASSWORD   optional; passed to curl on its standard input, never
#                  on its command line
#   MAIL_FROM      the sender's address
#   MAIL_TO        the recipients, comma-separated
set -euo pipefail

fail() {
    echo "mail-digest.sh: error: $*" >&2
    exit 1
}

[ $# -eq 1 ] || fail "usage: mail-digest.sh REPORT_FOLDER"
dir="$1"
for file in digest.txt digest.html report.json; do
    [ -f "$dir/$file" ] || fail "$dir has no $file (write the report with the digest and json formats)"
done
: "${SMTP_URL:?mail-digest.sh: error: SMTP_URL is not set}"
: "${MAIL_FROM:?mail-digest.sh: error: MAIL_FROM is not set}"
: "${MAIL_TO:?mail-digest.sh: error: MAIL_TO is not set}"

tls=(--ssl-reqd)
case "$SMTP_URL" in
    smtps://*) ;;
    smtp://127.0.0.1:* | smtp://127.0.0.1) tls=() ;;
    smtp://*) ;;
    *) fail "SMTP_URL must start with smtps:// or smtp://" ;;
esac

subject=$(sed -n 's/.*"subject" *: *"\([^"]*\)".*/\1/p' "$dir/report.json" | head -n 1)
[ -n "$subject" ] || fail "$dir/report.json has no digest subject"
# Header values are ASCII; the subject has a minus sign and dashes (RFC 2047).
encoded="=?UTF-8?B?$(printf '%s' "$subject" | base64 | tr -d '\n')?="

recipients=()
IFS=',' read -r -a addresses <<<"$MAIL_TO"
for address in "${addresses[@]}"; do
    address="${address// /}"
    [ -n "$address" ] && recipients+=(--mail-rcpt "$address")
done
[ "${#recipients[@]}" -gt 0 ] || fail "MAIL_TO names no recipient"

attachment=()
if [ -f "$dir/report.xlsx" ]; then
    attachment=(-F "=@$dir/report.xlsx;type=application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;encoder=base64")
fi

# The credentials go through curl's configuration on standard input.
config=""
if [ -n "${SMTP_USERNAME:-}" ]; then
    config="user = \"${SMTP_USERNAME//\"/\\\"}:${SMTP_PASSWORD//\"/\\\"}\""
fi
printf '%s\n' "$config" | curl --config - --silent --show-error --fail --max-time 120 "${tls[@]}" \
    --url "$SMTP_URL" --mail-from "$MAIL_FROM" "${recipients[@]}" \
    -H "Subject: $encoded" -H "From: ltx-report <$MAIL_FROM>" -H "To: $MAIL_TO" \
    -F '=(;type=multipart/alternative' \
    -F "=<$dir/digest.txt;type=text/plain; charset=utf-8;encoder=quoted-printable" \
    -F "=<$dir/digest.html;type=text/html; charset=utf-8;encoder=quoted-printable" \
    -F '=)' \
    "${attachment[@]}" \
    || fail "curl could not deliver the digest through $(printf '%s' "$SMTP_URL" | sed 's#//[^@/]*@#//#')"
echo "Mailed the digest of $dir to $MAIL_TO: $subject"
