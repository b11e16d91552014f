#!/usr/bin/python3
"""Turns bench/out/rbm-*.json(l) into the RBM section of bench/RESULTS.md (between the rbm markers; appended if absent)."""
import json, os, platform, re, subprocess, sys, datetime

out, results = sys.argv[1], sys.argv[2]
epoch = json.load(open(os.path.join(out, "rbm-epoch.json")))
latency = json.load(open(os.path.join(out, "rbm-latency.json")))
peers = [json.loads(l) for l in open(os.path.join(out, "rbm-peers.jsonl")) if l.strip()]


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
    ours[(p["path"], int(p["threads"]))] = r["primaryMetric"]["score"]  # seconds per epoch (mean of single shots)
lat = {}
for r in latency:
    p = r["params"]
    pct = r["primaryMetric"]["scorePercentiles"]
    lat[(p["path"], int(p["hidden"]))] = (pct["50.0"], pct["99.0"])

sk = next((p for p in peers if p["peer"] == "sklearn"), None)
torch = [p for p in peers if p["peer"] == "torch"]
best_torch = min(torch, key=lambda p: p["epoch_s"]) if torch else None
best_torch_lat = min(torch, key=lambda p: p["p99_us"]) if torch else None
best_ours = min(ours.items(), key=lambda kv: kv[1])

lines = ["<!-- rbm:begin -->", "## RBM: LatentJ vs scikit-learn vs PyTorch (issue 3)", "",
         f"Measured {datetime.date.today().isoformat()} on {cpu()}, {os.cpu_count()} CPUs, JDK {jdk}; "
         f"scikit-learn {sk['version'] if sk else '-'}, PyTorch {torch[0]['version'] if torch else '-'}. "
         "All in one run of `bench/rbm-vs-peers.sh`.", "",
         "### One epoch: 784→256 Bernoulli RBM, CD-1, batch 100, 60,000 Fashion-MNIST images (~120 GFLOP)", "",
         "| who | setting | seconds per epoch | GFLOP/s |", "|---|---|---:|---:|"]
for (path, threads), s in sorted(ours.items()):
    lines.append(f"| LatentJ | path {path}, {threads} thread{'s' if threads > 1 else ''} | {s:.2f} | {120.4 / s:.0f} |")
if sk:
    lines.append(f"| scikit-learn | {sk['config']} (numpy/OpenBLAS, 2 threads) | {sk['epoch_s']:.2f} | {120.4 / sk['epoch_s']:.0f} |")
for t in torch:
    lines.append(f"| PyTorch | {t['config']} | {t['epoch_s']:.2f} | {120.4 / t['epoch_s']:.0f} |")
lines.append("")
if sk and best_torch:
    b = best_ours[1]
    lines.append(f"Best LatentJ ({best_ours[0][0]}, {best_ours[0][1]} threads) {b:.2f} s: "
                 f"**{sk['epoch_s'] / b:.2f}×** faster than scikit-learn, **{best_torch['epoch_s'] / b:.2f}×** faster than "
                 f"PyTorch at its best setting ({best_torch['config']}). Targets: ≤ 1.3 s, ≥ 3× scikit-learn, ≥ 1.5× PyTorch "
                 f"→ {'PASS' if b <= 1.3 and sk['epoch_s'] / b >= 3 and best_torch['epoch_s'] / b >= 1.5 else 'FAIL'}.")
lines += ["", "### Single-sample encode latency (µs): LatentJ `transformInto` vs peers, 784→256 and 784→500", "",
          "| who | setting | 784→256 p50 | p99 | 784→500 p50 | p99 |", "|---|---|---:|---:|---:|---:|"]
for path in ["scalar", "simd", "blas", "auto"]:
    if (path, 256) in lat:
        a, b = lat[(path, 256)], lat.get((path, 500), (float("nan"), float("nan")))
        lines.append(f"| LatentJ | path {path} | {a[0]:.1f} | {a[1]:.1f} | {b[0]:.1f} | {b[1]:.1f} |")
if sk:
    lines.append(f"| scikit-learn | transform one row | {sk['p50_us']:.1f} | {sk['p99_us']:.1f} | | |")
for t in torch:
    lines.append(f"| PyTorch | {t['config']} | {t['p50_us']:.1f} | {t['p99_us']:.1f} | | |")
if ("auto", 256) in lat:
    a256, a500 = lat[("auto", 256)], lat.get(("auto", 500), (float("nan"), float("nan")))
    lines.append("")
    lines.append(f"Targets: 784→256 p99 < 25 µs → {'PASS' if a256[1] < 25 else 'FAIL'} ({a256[1]:.1f}); "
                 f"784→500 p99 < 50 µs → {'PASS' if a500[1] < 50 else 'FAIL'} ({a500[1]:.1f})."
                 + (f" PyTorch's best p99 {best_torch_lat['p99_us']:.1f} µs; scikit-learn p99 {sk['p99_us']:.1f} µs." if sk and best_torch_lat else ""))
lines.append("<!-- rbm:end -->")
section = "\n".join(lines) + "\n"

text = open(results).read() if os.path.exists(results) else "# LatentJ benchmark results\n\n"
if "<!-- rbm:begin -->" in text:
    text = re.sub(r"<!-- rbm:begin -->.*?<!-- rbm:end -->\n?", lambda m: section, text, flags=re.S)
else:
    text = text.rstrip("\n") + "\n\n" + section
open(results, "w").write(text)
