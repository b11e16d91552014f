#!/usr/bin/env bash
# Issue 8's VAE comparison, everything in one run on this machine: a 784-400-20 VAE (ReLU, Bernoulli decoder on
# grey-level targets, Adam 0.001, batch 100) trained on the 60,000 Fashion-MNIST images by LatentJ (1 and 2
# threads, path auto) and by PyTorch (1 intra-op thread; 2 threads with OMP_WAIT_POLICY=PASSIVE), the same number
# of epochs each; seconds per epoch (best epoch) and the test-set ELBO after the last epoch. Writes
# bench/out/vae-*.jsonl and the "vae-vs-torch" section of bench/RESULTS.md (between markers).
#   EPOCHS=5 (default) bench/vae-vs-torch.sh       REBUILD=1 to rebuild bench/target/benchmarks.jar
# Needs: dataset-fashion-mnist, python3-torch (installed when missing and running as root).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
out="$here/out"
mkdir -p "$out"
source "$root/.ci/find-jdk.sh"
jdk="$(latentj_find_jdk)"
epochs="${EPOCHS:-5}"

need=()
[ -e /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ] || need+=(dataset-fashion-mnist)
/usr/bin/python3 -c 'import torch' 2>/dev/null || need+=(python3-torch)
if [ ${#need[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || { echo "missing ${need[*]}: apt-get install them" >&2; exit 1; }
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

[ -f "$here/target/benchmarks.jar" ] && [ "${REBUILD:-0}" = 0 ] || "$root/mvnj" -q -B -pl bench -am package -DskipTests

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
: > "$out/vae-latentj.jsonl"
for t in 1 2; do
  echo "== LatentJ VAE, $t thread(s)" >&2
  "$jdk/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp "$here/target/benchmarks.jar" \
    io.latentj.bench.VaeEpochBench --epochs "$epochs" --threads "$t" >> "$out/vae-latentj.jsonl"
done
echo "== PyTorch VAE" >&2
/usr/bin/python3 "$here/peers/vae_peers.py" --epochs "$epochs" > "$out/vae-torch.jsonl"
/usr/bin/python3 "$here/vae_report.py" "$out" "$here/RESULTS.md"
echo "wrote the vae-vs-torch section of $here/RESULTS.md" >&2
