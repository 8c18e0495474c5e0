#!/bin/sh
# Unyo disk-space report (spec 6.d, 6.e): posts this host's volume usage to Unyo.
#
#   UNYO_URL=https://unyo.example UNYO_HOOK_TOKEN=uhk_... ./disk-report.sh [host-name]
#
# Run it daily from cron (e.g. `15 6 * * * /opt/unyo/disk-report.sh`). The token is a monitoring hook token
# allowed to post generic alerts (Unyo → 監視 → Webhook トークン). The host name defaults to `hostname`; it must
# match a monitored target's match label `host` (or `instance`) for the target's thresholds to apply.
# Needs sh, GNU df (Linux), awk and curl. Pseudo file systems (tmpfs, overlay, squashfs...) are skipped.
set -eu

: "${UNYO_URL:?set UNYO_URL to the Unyo address}"
: "${UNYO_HOOK_TOKEN:?set UNYO_HOOK_TOKEN to a monitoring hook token}"
HOST="${1:-$(hostname)}"

# df -P -k: POSIX output in 1024-byte blocks, one line per file system.
BODY=$(df -P -k -x tmpfs -x devtmpfs -x overlay -x squashfs -x efivarfs 2>/dev/null | awk -v host="$HOST" '
  function esc(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); return s }
  NR > 1 && $2 > 0 {
    mount = $6; for (i = 7; i <= NF; i++) mount = mount " " $i
    if (seen[mount]++) next
    vols = vols (n++ ? "," : "") sprintf("{\"mount\":\"%s\",\"sizeBytes\":%.0f,\"usedBytes\":%.0f}", esc(mount), $2 * 1024, $3 * 1024)
  }
  END { printf("{\"host\":\"%s\",\"volumes\":[%s]}", esc(host), vols) }')

curl -fsS -X POST "$UNYO_URL/api/v1/disk-reports" \
  -H "Authorization: Bearer $UNYO_HOOK_TOKEN" \
  -H 'Content-Type: application/json' \
  --data "$BODY"
echo
