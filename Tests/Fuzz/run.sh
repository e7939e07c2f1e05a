#!/usr/bin/env bash
# Builds the four libFuzzer targets (query parser + search, letter parser, index reader, HTTP
# request parser) with
# swiftc -sanitize=fuzzer,address and runs each for SECONDS (default 60), keeping corpora and
# crashes under .build/fuzz. Usage: [FUZZ_PARALLEL=1] [FUZZ_TARGETS="QueryParserFuzzer …"] Tests/Fuzz/run.sh [SECONDS]
set -euo pipefail
seconds=${1:-60}
root=$(cd "$(dirname "$0")/../.." && pwd)
out="$root/.build/fuzz"
mkdir -p "$out"
flags=(-O -sanitize=fuzzer,address -parse-as-library -package-name Missive -I "$out" -L "$out")
build_module() { # name, dependencies...
  local name=$1; shift
  swiftc "${flags[@]}" -emit-module -emit-library -static -module-name "$name" -o "$out/lib$name.a" 2> >(grep -v "Cannot export local symbol" >&2) \
    -emit-module-path "$out/$name.swiftmodule" $(find "$root/Sources/$name" -name '*.swift')
}
build_module MissiveTokenizer
build_module MissiveIndex
build_module MissiveQuery
build_module MissiveHTTP
for target in QueryParserFuzzer LetterParserFuzzer IndexReaderFuzzer; do
  swiftc "${flags[@]}" -module-name "$target" "$root/Tests/Fuzz/$target.swift" \
    "$out/libMissiveQuery.a" "$out/libMissiveIndex.a" "$out/libMissiveTokenizer.a" -o "$out/$target"
done
swiftc "${flags[@]}" -module-name HTTPRequestFuzzer "$root/Tests/Fuzz/HTTPRequestFuzzer.swift" "$out/libMissiveHTTP.a" -o "$out/HTTPRequestFuzzer"
# Seeds: the bundled letters, some queries, and an index of the bundled letters in two segments
# with a deletions file (a letter added and one removed after the first build); each of its
# files is a seed, behind its number in name order (the index fuzzer's first byte).
rm -rf "$out/seeds-index" "$out/fuzz-letters" "$out/fuzz.missive"
mkdir -p "$out/seeds-letters" "$out/seeds-index" "$out/seeds-query" "$out/seeds-http" "$out/crashes" "$out/fuzz-letters"
cp "$root"/Corpus/*.txt "$out/seeds-letters/"
cp "$root"/Corpus/*.txt "$out/fuzz-letters/"
missive="$root/.build/debug/missive"
[ -x "$missive" ] || { swift build --package-path "$root" --product missive >/dev/null; }
"$missive" index "$out/fuzz-letters" --index "$out/fuzz.missive" >/dev/null
printf 'Title: Added\nFrom: J. V. Stalin\nDate: 1943-02-23\n\nThe second front and the convoys.\n' > "$out/fuzz-letters/zz-added.txt"
rm "$(ls "$out"/fuzz-letters/*.txt | head -1)"
"$missive" index "$out/fuzz-letters" --index "$out/fuzz.missive" >/dev/null
number=0
for file in $(ls "$out/fuzz.missive" | grep -v '^lock$' | sort); do
  { printf "\\x$(printf %02x $number)"; cat "$out/fuzz.missive/$file"; } > "$out/seeds-index/$number-$file"
  number=$((number + 1))
done
for q in 'second front' '"second front" from:stalin' 'convoy* -murmansk date:1942..1943' 'NEAR(a b, 3) OR c~' \
         'title:stalin type:telegram -to:churchill from:rosevelt~' 'type:"tele*" (a'; do
  printf '%s' "$q" > "$out/seeds-query/$(printf '%s' "$q" | md5sum | cut -c1-8)"
done
printf 'GET /?q=%%22second+front%%22&sort=date&page=2 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nIf-None-Match: "abc"\r\nConnection: keep-alive\r\n\r\n' > "$out/seeds-http/search"
printf 'GET /letter?path=a%%20b.txt HTTP/1.0\nConnection: Keep-Alive\n\n' > "$out/seeds-http/letter"
printf 'HEAD http://x:80/static/style.css HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\nGET / HTTP/1.1\r\n' > "$out/seeds-http/pipelined"
export MISSIVE_FUZZ_INDEX="$out/fuzz.missive"
# The index fuzzer keeps the seed files in a global for the whole run, which LeakSanitizer
# reports at exit as a leak: leaks are not looked for there (every memory error still is).
run() {
  local leaks=1; [ "$1" = IndexReaderFuzzer ] && leaks=0
  ASAN_OPTIONS="detect_leaks=$leaks" "$out/$1" -max_total_time="$seconds" -detect_leaks=$leaks -artifact_prefix="$out/crashes/$1-" "$out/corpus-$1" "$2" 2>&1 | tail -3
}
# FUZZ_PARALLEL=1 runs the targets side by side (SECONDS each, in SECONDS altogether).
targets=${FUZZ_TARGETS:-QueryParserFuzzer LetterParserFuzzer IndexReaderFuzzer HTTPRequestFuzzer}
for target in QueryParserFuzzer:seeds-query LetterParserFuzzer:seeds-letters IndexReaderFuzzer:seeds-index HTTPRequestFuzzer:seeds-http; do
  name=${target%%:*}; seeds=${target##*:}
  case " $targets " in *" $name "*) ;; *) continue ;; esac
  mkdir -p "$out/corpus-$name"
  if [ "${FUZZ_PARALLEL:-0}" = 1 ]; then
    run "$name" "$out/$seeds" > "$out/log-$name" &
  else
    echo "== $name ($seconds s)"
    run "$name" "$out/$seeds"
  fi
done
if [ "${FUZZ_PARALLEL:-0}" = 1 ]; then
  wait
  for name in $targets; do echo "== $name ($seconds s)"; cat "$out/log-$name"; done
fi
