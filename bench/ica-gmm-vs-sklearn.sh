#!/usr/bin/env bash
# Issue 6's comparison, in one run on this machine: LatentJ's FastICA(20) on 10,000 Fashion-MNIST images and its
# 10-component diagonal Gaussian mixture on the same images reduced to 50 dimensions, against scikit-learn with the
# same settings on the same data (2 threads each). Writes bench/out/ica-gmm-*.jsonl and the "ica-gmm-vs-sklearn"
# section of bench/RESULTS.md (between markers). RUNS=3 by default (the median is reported).
# Needs: dataset-fashion-mnist, python3-sklearn.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
out="$here/out"
mkdir -p "$out"
source "$root/.ci/find-jdk.sh"
jdk="$(latentj_find_jdk)"
runs="${RUNS:-3}"

need=()
[ -e /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ] || need+=(dataset-fashion-mnist)
/usr/bin/python3 -c 'import sklearn' 2>/dev/null || need+=(python3-sklearn)
if [ ${#need[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || { echo "missing ${need[*]}: apt-get install them" >&2; exit 1; }
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

[ -f "$here/target/benchmarks.jar" ] && [ "${REBUILD:-0}" = 0 ] || "$root/mvnj" -q -B -pl bench -am package -DskipTests

echo "== LatentJ FastICA and GaussianMixture" >&2
"$jdk/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xmx4g -Dlatentj.threads=2 \
  -cp "$here/target/benchmarks.jar" io.latentj.bench.IcaGmmBench "$out" "$runs" > "$out/ica-gmm-latentj.jsonl"
echo "== scikit-learn" >&2
OPENBLAS_NUM_THREADS=2 OMP_NUM_THREADS=2 MKL_NUM_THREADS=2 \
  /usr/bin/python3 "$here/peers/ica_gmm_peers.py" "$out" --runs "$runs" > "$out/ica-gmm-sklearn.jsonl"
/usr/bin/python3 "$here/ica_gmm_report.py" "$out" "$here/RESULTS.md"
echo "wrote the ica-gmm-vs-sklearn section of $here/RESULTS.md" >&2
