#!/usr/bin/env bash
# Measures where OpenBLAS beats the Vector API on this machine and writes Path.AUTO's thresholds.
#
#   bench/auto-tune.sh             writes bench/out/auto-policy.properties (+ -detail.tsv with every timing)
#                                  and prints its diff against the shipped simd/src/main/resources/.../auto-policy.properties
#   bench/auto-tune.sh --install   also overwrites the shipped file (rebuild afterwards)
#   bench/auto-tune.sh --no-build  reuse bench/target/benchmarks.jar
#   extra arguments after -- go to io.latentj.bench.AutoTune (--samples N, --sample-ms MS, --margin 0.03)
#
# Takes about 2 minutes. Run it on an otherwise idle machine: other load shifts the crossovers.
# To try a result without installing it: java -Dlatentj.auto.policy=bench/out/auto-policy.properties ...
set -euo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$bench")"
shipped="$root/simd/src/main/resources/io/latentj/simd/auto-policy.properties"
out="$bench/out/auto-policy.properties"
install=0 build=1 extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --install) install=1 ;;
    --no-build) build=0 ;;
    --out) out="$2"; shift ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "auto-tune.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
source "$root/.ci/find-jdk.sh"
JAVA_HOME="$(latentj_find_jdk)"
JAR="$bench/target/benchmarks.jar"
if [ "$build" = 1 ]; then
  "$root/mvnj" -B -q -pl bench -am package -DskipTests
fi
mkdir -p "$(dirname "$out")"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
# -XX:-TieredCompilation: see AutoTune's javadoc (the SIMD GEMM kernel can get stuck in C1 code under tiered compilation).
"$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xss4m -XX:-TieredCompilation \
  -cp "$JAR" io.latentj.bench.AutoTune --out "$out" "${extra[@]}"
echo "--- diff vs shipped ($shipped):"
diff -u "$shipped" "$out" || true
if [ "$install" = 1 ]; then
  cp "$out" "$shipped"
  echo "installed into $shipped (rebuild to use it)"
fi
