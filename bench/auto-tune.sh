#!/usr/bin/env bash
# Measures where OpenBLAS beats the Vector API and writes Path.AUTO's built-in policies, one per vector width,
# with `latentj tune` (io.latentj.simd.tuning.Tuner) run in a JVM forced to each width.
#
#   bench/auto-tune.sh                        width of this machine: bench/out/auto-policy-<bits>.properties (+ -detail.tsv)
#   bench/auto-tune.sh --widths 256,512       each width in turn (needs an AVX-512 machine for 512), diff against the built-in
#   bench/auto-tune.sh --widths 256,512 --install   also overwrites simd/src/main/resources/io/latentj/simd/auto-policy-<bits>.properties
#   bench/auto-tune.sh --no-build             reuse cli/target/latentj-cli.jar
#   extra arguments after -- go to `latentj tune` (--quick, --threads N, --ops gemm,gemv)
#
# Widths on x86: 512 = -XX:UseAVX=3 -XX:MaxVectorSize=64; 256 = -XX:UseAVX=2 -XX:MaxVectorSize=32 with
# OPENBLAS_CORETYPE=Haswell (OpenBLAS's AVX2 kernels, as on an AVX2 machine); 128 = -XX:UseAVX=0 -XX:MaxVectorSize=16
# with OPENBLAS_CORETYPE=Nehalem (SSE: a stand-in for 128-bit machines such as NEON ones, which measure better
# themselves with `latentj tune`). FloatVector.SPECIES_PREFERRED follows these flags; the script checks that the
# tuned file records the width asked for. About 2 minutes per width. Run it on an otherwise idle machine.
set -euo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$bench")"
resources="$root/simd/src/main/resources/io/latentj/simd"
outdir="$bench/out"
install=0 build=1 widths="" extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --install) install=1 ;;
    --no-build) build=0 ;;
    --widths) widths="$2"; shift ;;
    --out-dir) outdir="$2"; shift ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "auto-tune.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
source "$root/.ci/find-jdk.sh"
JAVA_HOME="$(latentj_find_jdk)"
JAR="$root/cli/target/latentj-cli.jar"
if [ "$build" = 1 ]; then
  "$root/mvnj" -B -q -pl cli -am package -DskipTests
fi
mkdir -p "$outdir"
# -XX:-TieredCompilation: see Tuner's javadoc (the SIMD GEMM kernel can get stuck in C1 code under tiered compilation).
base=(--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xss4m -XX:+UseParallelGC -XX:-TieredCompilation)
[ -n "$widths" ] || widths="native"
for w in ${widths//,/ }; do
  flags=() coretype=""
  case "$w" in
    native) ;;
    512) flags=(-XX:UseAVX=3 -XX:MaxVectorSize=64) ;;
    256) flags=(-XX:UseAVX=2 -XX:MaxVectorSize=32); coretype=Haswell ;;
    128) flags=(-XX:UseAVX=0 -XX:MaxVectorSize=16); coretype=Nehalem ;;
    *) echo "auto-tune.sh: --widths takes 128, 256 and 512, not $w" >&2; exit 2 ;;
  esac
  tmp="$outdir/auto-policy-$w.properties"
  echo "=== width $w: ${flags[*]:-(JVM default)}${coretype:+ OPENBLAS_CORETYPE=$coretype}; load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  env ${coretype:+OPENBLAS_CORETYPE=$coretype} "$JAVA_HOME/bin/java" "${base[@]}" "${flags[@]}" -Dlatentj.auto.policy=builtin \
    -cp "$JAR:$root/cli/target/lib/*" io.latentj.cli.Main tune --out "$tmp" --detail "${tmp%.properties}-detail.tsv" "${extra[@]}"
  bits="$(sed -n 's/^machine.vectorBits=//p' "$tmp")"
  if [ "$w" != native ] && [ "$bits" != "$w" ]; then
    echo "auto-tune.sh: asked for $w-bit vectors but the JVM ran with $bits (does this CPU have them?)" >&2
    exit 1
  fi
  final="$outdir/auto-policy-$bits.properties"
  if [ "$tmp" != "$final" ]; then
    mv "$tmp" "$final"
    mv "${tmp%.properties}-detail.tsv" "${final%.properties}-detail.tsv"
  fi
  builtin="$resources/auto-policy-$bits.properties"
  [ -f "$builtin" ] || builtin="$resources/auto-policy-128.properties"
  echo "--- diff vs built-in ($builtin):"
  diff -u <(grep -v '^#' "$builtin") <(grep -v '^#' "$final") || true
  if [ "$install" = 1 ]; then
    case "$bits" in 512|256|128) ;; *) echo "auto-tune.sh: no built-in file for $bits-bit vectors; not installed" >&2; continue ;; esac
    mode="$(sed -n 's/^machine.mode=//p' "$final")"
    if [ "$mode" != full ]; then echo "auto-tune.sh: a $mode run is not installed as a built-in policy" >&2; continue; fi
    {
      echo "# Built-in policy for $bits-bit vectors, measured by \`bench/auto-tune.sh --widths $w\`"
      echo "# (JVM flags: ${flags[*]:-default}${coretype:+, OPENBLAS_CORETYPE=$coretype})."
      cat "$final"
    } > "$resources/auto-policy-$bits.properties"
    echo "installed $resources/auto-policy-$bits.properties (rebuild to use it)"
  fi
done
