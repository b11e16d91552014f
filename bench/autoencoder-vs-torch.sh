#!/usr/bin/env bash
# Issue 4's comparison, everything in one run on this machine: one epoch of LatentJ's 784-256-784 denoising
# autoencoder (JMH single shots; tied and untied; 1 and 2 threads) and the same model in PyTorch CPU (1 intra-op
# thread, and 2 threads with OMP_WAIT_POLICY=PASSIVE) on the same Fashion-MNIST data. Writes
# bench/out/autoencoder-*.json(l) and the "autoencoder-vs-torch" section of bench/RESULTS.md (between markers).
# Needs: dataset-fashion-mnist, python3-torch (installed when missing and running as root).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
out="$here/out"
mkdir -p "$out"
source "$root/.ci/find-jdk.sh"
jdk="$(latentj_find_jdk)"

need=()
[ -e /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ] || need+=(dataset-fashion-mnist)
/usr/bin/python3 -c 'import torch' 2>/dev/null || need+=(python3-torch)
if [ ${#need[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || { echo "missing ${need[*]}: apt-get install them" >&2; exit 1; }
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

[ -f "$here/target/benchmarks.jar" ] && [ "${REBUILD:-0}" = 0 ] || "$root/mvnj" -q -B -pl bench -am package -DskipTests

quick="${QUICK:-1}"
if [ "$quick" = 1 ]; then iters=(-wi 1 -i 3); torch_epochs=2; else iters=(-wi 2 -i 5); torch_epochs=3; fi

echo "== LatentJ autoencoder epoch (JMH)" >&2
# BENCH_JAVA_OPTS: extra JVM options, e.g. -Djmh.ignoreLock=true when another JMH run holds /tmp/jmh.lock
"$jdk/bin/java" ${BENCH_JAVA_OPTS:-} -jar "$here/target/benchmarks.jar" 'AutoencoderBench' "${iters[@]}" -rf json -rff "$out/autoencoder-epoch.json" >&2
echo "== PyTorch" >&2
/usr/bin/python3 "$here/peers/autoencoder_peers.py" --epochs "$torch_epochs" > "$out/autoencoder-peers.jsonl"
/usr/bin/python3 "$here/autoencoder_report.py" "$out" "$here/RESULTS.md"
echo "wrote the autoencoder-vs-torch section of $here/RESULTS.md" >&2
