#!/usr/bin/env bash
# Issue 6 part B, everything in one run on this machine: scikit-learn (Debian python3-sklearn, 2 threads) fits PCA,
# factor analysis, dictionary learning, sparse codes and k-means on Fashion-MNIST and leaves its answers in bench/out;
# then io.latentj.bench.LinearVsSklearn fits ours on the same rows, scores both sides' answers with the same formulas,
# measures single-row soft-threshold latency and writes the "linear-vs-sklearn" section of bench/RESULTS.md.
# Needs: dataset-fashion-mnist, python3-sklearn (installed when missing and running as root).
# ONLY=pca,fa,dict,lasso,threshold,kmeans limits the tasks (peer task names: pca_randomized,pca_randomized_f64,pca_full,fa,dict,lasso,
# threshold,kmeans are derived from it); REBUILD=1 rebuilds the benchmark jar.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
out="$here/out"
mkdir -p "$out"
source "$root/.ci/find-jdk.sh"
jdk="$(latentj_find_jdk)"

need=()
[ -e /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ] || need+=(dataset-fashion-mnist)
/usr/bin/python3 -c 'import sklearn' 2>/dev/null || need+=(python3-sklearn)
if [ ${#need[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || { echo "missing ${need[*]}: apt-get install them" >&2; exit 1; }
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

[ -f "$here/target/benchmarks.jar" ] && [ "${REBUILD:-0}" = 0 ] || "$root/mvnj" -q -B -pl bench -am package -DskipTests

only="${ONLY:-}"
peer_only="$(echo "$only" | sed 's/\bpca\b/pca_randomized,pca_randomized_f64,pca_full/')"
echo "== scikit-learn (2 threads)" >&2
OMP_NUM_THREADS=2 OPENBLAS_NUM_THREADS=2 /usr/bin/python3 "$here/peers/linear_peers.py" "$out" ${peer_only:+--only "$peer_only"} \
  > "$out/linear-peers.jsonl"
echo "== LatentJ" >&2
"$jdk/bin/java" --add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xmx8g \
  -cp "$here/target/benchmarks.jar" io.latentj.bench.LinearVsSklearn "$out" "$here/RESULTS.md" ${only:+--only "$only"}
echo "wrote the linear-vs-sklearn section of $here/RESULTS.md" >&2
