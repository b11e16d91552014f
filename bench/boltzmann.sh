#!/usr/bin/env bash
# The general Boltzmann machine's inner loops (784 visible × 500 hidden, batch 100): damped mean-field sweeps per
# second, one sequential Gibbs sweep of 100 particles, one mean-field transform of the batch; each path, 1 and 2
# threads. Writes bench/out/boltzmann.json and the "boltzmann" section of bench/RESULTS.md (between markers).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
out="$here/out"
mkdir -p "$out"
source "$root/.ci/find-jdk.sh"
jdk="$(latentj_find_jdk)"
[ -f "$here/target/benchmarks.jar" ] && [ "${REBUILD:-0}" = 0 ] || "$root/mvnj" -q -B -pl bench -am package -DskipTests
if [ "${QUICK:-1}" = 1 ]; then iters=(-wi 2 -w 1s -i 3 -r 1s); else iters=(-wi 3 -w 2s -i 5 -r 2s); fi
"$jdk/bin/java" -jar "$here/target/benchmarks.jar" 'BoltzmannBench' "${iters[@]}" -rf json -rff "$out/boltzmann.json" >&2
/usr/bin/python3 - "$out/boltzmann.json" "$here/RESULTS.md" <<'PY'
import datetime, json, os, re, subprocess, sys
runs = json.load(open(sys.argv[1]))
cpu = next((l.split(":", 1)[1].strip() for l in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines()
            if l.startswith("Model name")), "?")
jdk = runs[0].get("jvm", "?") + " " + runs[0].get("vmVersion", "")
rows = {}
for r in runs:
    key = (r["params"]["path"], r["params"]["threads"])
    rows.setdefault(key, {})[r["benchmark"].rsplit(".", 1)[1]] = r["primaryMetric"]["score"]  # ms per call
lines = ["<!-- boltzmann:begin -->", "## General Boltzmann machine: mean field and Gibbs sampling (issue 7)", "",
         f"Measured {datetime.date.today().isoformat()} on {cpu}, {os.cpu_count()} CPUs, JDK {jdk}. 784 visible × 500 hidden, "
         "batch 100, random couplings in W, L and J (`bench/boltzmann.sh`, `BoltzmannBench`).", "",
         "| path | threads | mean-field sweeps/s (batch 100) | ms per sweep | Gibbs sweep, 100 particles × 1,284 units (ms) | transform of the batch (ms) |",
         "|---|---|---|---|---|---|"]
for (path, threads), m in sorted(rows.items()):
    sweep = m["meanFieldTenSweeps"] / 10
    lines.append(f"| {path} | {threads} | {1000 / sweep:,.0f} | {sweep:.2f} | {m['gibbsSweep']:.1f} | {m['transform']:.2f} |")
lines.append("<!-- boltzmann:end -->")
section = "\n".join(lines) + "\n"
text = open(sys.argv[2]).read()
if "<!-- boltzmann:begin -->" in text:
    text = re.sub(r"<!-- boltzmann:begin -->.*?<!-- boltzmann:end -->\n?", lambda _: section, text, flags=re.S)
else:
    text = text.rstrip("\n") + "\n\n" + section
open(sys.argv[2], "w").write(text)
print(section)
PY
