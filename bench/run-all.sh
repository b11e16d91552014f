#!/usr/bin/env bash
# Builds the benchmarks and the native baseline, runs them all, and writes bench/RESULTS.md.
#
#   bench/run-all.sh            quick mode (~8 minutes on a 2-core machine): 1 fork, short iterations, the
#                               parameter combinations the report needs
#   bench/run-all.sh --full     every parameter combination, longer warm-up and measurement (~30+ minutes)
#   bench/run-all.sh --no-build reuse bench/target/benchmarks.jar
#   bench/run-all.sh --report   only rewrite RESULTS.md from the raw results already in bench/out/run/
#   bench/run-all.sh --no-tiered  forks also get -XX:-TieredCompilation; raw results in bench/out/run-no-tiered/,
#                               report in bench/RESULTS-no-tiered.md (see README: C1 cannot compile some kernels)
#   bench/run-all.sh --jvm-arg A  add a JVM flag to every fork (repeatable; the required flags are kept)
#
# Raw results go to bench/out/run/ (JMH JSON per group, C baseline TSV, environment); RESULTS.md is derived from them.
# The JVM flags the forks need (--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED) are in each
# benchmark's @Fork(jvmArgsAppend); -jvmArgsAppend on JMH's command line would replace them, so this script passes
# it only with extra flags, and then repeats the required ones.
set -euo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$bench")"
out="$bench/out/run"
results="$bench/RESULTS.md"
mode=quick build=1 report_only=0
jvm_extra=()
while [ $# -gt 0 ]; do
  a="$1"
  case "$a" in
    --no-tiered) jvm_extra+=(-XX:-TieredCompilation); out="$bench/out/run-no-tiered"; results="$bench/RESULTS-no-tiered.md" ;;
    --jvm-arg) jvm_extra+=("$2"); shift ;;
    --full) mode=full ;;
    --quick) mode=quick ;;
    --no-build) build=0 ;;
    --report) report_only=1 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "run-all.sh: unknown argument $a" >&2; exit 2 ;;
  esac
  shift
done
PY=/usr/bin/python3
[ -x "$PY" ] || PY="$(command -v python3)"

if [ "$report_only" = 1 ]; then
  exec "$PY" "$bench/report.py" "$out" "$results"
fi

source "$root/.ci/find-jdk.sh"
JAVA_HOME="$(latentj_find_jdk)"
JAVA="$JAVA_HOME/bin/java"
FLAGS=(--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED)
JAR="$bench/target/benchmarks.jar"
start=$(date +%s)
log() { echo "[run-all $(( $(date +%s) - start ))s] $*" >&2; }

rm -rf "$out"; mkdir -p "$out"
if [ "$build" = 1 ]; then
  log "building $JAR"
  "$root/mvnj" -B -q -pl bench -am package -DskipTests
fi
[ -f "$JAR" ] || { echo "missing $JAR (run without --no-build)" >&2; exit 1; }

# ---- environment
{
  echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "mode=$mode"
  echo "cpu=$(lscpu 2>/dev/null | awk -F: '/^Model name/ {gsub(/^[ \t]+/, "", $2); print $2; exit}')"
  echo "cpu.flags.avx512f=$(grep -qw avx512f /proc/cpuinfo && echo yes || echo no)"
  echo "load.before=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "git=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "jvm.extra=${jvm_extra[*]:-}"
  "$JAVA" "${FLAGS[@]}" -cp "$JAR" io.latentj.bench.Env 2>/dev/null
} > "$out/env.properties"
blaslib="$(awk -F= '$1=="blas.path" {print substr($0, index($0, "=") + 1)}' "$out/env.properties")"
sys_blas=/usr/lib/x86_64-linux-gnu/libopenblas.so.0
[ -n "$blaslib" ] && [ -f "$blaslib" ] || blaslib="$sys_blas"
log "OpenBLAS used by Java: $blaslib"

# ---- native baseline
if [ ! -f "$blaslib" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  log "installing libopenblas0 (no OpenBLAS found)"
  apt-get install -y -q libopenblas0 >&2 || true
fi
if command -v gcc >/dev/null && [ -f "$blaslib" ]; then
  mkdir -p "$bench/native/build"
  gcc -O2 -Wall -o "$bench/native/build/gemm_baseline" "$bench/native/gemm_baseline.c" "$blaslib" \
      -Wl,-rpath,"$(dirname "$blaslib")" -ldl
  log "running the C baseline"
  if [ "$mode" = full ]; then cargs=(); else cargs=(--quick); fi
  "$bench/native/build/gemm_baseline" "${cargs[@]}" > "$out/c-baseline.tsv" 2> "$out/c-baseline.log" \
    || log "C baseline failed, see $out/c-baseline.log"
else
  log "skipping the C baseline (gcc or $blaslib missing)"
fi

# ---- JMH
if [ "$mode" = full ]; then
  ITER_BIG=(-f 1 -wi 3 -w 2s -i 5 -r 2s)
  ITER_SMALL=(-f 1 -wi 3 -w 1s -i 5 -r 1s)
else
  ITER_BIG=(-f 1 -wi 2 -w 1s -i 3 -r 1s)
  ITER_SMALL=(-f 1 -wi 3 -w 700ms -i 3 -r 500ms)
fi
failed=()
# jmh NAME REGEX ITER... [-p k=v ...]: one JMH run, JSON to $out/jmh-NAME.json, console to $out/jmh-NAME.log.
jmh() {
  local name="$1" regex="$2"; shift 2
  log "JMH $name"
  local extra=()
  # -jvmArgsAppend replaces the @Fork list, so the required flags are repeated with the extra ones.
  if [ ${#jvm_extra[@]} -gt 0 ]; then extra=(-jvmArgsAppend "${FLAGS[*]} ${jvm_extra[*]}"); fi
  if ! "$JAVA" -jar "$JAR" "$regex" "$@" "${extra[@]}" -rf json -rff "$out/jmh-$name.json" > "$out/jmh-$name.log" 2>&1; then
    failed+=("$name"); log "JMH $name failed (see $out/jmh-$name.log)"
  fi
  grep -E "^# Run complete|Exception" "$out/jmh-$name.log" | head -3 >&2 || true
}

if [ "$mode" = full ]; then
  jmh gemm          'GemmBench\.gemm$'        "${ITER_BIG[@]}"   -p threads=1
  jmh gemm-t2       'GemmBench\.gemm$'        "${ITER_BIG[@]}"   -p threads=2 -p path=simd,blas,auto
  jmh gemm-large    'GemmBench\.gemmLarge$'   "${ITER_BIG[@]}"
  jmh gemv          'GemvBench\.gemv$'        "${ITER_SMALL[@]}" -p threads=1
  jmh gemv-t2       'GemvBench\.gemv$'        "${ITER_SMALL[@]}" -p threads=2 -p path=simd,blas,auto
  jmh sigmoid       'SigmoidBench\.'          "${ITER_SMALL[@]}"
  jmh softthreshold 'SoftThresholdBench\.'    "${ITER_SMALL[@]}"
  jmh bernoulli     'BernoulliBench\.'        "${ITER_SMALL[@]}"
  jmh downcall      'DowncallBench\.'         "${ITER_SMALL[@]}"
else
  jmh gemm          'GemmBench\.gemm$'        "${ITER_BIG[@]}"   -p threads=1
  jmh gemm-t2       'GemmBench\.gemm$'        "${ITER_BIG[@]}"   -p threads=2 -p path=simd,blas,auto
  jmh gemm-large    'GemmBench\.gemmLarge$'   "${ITER_BIG[@]}"
  jmh gemv          'GemvBench\.gemv$'        "${ITER_SMALL[@]}" -p threads=1
  jmh gemv-t2       'GemvBench\.gemv$'        "${ITER_SMALL[@]}" -p threads=2 -p path=simd,blas,auto
  jmh sigmoid       'SigmoidBench\.sigmoid$'  "${ITER_SMALL[@]}" -p path=scalar,simd
  jmh sigmoid-layer 'SigmoidBench\.sigmoidAffine$' "${ITER_SMALL[@]}"
  jmh softthreshold 'SoftThresholdBench\.(fused|threshold)$' "${ITER_SMALL[@]}"
  jmh st-unfused    'SoftThresholdBench\.unfused$' "${ITER_SMALL[@]}" -p path=simd,blas
  jmh bernoulli     'BernoulliBench\.'        "${ITER_SMALL[@]}" -p path=scalar,simd
  jmh downcall      'DowncallBench\.(sdot|sgemv)(CriticalHeap|Confined|Shared|BindingsCritical|BindingsShared|LibraryBlas|JavaSimd)$' "${ITER_SMALL[@]}"
fi
echo "load.after=$(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/env.properties"
echo "elapsed.s=$(( $(date +%s) - start ))" >> "$out/env.properties"

log "writing $results"
"$PY" "$bench/report.py" "$out" "$results"
log "done${failed[*]:+ (failed groups: ${failed[*]})}"
