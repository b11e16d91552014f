#!/usr/bin/python3
"""Turns bench/out/ica-gmm-*.jsonl into the ica-gmm-vs-sklearn section of bench/RESULTS.md (appended if absent)."""
import datetime, json, os, platform, re, subprocess, sys, statistics

out, results = sys.argv[1], sys.argv[2]
ours = json.loads(open(os.path.join(out, "ica-gmm-latentj.jsonl")).read().strip().splitlines()[-1])
sk = json.loads(open(os.path.join(out, "ica-gmm-sklearn.jsonl")).read().strip().splitlines()[-1])


def cpu():
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


med = statistics.median
ica_o, ica_s = med(ours["ica_s"]), med(sk["ica_s"])
gmm_o, gmm_s = med(ours["gmm_s"]), med(sk["gmm_s"])
runs = lambda v: ", ".join(f"{t:.3f}" for t in v)
dll = ours["gmm_score"] - sk["gmm_score"]
lines = [
    "<!-- ica-gmm-vs-sklearn:begin -->", "## FastICA and Gaussian mixtures: LatentJ vs scikit-learn (issue 6)", "",
    f"Measured {datetime.date.today().isoformat()} on {cpu()}, {os.cpu_count()} CPUs, JDK {ours['jdk']} "
    f"(LatentJ threads {ours['threads']}), load average {os.getloadavg()[1]:.1f} over the last 5 minutes; scikit-learn {sk['version']} (numpy {sk['numpy']}, OpenBLAS threads {sk['threads']}). "
    "Both in one run of `bench/ica-gmm-vs-sklearn.sh`; times are wall-clock seconds of a whole `fit`, median of "
    f"{len(ours['ica_s'])} after warm-up fits (LatentJ: at least one, more until 2 s of warm-up; all timed runs listed).", "",
    "| task | who | median s | runs | iterations | answer |", "|---|---|---:|---|---:|---|",
    f"| FastICA(20), 10,000×784 | LatentJ | {ica_o:.3f} | {runs(ours['ica_s'])} | {ours['ica_iterations']} | "
    f"negentropy {sk['ica_negentropy_latentj']:.5f} |",
    f"| FastICA(20), 10,000×784 | scikit-learn | {ica_s:.3f} | {runs(sk['ica_s'])} | {sk['ica_iterations']} | "
    f"negentropy {sk['ica_negentropy_sklearn']:.5f} |",
    f"| GMM(10, diag), 10,000×50 | LatentJ | {gmm_o:.3f} | {runs(ours['gmm_s'])} | {ours['gmm_iterations']} | "
    f"mean log-likelihood {ours['gmm_score']:.4f} |",
    f"| GMM(10, diag), 10,000×50 | scikit-learn | {gmm_s:.3f} | {runs(sk['gmm_s'])} | {sk['gmm_iterations']} | "
    f"mean log-likelihood {sk['gmm_score']:.4f} |", "",
    f"- FastICA: LatentJ {ica_s / ica_o:.1f}× faster (target ≥ 3×). Same settings on both sides: symmetric "
    "(parallel) iteration, log cosh with α = 1, unit-variance whitening, tol 1e-4, max_iter 200, float32 input. "
    f"Amari distance between LatentJ's unmixing and scikit-learn's mixing: {sk['ica_amari']:.3f} (0 = the same "
    "components up to order, sign and scale); negentropy = mean over components of (E[log cosh y] − E[log cosh ν])², "
    "ν ~ N(0, 1), the objective both maximise (from different random starts).",
    f"- GMM: LatentJ {gmm_s / gmm_o:.1f}× faster (target ≥ 2×), on the same PCA-reduced input (LatentJ's PCA, written to "
    "`gmm-data.npy`); diag covariances, tol 1e-3, max_iter 100, reg_covar 1e-6, k-means start (each library's own "
    f"seeding). Mean log-likelihood difference LatentJ − scikit-learn: {dll:+.4f} nats per row "
    f"({100 * dll / abs(sk['gmm_score']):+.3f}%; the same answer is taken as within 0.1%: "
    f"{'yes' if abs(dll) <= 1e-3 * abs(sk['gmm_score']) else 'NO'}).",
    "<!-- ica-gmm-vs-sklearn:end -->",
]
text = open(results).read() if os.path.exists(results) else ""
section = "\n".join(lines)
pattern = re.compile(r"<!-- ica-gmm-vs-sklearn:begin -->.*?<!-- ica-gmm-vs-sklearn:end -->", re.S)
text = pattern.sub(lambda m: section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section + "\n"
open(results, "w").write(text)
print(section)
