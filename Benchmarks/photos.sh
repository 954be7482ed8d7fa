#!/usr/bin/env bash
# The photo benchmark (`make bench-photos`, also run by `make bench`): 60 page bundles, each with
# one distinct 4000 x 3000 JPEG of about 4 MB (Scripts/example-photos.py --corpus), built by the
# release newsdesk and by Hugo with the same resizing (Benchmarks/hugo-photos: 3 widths x WebP
# and JPEG, plus a thumbnail in both). Prints wall time, CPU time and peak memory of: a clean
# newsdesk build (empty image cache), a rebuild after a one-item text edit (photos unchanged:
# nothing encoded), the same edit on the same site without its photos, and a clean Hugo build;
# then the bytes of images a 20-item listing page loads at phone width, before (the originals,
# as Newsdesk published them before photos were resized) and after (the thumbnails).
set -euo pipefail
cd "$(dirname "$0")/.."
NEWSDESK=${NEWSDESK:-.build/release/newsdesk}
COUNT=${COUNT:-60}
HUGO=${HUGO:-hugo}   # HUGO=none leaves Hugo out
work=$(mktemp -d /tmp/newsdesk-photos.XXXXXX)
trap 'rm -rf "$work"' EXIT

python3 -c "import PIL" 2>/dev/null || python3 -m pip install --quiet pillow
python3 Scripts/example-photos.py --corpus "$work/site" "$COUNT"
cp -r themes "$work/site/"
measure() { # label, command…
  local label=$1; shift
  /usr/bin/time -f "$label: %e s wall, %U s user + %S s system CPU, %M KB peak" "$@" >"$work/last.log" 2>"$work/time.log" || { cat "$work/last.log" "$work/time.log"; exit 1; }
  tail -1 "$work/time.log"; grep -h "Built" "$work/last.log" || true
}
# Three one-item text edits (a line added to the oldest item), each built: on a shared machine
# the fastest of the three says most.
edits() { # label, site folder
  for round in 1 2 3; do
    echo "Edited in round $round." >>"$2/content/news/2023-01-01-photo-000/index.md"
    sleep 0.3
    measure "$1 ($round)" "$NEWSDESK" build --site "$2"
  done
}

sleep 0.3
measure "newsdesk clean photo build" "$NEWSDESK" build --site "$work/site"
cp -r "$work/site" "$work/plain"
edits "newsdesk one-item edit, photos unchanged" "$work/site"

rm -rf "$work/plain/output" "$work/plain/.newsdesk-cache"
find "$work/plain/content" -name photo.jpg -delete
sed -i '/^image/d; /photo.jpg/d' "$work"/plain/content/news/*/index.md
sleep 0.3
"$NEWSDESK" build --site "$work/plain" --quiet
edits "newsdesk one-item edit, same site without photos" "$work/plain"

if [ "$HUGO" != none ] && command -v "$HUGO" >/dev/null; then
  cp -r Benchmarks/hugo-photos "$work/hugo"
  measure "hugo clean photo build" "$HUGO" --source "$work/hugo" --contentDir "$work/site/content" --destination "$work/hugo-output" --quiet
fi

# A listing page at phone width loads each entry's thumbnail; before, the original photo.
listing="$work/site/output/news/index.html"
after=0; before=0
for url in $(grep -o 'entry-thumb" src="[^"]*"' "$listing" | sed 's/.*src="https:\/\/news.example.edu.cn\///; s/.*src="\///; s/"$//'); do
  after=$((after + $(stat -c %s "$work/site/output/$url")))
done
for url in $(grep -o '<source type="image/webp" srcset="[^"]*"><img class="entry-thumb"' "$listing" | sed 's/.*srcset="\///; s/".*//'); do
  webp=$((${webp:-0} + $(stat -c %s "$work/site/output/$url")))
done
entries=$(grep -c 'entry-thumb' "$listing")
for bundle in $(ls -d "$work"/site/content/news/*/ | sort -r | head -"$entries"); do before=$((before + $(stat -c %s "$bundle/photo.jpg"))); done
echo "listing page of $entries entries: images $((before / 1024)) KB before (originals), $((after / 1024)) KB after (JPEG thumbnails), $((${webp:-0} / 1024)) KB with WebP"
