#!/usr/bin/env bash
# Issue 7's sampler benchmark, in one run on this machine: LatentJ's HMC transition on a 784-dimensional Student-t
# product of experts (JMH, each path, 1 and 2 threads) and the same transition in PyTorch. Writes bench/out/hmc*.json
# and the "hmc" section of bench/RESULTS.md (between markers). Needs python3-torch for the peer.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
out="$here/out"
mkdir -p "$out"
source "$root/.ci/find-jdk.sh"
jdk="$(latentj_find_jdk)"

[ -f "$here/target/benchmarks.jar" ] && [ "${REBUILD:-0}" = 0 ] || "$root/mvnj" -q -B -pl bench -am package -DskipTests

quick="${QUICK:-1}"
if [ "$quick" = 1 ]; then iters=(-wi 2 -w 1s -i 3 -r 2s); else iters=(-wi 3 -w 2s -i 5 -r 2s); fi
echo "== LatentJ HMC (JMH)" >&2
"$jdk/bin/java" -jar "$here/target/benchmarks.jar" 'HmcBench' "${iters[@]}" -rf json -rff "$out/hmc.json" >&2
echo "== PyTorch peer" >&2
if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  /usr/bin/python3 "$here/peers/hmc_peer.py" > "$out/hmc-peers.jsonl"
else
  echo "python3-torch missing: no peer" >&2; : > "$out/hmc-peers.jsonl"
fi
/usr/bin/python3 "$here/hmc_report.py" "$out" "$here/RESULTS.md"
echo "wrote the hmc section of $here/RESULTS.md" >&2
