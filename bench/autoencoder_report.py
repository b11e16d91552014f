#!/usr/bin/python3
"""Turns bench/out/autoencoder-*.json(l) into the autoencoder-vs-torch section of bench/RESULTS.md (between its
markers; appended if absent)."""
import json, os, platform, re, subprocess, sys, datetime

out, results = sys.argv[1], sys.argv[2]
epoch = json.load(open(os.path.join(out, "autoencoder-epoch.json")))
peers = [json.loads(l) for l in open(os.path.join(out, "autoencoder-peers.jsonl")) if l.strip()]
GFLOP = 120.4  # five 100x784x256 GEMMs (2mnk each) per batch, 600 batches


def cpu():
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


jdk = epoch[0].get("jvm", "?") + " " + epoch[0].get("vmVersion", "")
ours = {}
for r in epoch:
    p = r["params"]
    ours[(p["tied"] == "true", p["path"], int(p["threads"]))] = r["primaryMetric"]["score"]
lines = ["<!-- autoencoder-vs-torch:begin -->", "## Denoising autoencoder: LatentJ vs PyTorch (issue 4)", "",
         f"Measured {datetime.date.today().isoformat()} on {cpu()}, {os.cpu_count()} CPUs, JDK {jdk}; "
         f"PyTorch {peers[0]['version'] if peers else '-'} (CPU). All in one run of `bench/autoencoder-vs-torch.sh`; "
         f"load average {os.getloadavg()[0]:.1f} when the report was written (other jobs share the machine).", "",
         "### One epoch: 784-256-784 denoising autoencoder (sigmoid, 30% masking, squared error, Adam 0.001), batch 100, "
         "60,000 Fashion-MNIST images (~120 GFLOP)", "",
         "| who | weights | setting | seconds per epoch | GFLOP/s |", "|---|---|---|---:|---:|"]
for (tied, path, threads), s in sorted(ours.items(), key=lambda kv: (not kv[0][0], kv[0][1], kv[0][2])):
    lines.append(f"| LatentJ | {'tied' if tied else 'untied'} | path {path}, {threads} thread{'s' if threads > 1 else ''} | {s:.2f} | {GFLOP / s:.0f} |")
for t in peers:
    lines.append(f"| PyTorch | {'tied' if t['tied'] else 'untied'} | {t['config']} | {t['epoch_s']:.2f} | {GFLOP / t['epoch_s']:.0f} |")
lines.append("")
verdicts = []
for tied in (True, False):
    mine = [(k, v) for k, v in ours.items() if k[0] == tied]
    theirs = [t for t in peers if t["tied"] == tied]
    if not mine or not theirs:
        continue
    (k, b) = min(mine, key=lambda kv: kv[1])
    bt = min(theirs, key=lambda t: t["epoch_s"])
    ratio = bt["epoch_s"] / b
    ok = b <= 1.5 and ratio >= 2.5
    verdicts.append(f"{'Tied' if tied else 'Untied'}: best LatentJ ({k[1]}, {k[2]} threads) {b:.2f} s, "
                    f"**{ratio:.2f}×** faster than PyTorch at its best setting ({bt['config']}, {bt['epoch_s']:.2f} s). "
                    f"Targets ≤ 1.5 s and ≥ 2.5× → {'PASS' if ok else 'FAIL'}.")
lines += verdicts
lines.append("<!-- autoencoder-vs-torch:end -->")
section = "\n".join(lines) + "\n"

text = open(results).read() if os.path.exists(results) else "# LatentJ benchmark results\n\n"
if "<!-- autoencoder-vs-torch:begin -->" in text:
    text = re.sub(r"<!-- autoencoder-vs-torch:begin -->.*?<!-- autoencoder-vs-torch:end -->\n?", lambda m: section, text, flags=re.S)
else:
    text = text.rstrip("\n") + "\n\n" + section
open(results, "w").write(text)
