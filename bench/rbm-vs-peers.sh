#!/usr/bin/env bash
# Issue 3's comparison, everything in one run on this machine: LatentJ's RBM epoch (JMH, each path) and
# single-sample latency (JMH sample time, p50/p99), scikit-learn's BernoulliRBM and a PyTorch CD-1 RBM on the same
# Fashion-MNIST data. Writes bench/out/rbm-*.json and the "RBM" section of bench/RESULTS.md (between markers).
# Needs: dataset-fashion-mnist, python3-sklearn, python3-torch (installed when missing and running as root).
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
/usr/bin/python3 -c 'import torch' 2>/dev/null || need+=(python3-torch)
if [ ${#need[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || { echo "missing ${need[*]}: apt-get install them" >&2; exit 1; }
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

[ -f "$here/target/benchmarks.jar" ] && [ "${REBUILD:-0}" = 0 ] || "$root/mvnj" -q -B -pl bench -am package -DskipTests

quick="${QUICK:-1}"
if [ "$quick" = 1 ]; then epoch_iters=(-wi 1 -i 3); lat_iters=(-wi 3 -w 1s -i 3 -r 1s); else epoch_iters=(-wi 2 -i 5); lat_iters=(-wi 5 -w 2s -i 5 -r 2s); fi

echo "== LatentJ RBM epoch (JMH)" >&2
"$jdk/bin/java" -jar "$here/target/benchmarks.jar" 'RbmBench' "${epoch_iters[@]}" -p threads=1,2 -rf json -rff "$out/rbm-epoch.json" >&2
echo "== LatentJ single-sample latency (JMH sample time)" >&2
"$jdk/bin/java" -jar "$here/target/benchmarks.jar" 'RbmLatencyBench' "${lat_iters[@]}" -rf json -rff "$out/rbm-latency.json" >&2
echo "== peers" >&2
/usr/bin/python3 "$here/peers/rbm_peers.py" --epochs 3 --latency-calls 100000 > "$out/rbm-peers.jsonl"
/usr/bin/python3 "$here/rbm_report.py" "$out" "$here/RESULTS.md"
echo "wrote the RBM section of $here/RESULTS.md" >&2
