#!/usr/bin/env bash
# How long a one-item edit takes to reach the browser in `newsdesk serve`: from the moment the
# edited file is renamed into place (as editors save) to the moment the `reload` event arrives
# on the live-reload stream, on a generated site of ITEMS items (default 10,000).
#
#   make bench-serve                 # builds the release binary first
#   ITEMS=1000 EDITS=3 bash Benchmarks/serve-latency.sh
set -euo pipefail

ITEMS=${ITEMS:-10000}
EDITS=${EDITS:-5}
BIN=${NEWSDESK:-.build/release/newsdesk}
REPO=$(cd "$(dirname "$0")/.." && pwd)
SITE=$(mktemp -d /tmp/newsdesk-serve-bench.XXXXXX)
SERVER_PID=""
STREAM_PID=""

cleanup() {
  [ -n "$STREAM_PID" ] && kill "$STREAM_PID" 2>/dev/null || true
  [ -n "$SERVER_PID" ] && kill -TERM "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  rm -rf "$SITE"
}
trap cleanup EXIT

now_ms() { awk -v t="$EPOCHREALTIME" 'BEGIN { printf "%.1f", t * 1000 }'; }

item() { # item INDEX BODY
  printf -- '---\ntitle: "Item %d"\ndate: 2023-%02d-%02d\ntags: [t%d, t%d]\n---\n%s\n\n## Details\n\n- one\n- two\n\nMore text with a [link](https://example.org/%d).\n' \
    "$1" $(( 1 + $1 % 12 )) $(( 1 + $1 % 28 )) $(( $1 % 7 )) $(( $1 % 13 )) "$2" "$1"
}

echo "Generating $ITEMS items in $SITE…"
cp -r "$REPO/themes" "$SITE/themes"
mkdir -p "$SITE/content"
printf 'title: Latency\nbase_url: https://example.edu.cn/\npaginate: 20\n' > "$SITE/content/site.yml"
for section in news cooperation campus; do mkdir -p "$SITE/content/$section"; done
sections=(news cooperation campus)
for ((i = 0; i < ITEMS; i++)); do
  item "$i" "Paragraph $i of the generated archive, long enough to look like a real news item." \
    > "$SITE/content/${sections[i % 3]}/item-$i.md"
done

"$BIN" serve --site "$SITE" --port 0 > "$SITE.log" 2>&1 &
SERVER_PID=$!
until grep -q ' ms$' "$SITE.log"; do
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$SITE.log"; exit 1; }
  sleep 0.1
done
URL=$(grep -o 'http://127.0.0.1:[0-9]*/' "$SITE.log" | head -1)
echo "First build: $(grep ' ms$' "$SITE.log" | head -1)"

# Timestamp every event line as it arrives.
curl -sN "${URL}__newsdesk/events" | while IFS= read -r line; do echo "$(now_ms) $line"; done > "$SITE.events" &
STREAM_PID=$!
until grep -q 'event: reload' "$SITE.events" 2>/dev/null; do sleep 0.05; done

latencies=()
for ((edit = 1; edit <= EDITS; edit++)); do
  seen=$(grep -c 'event: reload' "$SITE.events")
  target="$SITE/content/news/item-3.md"
  item 3 "Edited body number $edit." > "$SITE/content/news/.item-3.md.swp"
  start=$(now_ms)
  mv "$SITE/content/news/.item-3.md.swp" "$target"
  until [ "$(grep -c 'event: reload' "$SITE.events")" -gt "$seen" ]; do sleep 0.005; done
  arrived=$(grep 'event: reload' "$SITE.events" | tail -1 | cut -d' ' -f1)
  latency=$(awk -v a="$arrived" -v s="$start" 'BEGIN { printf "%.0f", a - s }')
  curl -s "${URL}news/item-3/" | grep -q "Edited body number $edit." || { echo "edit $edit not served"; exit 1; }
  latencies+=("$latency")
  echo "edit $edit: save → reload event in $latency ms ($(grep 'changed:' "$SITE.log" | tail -1))"
  sleep 0.5
done

sorted=$(printf '%s\n' "${latencies[@]}" | sort -n)
median=$(echo "$sorted" | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
echo "serve latency, $ITEMS items, $EDITS edits: median $median ms (min $(echo "$sorted" | head -1), max $(echo "$sorted" | tail -1))"
