#!/usr/bin/python3
"""Turns bench/out/hmc-*.json(l) into the hmc section of bench/RESULTS.md (between the hmc markers; appended if absent)."""
import json, os, platform, re, subprocess, sys, datetime

out, results = sys.argv[1], sys.argv[2]
ours = json.load(open(os.path.join(out, "hmc.json")))
peers = [json.loads(l) for l in open(os.path.join(out, "hmc-peers.jsonl")) if l.strip()]


def cpu():
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


jdk = ours[0].get("vmName", "JDK") + " " + ours[0].get("vmVersion", "")
load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
lines = ["<!-- hmc:begin -->", "## HMC: leapfrog steps per second (issue 7)", "",
         f"Measured {datetime.date.today().isoformat()} on {cpu()}, {os.cpu_count()} CPUs, {jdk}; load average at the end "
         f"of the run {load}. "
         "One HMC transition = 10 leapfrog steps (11 batched gradients) of 100 chains under a 784-dimensional "
         "Student-t product of experts with 784 experts (`bench/src/main/java/io/latentj/bench/HmcBench.java`); "
         "the PyTorch peer (`bench/peers/hmc_peer.py`) runs the same transition with the same analytic gradient, "
         "side by side in the same run (`bench/hmc.sh`).", "",
         "| implementation | path | threads | ms / transition | leapfrog steps / s | vs PyTorch (same threads) |",
         "|---|---|---:|---:|---:|---:|"]
torch = {p["threads"]: p for p in peers if p["peer"] == "torch"}
for r in sorted(ours, key=lambda r: (int(r["params"]["threads"]), r["params"]["path"])):
    t = int(r["params"]["threads"])
    ms = r["primaryMetric"]["score"]
    ratio = f"{torch[t]['ms_per_transition'] / ms:.2f}×" if t in torch else "-"
    lines.append(f"| LatentJ | {r['params']['path']} | {t} | {ms:.2f} | {10000 / ms:.0f} | {ratio} |")
for t, p in sorted(torch.items()):
    lines.append(f"| PyTorch {p['version']} | - | {t} | {p['ms_per_transition']:.2f} | {10000 / p['ms_per_transition']:.0f} | 1.00× |")
lines += ["", "Timings on a shared 2-core machine are noisy; the ratio column compares runs of the same script.", "<!-- hmc:end -->"]
section = "\n".join(lines)
text = open(results).read() if os.path.exists(results) else ""
if "<!-- hmc:begin -->" in text:
    text = re.sub(r"<!-- hmc:begin -->.*?<!-- hmc:end -->", lambda m: section, text, flags=re.S)
else:
    text = text.rstrip() + "\n\n" + section + "\n"
open(results, "w").write(text)
