#!/usr/bin/env bash
# Coverage-guided fuzzing of the library with AFL++ and SharpFuzz, for a fixed number of executions per target.
#
#   tests/fuzz/run-fuzz.sh [--execs N] [--timeout-ms MS] [TARGET...]
#
# TARGET is one of: yaml claim-path claims-payload token (default: all of them).
# For each target: afl-fuzz runs the instrumented harness (persistent mode) from tests/fuzz/corpus/TARGET
# until about N executions (-E), then every crashing input is copied to
# tests/Kestra.Security.Oidc.Tests/TestData/fuzz-regressions/TARGET/ (named by content hash), where a unit test
# replays it on every `dotnet test`. Hangs are copied to tests/fuzz/out/hangs/TARGET/ for triage.
# Numbers go to tests/fuzz/out/summary.tsv. Not part of `dotnet test` or .ci/run: it runs for minutes per target.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
execs=1000000
timeout_ms=5000
targets=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --execs) execs="$2"; shift 2 ;;
    --timeout-ms) timeout_ms="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) targets+=("$1"); shift ;;
  esac
done
if [[ ${#targets[@]} -eq 0 ]]; then
  targets=(yaml claim-path claims-payload token)
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export PATH="$PATH:$HOME/.dotnet/tools"

if ! command -v afl-fuzz >/dev/null; then
  echo "== installing afl++ (Debian)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++ >/dev/null
fi
if ! command -v sharpfuzz >/dev/null; then
  echo "== installing the sharpfuzz tool"
  dotnet tool install --global SharpFuzz.CommandLine --version 2.3.0
fi

out="$here/out"
bin="$out/bin"
rm -rf "$bin"
mkdir -p "$out"
echo "== publishing the harness"
dotnet publish "$here/Kestra.Security.Oidc.Fuzz/Kestra.Security.Oidc.Fuzz.csproj" -c Release -o "$bin" -v q -nologo

# Instrument the library and the parsers it hands untrusted bytes to; never SharpFuzz itself or the harness.
echo "== instrumenting"
for dll in Kestra.Security.Oidc.dll YamlDotNet.dll Microsoft.IdentityModel.JsonWebTokens.dll; do
  if [[ -f "$bin/$dll" ]]; then
    sharpfuzz "$bin/$dll" >/dev/null
    echo "   $dll"
  fi
done

# afl-fuzz checks that the binary is instrumented; the dotnet host is not (the assemblies are).
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1
export AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
export DOTNET_TieredPGO=0

summary="$out/summary.tsv"
[[ -f "$summary" ]] || printf 'date\ttarget\texecs_done\texecs_per_sec\trun_time_s\tcorpus_count\tbitmap_cvg\tsaved_crashes\tsaved_hangs\n' >"$summary"
status=0
for target in "${targets[@]}"; do
  corpus="$here/corpus/$target"
  if [[ ! -d "$corpus" ]]; then
    echo "no corpus for '$target' at $corpus" >&2
    exit 2
  fi
  findings="$out/findings/$target"
  rm -rf "$findings"
  mkdir -p "$out/findings"
  dict=()
  [[ -f "$here/dict/$target.dict" ]] && dict=(-x "$here/dict/$target.dict")

  echo "== $target: afl-fuzz for about $execs executions"
  afl-fuzz -i "$corpus" -o "$findings" -E "$execs" -t "$timeout_ms" -m none "${dict[@]}" \
    -- "$bin/kestra-oidc-fuzz" "$target" >"$out/afl-$target.log" 2>&1 || {
      echo "afl-fuzz failed for $target; see $out/afl-$target.log" >&2
      tail -n 30 "$out/afl-$target.log" >&2
      status=1
      continue
    }

  stats="$findings/default/fuzzer_stats"
  stat() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$target" "$(stat execs_done)" "$(stat execs_per_sec)" \
    "$(stat run_time)" "$(stat corpus_count)" "$(stat bitmap_cvg)" "$(stat saved_crashes)" "$(stat saved_hangs)" >>"$summary"
  echo "   execs_done=$(stat execs_done) execs_per_sec=$(stat execs_per_sec) corpus=$(stat corpus_count) crashes=$(stat saved_crashes) hangs=$(stat saved_hangs)"

  regressions="$root/tests/Kestra.Security.Oidc.Tests/TestData/fuzz-regressions/$target"
  for crash in "$findings"/default/crashes/id:*; do
    [[ -f "$crash" ]] || continue
    mkdir -p "$regressions"
    cp "$crash" "$regressions/crash-$(sha1sum "$crash" | cut -c1-16).bin"
    echo "   crash kept: $regressions/crash-$(sha1sum "$crash" | cut -c1-16).bin"
    status=1
  done
  for hang in "$findings"/default/hangs/id:*; do
    [[ -f "$hang" ]] || continue
    mkdir -p "$out/hangs/$target"
    cp "$hang" "$out/hangs/$target/hang-$(sha1sum "$hang" | cut -c1-16).bin"
  done
done

echo "== summary ($summary)"
column -t -s $'\t' "$summary" | tail -n $((${#targets[@]} + 1))
exit "$status"
