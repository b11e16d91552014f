#!/usr/bin/python3
"""Turns bench/out/vae-*.jsonl into the vae-vs-torch section of bench/RESULTS.md (between markers; appended if absent)."""
import json, os, platform, re, subprocess, sys, datetime

out, results = sys.argv[1], sys.argv[2]
ours = [json.loads(l) for l in open(os.path.join(out, "vae-latentj.jsonl")) if l.strip()]
torch = [json.loads(l) for l in open(os.path.join(out, "vae-torch.jsonl")) if l.strip()]


def cpu():
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def jdk():
    try:
        return subprocess.run(["bash", "-c", "source .ci/find-jdk.sh && \"$(latentj_find_jdk)/bin/java\" -version 2>&1 | head -1"],
                              capture_output=True, text=True, cwd=os.path.dirname(os.path.dirname(os.path.abspath(results)))).stdout.strip()
    except OSError:
        return "?"


best = min(ours, key=lambda r: r["epoch_s"])
best_t = min(torch, key=lambda r: r["epoch_s"]) if torch else None
epochs = best["epochs"]
lines = ["<!-- vae-vs-torch:begin -->", "## VAE: LatentJ vs PyTorch (issue 8)", "",
         f"Measured {datetime.date.today().isoformat()} on {cpu()}, {os.cpu_count()} CPUs, {jdk()}; "
         f"PyTorch {torch[0]['version'] if torch else '-'}; load average at the end {open('/proc/loadavg').read().split()[0]}. "
         "All in one run of `bench/vae-vs-torch.sh`.", "",
         f"784-400-20 VAE (ReLU, Bernoulli decoder on grey-level targets, analytic KL), Adam 0.001, batch 100, "
         f"60,000 Fashion-MNIST images, {epochs} epochs; epoch time = the best epoch (training only); test ELBO in nats "
         "per image on the 10,000 test images (one z per image) after the last epoch.", "",
         "| who | setting | seconds per epoch (best) | all epochs | test ELBO |", "|---|---|---:|---|---:|"]
for r in ours:
    lines.append(f"| LatentJ | {r['config']} | {r['epoch_s']:.2f} | {', '.join(f'{s:.2f}' for s in r['epoch_runs'])} | {r['test_elbo']:.1f} |")
for r in torch:
    lines.append(f"| PyTorch | {r['config']} | {r['epoch_s']:.2f} | {', '.join(f'{s:.2f}' for s in r['epoch_runs'])} | {r['test_elbo']:.1f} |")
lines.append("")
if best_t:
    ratio = best_t["epoch_s"] / best["epoch_s"]
    same = best["test_elbo"] >= best_t["test_elbo"] - 1.0
    lines.append(f"Best LatentJ ({best['config']}) {best['epoch_s']:.2f} s per epoch vs PyTorch at its best setting "
                 f"({best_t['config']}) {best_t['epoch_s']:.2f} s: **{ratio:.2f}×**; test ELBO {best['test_elbo']:.1f} vs "
                 f"{best_t['test_elbo']:.1f}. Target ≥ 2× at the same quality (ELBO within 1 nat) → "
                 f"{'PASS' if ratio >= 2 and same else 'FAIL'}.")
lines.append("<!-- vae-vs-torch:end -->")
section = "\n".join(lines) + "\n"

text = open(results).read() if os.path.exists(results) else "# LatentJ benchmark results\n\n"
if "<!-- vae-vs-torch:begin -->" in text:
    text = re.sub(r"<!-- vae-vs-torch:begin -->.*?<!-- vae-vs-torch:end -->\n?", lambda m: section, text, flags=re.S)
else:
    text = text.rstrip("\n") + "\n\n" + section
open(results, "w").write(text)
