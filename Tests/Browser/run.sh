#!/usr/bin/env bash
# The web page in a real browser: starts `missive serve` on the bundled corpus, loads the search
# page, the results for "second front" and for convoy*, a letter and the correspondents page in headless
# Chromium, saves a screenshot of each, and checks the DOM (the hit is there, matches are <mark>,
# the page's script ran under the content security policy), that the browser logged nothing to
# its console (no script error, no CSP violation) and that every request it made was answered
# without an error status.
#
#   bash Tests/Browser/run.sh [--update-screenshots]
#
# Installs Debian's chromium when it is missing and it can (as root, with apt-get); says so and
# exits 0 when it cannot. Uses .build/debug/missive (MISSIVE=path to use another binary); writes
# to .build/browser (screenshots, DOMs, logs). --update-screenshots copies the search and letter
# screenshots to Tests/Browser/screenshots/ for the README.
set -euo pipefail
cd "$(dirname "$0")/../.."
missive=${MISSIVE:-.build/debug/missive}
out=.build/browser
update=${1:-}

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's chromium for the browser test…"
    if ! (timeout 600 apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core >/tmp/missive-chromium-install.log 2>&1 \
          || (timeout 300 apt-get update -q >/dev/null 2>&1 && timeout 600 apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core >/tmp/missive-chromium-install.log 2>&1)); then
      echo "Browser test skipped: chromium could not be installed (see /tmp/missive-chromium-install.log)."
      exit 0
    fi
    browser=$(command -v chromium)
  else
    echo "Browser test skipped: chromium is not installed and cannot be installed here (needs root and apt-get)."
    exit 0
  fi
fi
[ -x "$missive" ] || { echo "no missive binary at $missive (run swift build first)"; exit 1; }

rm -rf "$out" && mkdir -p "$out"
"$missive" index Corpus --index "$out/index.missive" >/dev/null
"$missive" serve --index "$out/index.missive" --port 0 --log >"$out/serve.out" 2>"$out/serve.log" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do grep -q 'http://' "$out/serve.out" 2>/dev/null && break; sleep 0.1; done
base=$(grep -o 'http://[^ ]*/' "$out/serve.out")
echo "Serving at $base; loading the pages in $($browser --version 2>/dev/null | head -1)"

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# load NAME PATH: a screenshot and the DOM after the page's script has run, with the console log.
load() {
  local name=$1 url="$base${2#/}"
  local flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --disable-extensions
               --user-data-dir="$out/profile" --enable-logging=stderr --v=0)
  timeout 60 "$browser" "${flags[@]}" --window-size=1280,860 --screenshot="$out/$name.png" "$url" >/dev/null 2>"$out/$name.screenshot.log" || fail "$name: no screenshot"
  timeout 60 "$browser" "${flags[@]}" --dump-dom "$url" >"$out/$name.html" 2>"$out/$name.console.log" || fail "$name: no DOM"
  [ -s "$out/$name.png" ] || fail "$name: empty screenshot"
  if grep -h 'CONSOLE' "$out/$name.screenshot.log" "$out/$name.console.log" >"$out/$name.console.txt"; then
    fail "$name: the console logged:"; cat "$out/$name.console.txt"
  fi
  grep -q '<html lang="en" class="js">' "$out/$name.html" || fail "$name: the page's script did not run"
}

# expect NAME TEXT: the DOM of NAME contains TEXT.
expect() { grep -qF -- "$2" "$out/$1.html" || fail "$1: the DOM has no $2"; }

load search /
expect search 'Search 147 letters'
expect search '<svg class="timeline"'

load results '/?q=%22second+front%22'
expect results '1 letter matches'
expect results 'Stalin asks Churchill for a second front</a>'
expect results '<mark>second</mark> <mark>front</mark>'
expect results '<ul class="facet">'

# A page with more to show, for the README: several hits, facets and a timeline by month.
load overview '/?q=convoy*'
expect overview '8 letters match'
expect overview '<mark>convoy'

load letter '/letter?path=1941-09-03-stalin-to-churchill.txt&q=%22second+front%22'
expect letter '<h1>Stalin asks Churchill for a second front</h1>'
expect letter '<mark id="m1">second front</mark>'
expect letter 'rel="next"'

load correspondents /correspondents
expect correspondents '<table class="pairs">'
expect correspondents 'W. Churchill</a>'

# Every request the browser made was answered without an error status.
if grep -E '" [45][0-9][0-9] ' "$out/serve.log" >"$out/errors.txt"; then
  fail "requests answered with an error:"; cat "$out/errors.txt"
fi
echo "$(grep -c '" 200 ' "$out/serve.log") requests answered 200, $(grep -c '" 304 ' "$out/serve.log" || true) answered 304."

if [ "$update" = "--update-screenshots" ]; then
  mkdir -p Tests/Browser/screenshots
  cp "$out/overview.png" Tests/Browser/screenshots/search.png
  cp "$out/letter.png" Tests/Browser/screenshots/letter.png
fi

if [ "$failures" -gt 0 ]; then
  echo "Browser test: $failures failure(s); screenshots and logs in $out"
  exit 1
fi
echo "Browser test passed: 5 pages loaded in Chromium, screenshots in $out."
