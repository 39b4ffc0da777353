#!/usr/bin/env bash
# Screenshots of a pathcorr report with headless Chromium (Debian's `chromium`), to look at the figures as a reader
# will: scripts/screenshot-report.sh REPORT.html OUT_PREFIX [WIDTH]
# writes OUT_PREFIX-page.png (the whole page, WIDTH px wide, default 1000), OUT_PREFIX-top.png (its first 1250 px:
# headline, patient flow, waterfall) and OUT_PREFIX-<figure>.png for each figures/*.svg next to the report, at 1.5x
# the figure's size. Nothing is fetched: the report is self-contained.
set -euo pipefail
report=$(readlink -f "$1")
prefix=$2
width=${3:-1000}
chrome=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[[ -n $chrome ]] || { echo "screenshot-report.sh: chromium not found (apt-get install chromium)" >&2; exit 77; }
shot() {  # shot URL PNG WIDTH HEIGHT
  "$chrome" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --screenshot="$(readlink -f "$(dirname "$2")")/$(basename "$2")" --window-size="$3,$4" "$1" >/dev/null 2>&1
}
# The page's height: long enough for every section (about 1 px per character is far too much; measure instead
# from the figures' heights in mm plus the tables' rows).
height=$(python3 - "$report" "$width" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
w = int(sys.argv[2])
content = min(w - 32, 190 * 96 / 25.4)  # body max-width 190mm at 96 dpi
h = 300
for mw, mh in re.findall(r'<svg [^>]*width="([\d.]+)mm" height="([\d.]+)mm"', t):
    h += float(mh) * min(content / (float(mw) * 96 / 25.4), 1) * 96 / 25.4 + 90
h += 24 * t.count('<tr') + 30 * t.count('<tr><td>') // 2
print(int(h))
PY
)
shot "file://$report" "$prefix-page.png" "$width" "$height"
shot "file://$report" "$prefix-top.png" "$width" 1250
for svg in "$(dirname "$report")"/figures/*.svg; do
  [[ -e $svg ]] || continue
  name=$(basename "$svg" .svg)
  size=$(python3 -c "import re,sys; m=re.search(r'viewBox=\"0 0 ([\d.]+) ([\d.]+)\"', open(sys.argv[1]).read()); print(int(float(m[1])*1.5)+16, int(float(m[2])*1.5)+16)" "$svg")
  html=$(mktemp --suffix=.html)
  # The figure at 1.5x its viewBox, on a white page.
  { echo '<html><body style="margin:8px;background:#fff">'; sed '1{/^<?xml/d}' "$svg" | sed -E '0,/<svg /s/width="[^"]*mm" height="[^"]*mm"/width="'"${size% *}"'" height="'"${size#* }"'"/'; echo '</body></html>'; } > "$html"
  shot "file://$html" "$prefix-$name.png" $((${size% *} + 16)) $((${size#* } + 16))
  rm -f "$html"
done
ls -la "$prefix"-*.png
