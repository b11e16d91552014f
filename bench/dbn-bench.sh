#!/usr/bin/env bash
# Issue 5's timings: greedy DBN pre-training (one CD-1 epoch per layer of 784-500-500-2000), one epoch each of
# up-down, discriminative and deep-autoencoder fine-tuning, on the 60,000 Fashion-MNIST training images
# (io.latentj.bench.DbnBench). Writes the "dbn" section of bench/RESULTS.md (between markers).
# Needs: dataset-fashion-mnist.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
out="$here/out"
mkdir -p "$out"
source "$root/.ci/find-jdk.sh"
jdk="$(latentj_find_jdk)"
[ -e /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ] || { echo "missing dataset-fashion-mnist: apt-get install it" >&2; exit 1; }
[ -f "$here/target/benchmarks.jar" ] && [ "${REBUILD:-0}" = 0 ] || "$root/mvnj" -q -B -pl bench -am package -DskipTests

"$jdk/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xmx6g \
  -cp "$here/target/benchmarks.jar" io.latentj.bench.DbnBench > "$out/dbn.md"
cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//') ($(nproc) vCPUs)"
jver="$("$jdk/bin/java" -version 2>&1 | head -1)"
/usr/bin/python3 - "$out/dbn.md" "$here/RESULTS.md" "$cpu" "$jver" <<'PY'
import datetime, re, sys
rows, results, cpu, jver = open(sys.argv[1]).read().strip(), sys.argv[2], sys.argv[3], sys.argv[4]
section = "\n".join([
    "<!-- dbn:begin -->",
    "## Deep belief nets and deep autoencoders (issue 5)",
    "",
    f"{datetime.date.today()}, {cpu}, {jver}; `bench/dbn-bench.sh` (io.latentj.bench.DbnBench): the time of one",
    "training epoch as the trainer reports it, batch 100, auto path, after a warm-up run on 2,000 images.",
    "",
    "| what | images | seconds |",
    "|---|---|---|",
    rows,
    "<!-- dbn:end -->",
]) + "\n"
text = open(results).read()
if "<!-- dbn:begin -->" in text:
    text = re.sub(r"<!-- dbn:begin -->.*?<!-- dbn:end -->\n?", lambda m: section, text, flags=re.S)
else:
    text = text.rstrip("\n") + "\n\n" + section
open(results, "w").write(text)
PY
echo "wrote the dbn section of $here/RESULTS.md" >&2
