#!/usr/bin/env bash
# Issue 8's LSTM comparison, everything in one run on this machine: LatentJ's LSTM (hidden 128, Fashion-MNIST rows
# as a 28-step sequence of 28 features, batch 100, softmax on the last state, Adam) and the same model in PyTorch,
# EPOCHS epochs each (default 3) on all 60,000 training images, then test accuracy. LatentJ runs with 1 and 2
# threads; PyTorch with one intra-op thread and with 2 threads under OMP_WAIT_POLICY=PASSIVE (its best settings on
# 2 cores). Writes bench/out/lstm-*.jsonl and the "lstm-vs-torch" section of bench/RESULTS.md (between markers).
# Needs: dataset-fashion-mnist, python3-torch (installed when missing and running as root).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
out="$here/out"
mkdir -p "$out"
source "$root/.ci/find-jdk.sh"
jdk="$(latentj_find_jdk)"
epochs="${EPOCHS:-3}"

need=()
[ -e /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ] || need+=(dataset-fashion-mnist)
/usr/bin/python3 -c 'import torch' 2>/dev/null || need+=(python3-torch)
if [ ${#need[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || { echo "missing ${need[*]}: apt-get install them" >&2; exit 1; }
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

jar="$here/target/benchmarks.jar"
[ -f "$jar" ] && [ "${REBUILD:-0}" = 0 ] || "$root/mvnj" -q -B -pl bench -am package -DskipTests

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
: > "$out/lstm-latentj.jsonl"
for t in 1 2; do
  echo "== LatentJ LSTM, $t thread(s)" >&2
  "$jdk/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xmx2g -cp "$jar" \
    io.latentj.bench.LstmFashion --epochs "$epochs" --threads "$t" >> "$out/lstm-latentj.jsonl"
done
echo "== PyTorch LSTM" >&2
/usr/bin/python3 "$here/peers/lstm_peers.py" --epochs "$epochs" > "$out/lstm-torch.jsonl"
jdk_version="$("$jdk/bin/java" -version 2>&1 | head -1)"

/usr/bin/python3 - "$out" "$here/RESULTS.md" "$jdk_version" "$load_before" <<'PY'
import datetime, json, os, platform, re, subprocess, sys
out, results, jdk, load = sys.argv[1:5]
ours = [json.loads(l) for l in open(os.path.join(out, "lstm-latentj.jsonl")) if l.strip()]
torch = [json.loads(l) for l in open(os.path.join(out, "lstm-torch.jsonl")) if l.strip()]
cpu = platform.processor()
for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
    if line.startswith("Model name"):
        cpu = line.split(":", 1)[1].strip()
best = min(ours, key=lambda r: r["epoch_s"])
bt = min(torch, key=lambda r: r["epoch_s"])
n = best["epochs"]
lines = ["<!-- lstm-vs-torch:begin -->", "## LSTM: LatentJ vs PyTorch (issue 8)", "",
         f"Measured {datetime.date.today().isoformat()} on {cpu}, {os.cpu_count()} CPUs, {jdk}; PyTorch {bt.get('version', '?')} "
         f"(CPU). Load average before the run: {load}. All in one run of `bench/lstm-vs-torch.sh`.", "",
         "LSTM of 128 units over Fashion-MNIST images read as 28 steps of 28 pixels, softmax layer on the last hidden "
         "state, cross-entropy, Adam (learning rate 0.001), minibatches of 100, 60,000 training images per epoch; "
         f"test accuracy on the 10,000 test images after {n} epochs. Seconds per epoch: the best of the {n} epochs.", "",
         "| who | setting | seconds per epoch | epochs (s) | test accuracy |", "|---|---|---:|---|---:|"]
for r in ours + torch:
    who = "LatentJ" if r["peer"] == "latentj" else "PyTorch"
    runs = ", ".join(f"{s:.2f}" for s in r["epoch_runs"])
    lines.append(f"| {who} | {r['config']} | {r['epoch_s']:.2f} | {runs} | {r['test_accuracy']:.4f} |")
ratio = bt["epoch_s"] / best["epoch_s"]
ok = ratio >= 2 and best["test_accuracy"] >= bt["test_accuracy"] - 0.01
lines += ["", f"Best LatentJ ({best['config']}) {best['epoch_s']:.2f} s per epoch: **{ratio:.2f}×** PyTorch at its best setting "
          f"({bt['config']}, {bt['epoch_s']:.2f} s); test accuracy {best['test_accuracy']:.4f} vs {bt['test_accuracy']:.4f}. "
          f"Target: ≥ 2× at the same quality (accuracy within 0.01) → {'PASS' if ok else 'FAIL'}.", "<!-- lstm-vs-torch:end -->"]
section = "\n".join(lines) + "\n"
text = open(results).read() if os.path.exists(results) else "# LatentJ benchmark results\n\n"
if "<!-- lstm-vs-torch:begin -->" in text:
    text = re.sub(r"<!-- lstm-vs-torch:begin -->.*?<!-- lstm-vs-torch:end -->\n?", lambda m: section, text, flags=re.S)
else:
    text = text.rstrip("\n") + "\n\n" + section
open(results, "w").write(text)
print(section)
PY
echo "wrote the lstm-vs-torch section of $here/RESULTS.md" >&2
