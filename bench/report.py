#!/usr/bin/env python3
"""Turns the raw results of bench/run-all.sh into bench/RESULTS.md.

usage: report.py RAW_DIR RESULTS.md

RAW_DIR holds env.properties, c-baseline.tsv (+ .log) and jmh-*.json (JMH -rf json). Standard library only.
Times are JMH average times per operation (lower is better); "±" is JMH's 99.9% error when it could compute one.
"""
import glob
import json
import os
import re
import sys

raw, target = sys.argv[1], sys.argv[2]


# ---------------------------------------------------------------- inputs

def read_props(path):
    d = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if "=" in line and not line.startswith("#"):
                    k, v = line.split("=", 1)
                    d[k.strip()] = v.strip()
    return d


env = read_props(os.path.join(raw, "env.properties"))

UNIT_NS = {"ns/op": 1.0, "us/op": 1e3, "ms/op": 1e6, "s/op": 1e9}
rows = []
for path in sorted(glob.glob(os.path.join(raw, "jmh-*.json"))):
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError):
        continue
    for r in data:
        pm = r["primaryMetric"]
        scale = UNIT_NS.get(pm["scoreUnit"], 1.0)
        err = pm.get("scoreError")
        err = float(err) * scale if isinstance(err, (int, float)) and err == err else None
        name = r["benchmark"].rsplit(".", 2)
        rows.append({
            "bench": name[-2] + "." + name[-1],
            "params": r.get("params", {}) or {},
            "ns": float(pm["score"]) * scale,
            "err": err,
        })


def find(bench, **params):
    """The row of a benchmark method with the given params (strings), or None."""
    for r in rows:
        if r["bench"] != bench:
            continue
        if all(str(r["params"].get(k)) == str(v) for k, v in params.items()):
            return r
    return None


def ns(bench, **params):
    r = find(bench, **params)
    return r["ns"] if r else None


cbase = {}
c_lib = c_cfg = None
cpath = os.path.join(raw, "c-baseline.tsv")
if os.path.exists(cpath):
    with open(cpath, encoding="utf-8") as f:
        header = None
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if header is None:
                header = parts
                continue
            if len(parts) != len(header):
                continue
            d = dict(zip(header, parts))
            key = (d["op"], d["trans"], int(d["m"]), int(d["n"]), int(d["k"]), int(d["threads"]))
            cbase[key] = float(d["median_us"]) * 1e3
clog = os.path.join(raw, "c-baseline.log")
if os.path.exists(clog):
    with open(clog, encoding="utf-8") as f:
        for line in f:
            if line.startswith("library: "):
                c_lib = line[len("library: "):].strip()
            elif line.startswith("config: "):
                c_cfg = line[len("config: "):].strip()


# ---------------------------------------------------------------- formatting

def t(v, err=None):
    if v is None:
        return "–"
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if v >= scale:
            s = "%.3g %s" % (v / scale, unit)
            break
    else:
        s = "%.3g ns" % v
    return s


def tr(r):
    """Time of a row with its error, if any."""
    if r is None:
        return "–"
    s = t(r["ns"])
    if r["err"] is not None and r["ns"] > 0 and r["err"] / r["ns"] >= 0.005:
        s += " ±%.0f%%" % (100 * r["err"] / r["ns"])
    return s


def gflops(flops, v):
    return "–" if v is None or v <= 0 else "%.1f" % (flops / v)


def ratio(a, b, fmt="%.1f×"):
    """a / b formatted, or – when either is missing."""
    if a is None or b is None or b == 0:
        return "–"
    return fmt % (a / b)


def pct(a, b):
    """(a / b − 1) as a signed percentage."""
    if a is None or b is None or b == 0:
        return "–"
    return "%+.1f%%" % (100 * (a / b - 1))


def table(header, body):
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in body]
    return "\n".join(out)


PASS, FAIL, NA = "**PASS**", "**FAIL**", "n/a (not measured)"


def verdict(ok):
    return NA if ok is None else (PASS if ok else FAIL)


# ---------------------------------------------------------------- shapes

GEMM = [("100x784x256", "GemmBench.gemm"), ("100x784x500", "GemmBench.gemm"),
        ("tn:784x100x256", "GemmBench.gemm"), ("2048x2048x2048", "GemmBench.gemmLarge")]
GEMV = ["500x784", "t:500x784", "8x8"]
PATHS = ["scalar", "simd", "blas", "auto"]


def gemm_dims(shape):
    tn = shape.startswith("tn:")
    m, k, n = (int(x) for x in (shape[3:] if tn else shape).split("x"))
    return tn, m, k, n


def gemv_dims(shape):
    tt = shape.startswith("t:")
    m, n = (int(x) for x in (shape[2:] if tt else shape).split("x"))
    return tt, m, n


def c_gemm(shape, threads):
    tn, m, k, n = gemm_dims(shape)
    return cbase.get(("sgemm", "T" if tn else "N", m, n, k, threads))


def c_gemv(shape, threads):
    tt, m, n = gemv_dims(shape)
    return cbase.get(("sgemv", "T" if tt else "N", m, n, 1, threads))


def fastest(bench, candidates, **params):
    best = None
    for p in candidates:
        v = ns(bench, path=p, **params)
        if v is not None and (best is None or v < best[1]):
            best = (p, v)
    return best


# ---------------------------------------------------------------- sections

md = []
md.append("# LatentJ benchmark results\n")
md.append("Generated by `bench/run-all.sh` (%s mode) on %s; raw data in `bench/out/run/` when it ran. "
          "All times are per operation, lower is better (JMH average time, one fork; ± is JMH's 99.9%% "
          "confidence half-width when it is at least 0.5%%). GFLOP/s counts 2·m·n·k for GEMM and 2·m·n for GEMV.\n"
          % (env.get("mode", "?"), env.get("date", "?")))

java_real = os.path.realpath(env["blas.path"]) if env.get("blas.path") else None
md.append("## Machine and settings\n")
md.append(table(["", ""], [
    ["CPU", "%s, %s cpus (AVX-512: %s)" % (env.get("cpu", "?"), env.get("cpus", "?"), env.get("cpu.flags.avx512f", "?"))],
    ["JDK", "%s (%s)" % (env.get("java.version", "?"), env.get("java.vm", "?"))],
    ["Vector API", env.get("simd", "?")],
    ["OpenBLAS (Java)", ("%s → `%s` (%s)" % (env.get("blas.path"), java_real, env.get("blas.source", "?")))
        if env.get("blas.available") == "true" else "unavailable: " + env.get("blas.reason", "?")],
    ["OpenBLAS config", env.get("blas.config", c_cfg or "?")],
    ["C baseline library", ("`%s`%s" % (c_lib, " (same file as Java)" if java_real and c_lib == java_real else
                                        " (NOT the file Java loaded)" if java_real else "")) if c_lib else "not run"],
    ["Threads", "`@Param threads` → `Parallelism.setThreads(n)` (OpenBLAS and the Java GEMM); "
                "the C baseline calls `openblas_set_num_threads(n)`; elementwise, sampling, fused and downcall "
                "benchmarks run 1 thread"],
    ["Extra fork JVM flags", "`%s`" % env["jvm.extra"] if env.get("jvm.extra") else "none (default tiered JIT, what users get)"],
    ["Auto policy", env.get("auto.policy", "?")],
    ["Load average (1/5/15 min)", "before %s, after %s — other processes were competing for the 2 cores when this "
                                  "is well above 0" % (env.get("load.before", "?"), env.get("load.after", "?"))],
    ["Commit", env.get("git", "?")],
    ["Wall time", "%s s" % env.get("elapsed.s", "?")],
]))
md.append("")

# ---- targets
targets = []


def add_target(name, measured, ok):
    targets.append([name, measured, verdict(ok)])


for shape in ("500x784", "t:500x784"):
    sc, si, bl = (ns("GemvBench.gemv", path=p, threads=1, shape=shape) for p in ("scalar", "simd", "blas"))
    label = "y = W·x" if shape == "500x784" else "y = Wᵀ·h"
    add_target("simd GEMV 500×784 (%s) ≥ 10× scalar" % label, ratio(sc, si),
               None if sc is None or si is None else sc / si >= 10)
    add_target("simd GEMV 500×784 (%s) ≤ blas, 1 thread" % label, "%s vs %s" % (t(si), t(bl)),
               None if si is None or bl is None else si <= bl)
for shape, bench, lim in (("2048x2048x2048", "GemmBench.gemmLarge", 0.05), ("100x784x256", "GemmBench.gemm", 0.15)):
    for th in (1, 2):
        bl, c = ns(bench, path="blas", threads=th, shape=shape), c_gemm(shape, th)
        add_target("blas SGEMM %s via FFM within %d%% of C, %d thread%s" % (shape.replace("x", "×"), lim * 100, th, "s" if th > 1 else ""),
                   "%s vs C %s (%s)" % (t(bl), t(c), pct(bl, c)), None if bl is None or c is None else bl <= c * (1 + lim))
for shape, bench, lim in (("2048x2048x2048", "GemmBench.gemmLarge", 0.60), ("100x784x256", "GemmBench.gemm", 0.70)):
    si, bl = ns(bench, path="simd", threads=1, shape=shape), ns(bench, path="blas", threads=1, shape=shape)
    add_target("simd SGEMM %s ≥ %d%% of blas, 1 thread" % (shape.replace("x", "×"), lim * 100),
               "%.0f%%" % (100 * bl / si) if si and bl else "–",
               None if si is None or bl is None else bl / si >= lim)
for n in (50000, 500):
    sc, si = ns("SigmoidBench.sigmoid", path="scalar", n=n), ns("SigmoidBench.sigmoid", path="simd", n=n)
    add_target("sigmoid simd ≥ 15× scalar, n = %d" % n, ratio(sc, si), None if sc is None or si is None else sc / si >= 15)
for n in (50000, 500):
    sr, si = ns("BernoulliBench.splittableRandom", n=n), ns("BernoulliBench.bernoulli", path="simd", n=n)
    add_target("Bernoulli simd ≥ 20× scalar SplittableRandom, n = %d" % n, ratio(sr, si),
               None if sr is None or si is None else sr / si >= 20)

# auto vs fastest, every shape that has an auto measurement
auto_rows, by_design = [], []
SINGLE_SAMPLE = {"GemvBench.gemv", "SigmoidBench.sigmoidAffine", "SoftThresholdBench.fused"}
for r in rows:
    if r["params"].get("path") != "auto":
        continue
    params = {k: v for k, v in r["params"].items() if k != "path"}
    cands = [p for p in PATHS if p != "auto"]
    best = fastest(r["bench"], cands, **params)
    if best is None:
        continue
    gap = r["ns"] / best[1] - 1
    threads = int(params.get("threads", 1))
    desc = r["bench"] + " " + " ".join("%s=%s" % kv for kv in sorted(params.items()))
    row = [desc, tr(r), "%s %s" % (best[0], t(best[1])), "%+.1f%%" % (100 * gap),
           "⚠ >5%" if gap > 0.05 else "ok"]
    (by_design if threads > 1 and r["bench"] in SINGLE_SAMPLE else auto_rows).append((gap, row))
worst = max((g for g, _ in auto_rows), default=None)
add_target("auto within 5% of the fastest path at every shape (GEMM 1 and 2 threads; single-sample ops 1 thread)",
           "worst gap %+.1f%% over %d shapes" % (100 * worst, len(auto_rows)) if worst is not None else "–",
           None if worst is None else worst <= 0.05)
if by_design:
    worst_bd = max(g for g, _ in by_design)
    targets.append(["auto at threads=2 for single-sample ops (by design SIMD on the caller's thread below 1 MB, see below)",
                    "worst gap %+.1f%% over %d shapes" % (100 * worst_bd, len(by_design)),
                    "reported separately (%s)" % ("within 5%" if worst_bd <= 0.05 else "slower than 2-thread BLAS")])
for th in (1, 2):
    a, s = find("GemvBench.gemv", path="auto", threads=th, shape="8x8"), find("GemvBench.gemv", path="simd", threads=th, shape="8x8")
    if a and s:
        noise = (a["err"] or 0) + (s["err"] or 0)
        ok = a["ns"] <= s["ns"]
        res = PASS if ok else ("PASS (within noise: %s)" % pct(a["ns"], s["ns"]) if a["ns"] <= s["ns"] + noise else FAIL)
        targets.append(["tiny GEMV 8×8 auto ≤ simd, %d thread%s" % (th, "s" if th > 1 else ""),
                        "%s vs %s (%s)" % (tr(a), tr(s), pct(a["ns"], s["ns"])), res])
    else:
        add_target("tiny GEMV 8×8 auto ≤ simd, %d thread%s" % (th, "s" if th > 1 else ""), "–", None)

md.append("## Targets\n")
md.append(table(["Target", "Measured", "Result"], targets))
md.append("")

# ---- GEMM
md.append("## SGEMM (`GemmBench`)\n")
md.append("C = op(A)·op(B); shape m×k×n (C is m×n), `tn:` = Aᵀ·B with A stored k×m (the weight gradient Vᵀ·H). "
          "Cells: time (GFLOP/s). *simd÷scalar* is the speed-up over the scalar reference, *simd % of blas* the SIMD "
          "throughput as a share of OpenBLAS's, *blas vs C* the extra time of the FFM call over the same OpenBLAS "
          "called from C (the FFM overhead, plus noise), *auto gap* auto's extra time over the fastest path. "
          "Scalar is not run at 2048³ (minutes per call) nor with 2 threads (it is single-threaded).\n")
body = []
for shape, bench in GEMM:
    tn, m, k, n = gemm_dims(shape)
    fl = 2.0 * m * n * k
    for th in (1, 2):
        v = {p: ns(bench, path=p, threads=th, shape=shape) for p in PATHS}
        if all(x is None for x in v.values()):
            continue
        c = c_gemm(shape, th)
        best = min((x for p, x in v.items() if p != "auto" and x is not None), default=None)
        cells = ["%s (%s)" % (tr(find(bench, path=p, threads=th, shape=shape)), gflops(fl, v[p])) if v[p] else "–" for p in PATHS]
        body.append([shape.replace("x", "×"), th] + cells + [
            "%s (%s)" % (t(c), gflops(fl, c)) if c else "–",
            ratio(v["scalar"], v["simd"]), "%.0f%%" % (100 * v["blas"] / v["simd"]) if v["simd"] and v["blas"] else "–",
            pct(v["blas"], c), pct(v["auto"], best)])
md.append(table(["shape", "threads", "scalar", "simd", "blas", "auto", "C OpenBLAS", "simd÷scalar", "simd % of blas",
                 "blas vs C", "auto gap"], body))
md.append("")

# ---- GEMV
md.append("## SGEMV (`GemvBench`)\n")
md.append("One sample through a 784→500 layer: `500×784` is y = W·x (W 500×784), `t:500×784` is y = Wᵀ·h (500 → 784); "
          "`8×8` is the tiny case where a downcall cannot be amortised. Cells: time (GFLOP/s). With 2 threads auto keeps "
          "a GEMV under 262,144 elements (1 MB) on the caller's thread (SIMD) by design and sends larger ones to "
          "OpenBLAS's threads; see *Auto vs fastest*.\n")
body = []
for shape in GEMV:
    tt, m, n = gemv_dims(shape)
    fl = 2.0 * m * n
    for th in (1, 2):
        v = {p: ns("GemvBench.gemv", path=p, threads=th, shape=shape) for p in PATHS}
        if all(x is None for x in v.values()):
            continue
        c = c_gemv(shape, th)
        best = min((x for p, x in v.items() if p != "auto" and x is not None), default=None)
        cells = ["%s (%s)" % (tr(find("GemvBench.gemv", path=p, threads=th, shape=shape)), gflops(fl, v[p])) if v[p] else "–" for p in PATHS]
        body.append([shape.replace("x", "×"), th] + cells + [
            "%s (%s)" % (t(c), gflops(fl, c)) if c else "–",
            ratio(v["scalar"], v["simd"]), ratio(v["blas"], v["simd"], "%.2f"), pct(v["blas"], c), pct(v["auto"], best)])
md.append(table(["shape", "threads", "scalar", "simd", "blas", "auto", "C OpenBLAS", "simd÷scalar", "blas÷simd (time)",
                 "blas vs C", "auto gap"], body))
md.append("")

# ---- auto
md.append("## Auto vs fastest\n")
md.append("Every measured shape where auto ran, against the fastest of scalar/simd/blas at the same shape and thread "
          "count. Gaps up to a few percent are within the noise of a quick run.\n")
md.append(table(["benchmark", "auto", "fastest", "gap", ""], [r for _, r in sorted(auto_rows, key=lambda x: x[1][0])])
          if auto_rows else "_no auto measurements_")
md.append("")
if by_design:
    md.append("### Single-sample ops with threads = 2 (by design)\n")
    md.append("`AutoPolicy` keeps GEMV-class work (GEMV and the fused layer kernels) under 262,144 elements (1 MB) on the "
              "caller's thread when more than one thread is configured: waking OpenBLAS's pool for one small sample costs "
              "about what it saves, and in a model serving many samples concurrently the caller's other threads stay free. "
              "From 1 MB up, where one core's memory bandwidth is the limit, it uses OpenBLAS's threads. A single isolated "
              "small call, as measured here, can therefore be faster on 2-thread BLAS; these rows show by how much.\n")
    md.append(table(["benchmark", "auto", "fastest", "gap", ""], [r for _, r in sorted(by_design, key=lambda x: x[1][0])]))
    md.append("")

# ---- sigmoid
md.append("## Sigmoid (`SigmoidBench`)\n")
body = []
for n in (500, 50000):
    sc, si = find("SigmoidBench.sigmoid", path="scalar", n=n), find("SigmoidBench.sigmoid", path="simd", n=n)
    if sc or si:
        body.append([n, tr(sc), tr(si), ratio(sc and sc["ns"], si and si["ns"]),
                     "%.2f" % (si["ns"] / n) if si else "–"])
md.append("Elementwise 1/(1+e^−x) over n floats (500: one hidden layer; 50000: a minibatch of 100). "
          "BLAS has no sigmoid: blas and auto run the SIMD kernel.\n")
md.append(table(["n", "scalar", "simd", "simd÷scalar", "simd ns/element"], body) if body else "_not measured_")
md.append("")
body = []
for p in PATHS:
    r = find("SigmoidBench.sigmoidAffine", path=p)
    if r:
        body.append([p, tr(r), gflops(2.0 * 500 * 784, r["ns"])])
if body:
    md.append("Fused layer y = sigmoid(W·x + b), W 500×784 (`Fused.sigmoidAffine`; blas = GEMV then a SIMD pass), 1 thread:\n")
    md.append(table(["path", "time", "GFLOP/s"], body))
    md.append("")

# ---- soft threshold
md.append("## Soft-threshold encoder (`SoftThresholdBench`)\n")
md.append("f = max(0, D·x − α) for one sample, D atoms×784. *fused* is `Fused.softThresholdAffine` (one pass on "
          "scalar/simd: the threshold is applied to the accumulators; on blas GEMV then a SIMD pass), *unfused* is "
          "`Linalg.gemv` then `Elementwise.softThreshold` on the same path. 1 thread.\n")
body = []
for shape in ("1600x784", "256x784"):
    m, n = (int(x) for x in shape.split("x"))
    for p in PATHS:
        f, u = find("SoftThresholdBench.fused", path=p, shape=shape), find("SoftThresholdBench.unfused", path=p, shape=shape)
        if f or u:
            body.append([shape.replace("x", "×"), p, "%s (%s)" % (tr(f), gflops(2.0 * m * n, f and f["ns"])),
                         tr(u), ratio(u and u["ns"], f and f["ns"], "%.2f")])
md.append(table(["D", "path", "fused (GFLOP/s)", "unfused", "unfused÷fused"], body) if body else "_not measured_")
md.append("")
body = [[p, tr(find("SoftThresholdBench.threshold", path=p, n=1600))] for p in ("scalar", "simd")
        if find("SoftThresholdBench.threshold", path=p, n=1600)]
if body:
    sc, si = ns("SoftThresholdBench.threshold", path="scalar", n=1600), ns("SoftThresholdBench.threshold", path="simd", n=1600)
    md.append("Plain threshold max(0, x − α) over 1600 floats: simd÷scalar %s.\n" % ratio(sc, si))
    md.append(table(["path", "time"], body))
    md.append("")

# ---- bernoulli
md.append("## Bernoulli sampling (`BernoulliBench`)\n")
md.append("out_i = 1 if u_i < p_i else 0. *SplittableRandom* is the plain-Java baseline "
          "(`ScalarRng.bernoulliSplittableRandom`: one `SplittableRandom` draw per element); scalar and simd use the "
          "library's counter-based `Rng` (`Sampling.bernoulli`). BLAS has no sampling.\n")
body = []
for n in (500, 50000):
    sr = find("BernoulliBench.splittableRandom", n=n)
    sc, si = find("BernoulliBench.bernoulli", path="scalar", n=n), find("BernoulliBench.bernoulli", path="simd", n=n)
    if sr or sc or si:
        body.append([n, tr(sr), tr(sc), tr(si), ratio(sr and sr["ns"], si and si["ns"]), ratio(sc and sc["ns"], si and si["ns"])])
md.append(table(["n", "SplittableRandom", "scalar (counter Rng)", "simd", "simd vs SplittableRandom", "simd÷scalar"], body)
          if body else "_not measured (the sampling API was not merged when this ran)_")
md.append("")

# ---- downcalls
md.append("## Downcall cost (`DowncallBench`)\n")
md.append("Tiny calls where the FFM transition dominates, OpenBLAS at 1 thread. *critical heap*: handle linked with "
          "`Linker.Option.critical(true)` and passed the Java arrays; *confined* / *shared*: plain handle on native "
          "segments of a confined / shared arena; *copy per call*: plain handle, heap data copied into a fresh confined "
          "arena every call; *bindings*: the same calls through the project's jextract-shaped bindings; *library blas*: `Linalg.dot/gemv(Path.BLAS)`, argument checks included; *Java simd*: "
          "the Vector API kernel, no downcall.\n")
body = []
for var, label in (("CriticalHeap", "critical heap"), ("Confined", "confined arena"), ("Shared", "shared arena"),
                   ("CopyPerCall", "copy per call"), ("BindingsCritical", "bindings `cblas_h_critical`, heap arrays"),
                   ("BindingsShared", "bindings `cblas_h`, shared arena"), ("LibraryBlas", "library blas"),
                   ("JavaSimd", "Java simd")):
    d, g = find("DowncallBench.sdot" + var), find("DowncallBench.sgemv" + var)
    if d or g:
        body.append([label, tr(d), tr(g)])
md.append(table(["variant", "sdot n=8", "sgemv 8×8"], body) if body else "_not measured_")
md.append("")

failed = [name for name in ("gemm", "gemv", "sigmoid", "softthreshold", "bernoulli", "downcall")
          if not glob.glob(os.path.join(raw, "jmh-%s*.json" % name))]
if failed:
    md.append("_Groups without results: %s (see the logs in bench/out/run/)._\n" % ", ".join(failed))

# Sections other scripts maintain in the same file (e.g. rbm-vs-peers.sh's <!-- rbm:begin --> … <!-- rbm:end -->)
# are kept, after ours.
kept = []
if os.path.exists(target):
    with open(target, encoding="utf-8") as f:
        kept = [m.group(0) for m in re.finditer(r"<!-- ([\w-]+):begin -->.*?<!-- \1:end -->", f.read(), flags=re.S)]
text = "\n".join(md).rstrip() + "\n"
if kept:
    text += "\n" + "\n\n".join(kept) + "\n"
with open(target, "w", encoding="utf-8") as f:
    f.write(text)
print("wrote", target)
