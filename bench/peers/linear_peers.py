#!/usr/bin/python3
"""scikit-learn side of LatentJ's linear/sparse comparison (issue 6 part B), on the same Fashion-MNIST data.

Every fit is timed three times (after a small warm-up) and the median is reported; the answers of the last run are
written as raw little-endian float32 files into OUT (name.f32, shape in the JSON line) so that the Java side
(io.latentj.bench.LinearVsSklearn) can score them with the same formulas as its own answers.

Data, as the Java side builds it (pixels / 255 as float32):
  X60  = the 60,000 training images;  X10 = its first 10,000 rows
  D100 = training rows 50,000..50,099, each scaled to unit norm (the dictionary of the coder benchmarks)
  D1600 = training rows 40,000..41,599, unit norm (the threshold encoder)
  B    = test rows 0..999 (the batch the coders encode)

Tasks (one JSON object per line on stdout):
  pca_randomized  PCA(50, svd_solver='randomized', random_state=0) on X60
  pca_full        PCA(50, svd_solver='full') on X60
  pca_randomized_f64  the randomized fit on X60 as float64 (numpy's default for uint8 / 255.0): time only
  fa              FactorAnalysis(20, random_state=0) on X10 (defaults: tol 1e-2 on the total log-likelihood)
  dict            MiniBatchDictionaryLearning(100, alpha=0.1, max_iter=3, batch_size=256, fit_algorithm='cd',
                  random_state=0) on X10
  lasso           SparseCoder(D100, transform_algorithm='lasso_cd', transform_alpha=0.1).transform(B)
                  (lasso_cd divides alpha by n_features: the objective is 1/2 |x - D^T a|^2 + 0.1 |a|_1 per row)
  threshold       SparseCoder(D, 'threshold', transform_alpha=0.25) on B, per row, for D100 and D1600; and single-row
                  latency (p50/p99 over many calls) with D1600
  kmeans          MiniBatchKMeans(256, random_state=0, batch_size=1024, n_init=3) on X60 (1.2's defaults)

Usage: linear_peers.py OUT [--data DIR] [--only task,task] [--latency-calls N]
"""
import argparse, gzip, json, os, statistics, sys, time, warnings

import numpy as np

warnings.simplefilter("ignore")


def load_images(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    return np.frombuffer(raw, dtype=np.uint8, offset=16).reshape(-1, 784).astype(np.float32) / np.float32(255.0)


def unit_rows(a):
    return (a / np.linalg.norm(a, axis=1, keepdims=True)).astype(np.float32)


class Writer:
    def __init__(self, out):
        self.out = out

    def save(self, name, a):
        a = np.ascontiguousarray(np.asarray(a, dtype="<f4"))
        a.tofile(os.path.join(self.out, "lin-" + name + ".f32"))
        return {"file": "lin-" + name + ".f32", "shape": list(a.shape)}


def timed(make, runs=3):
    times, result = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = make()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), times, result


def emit(obj):
    print(json.dumps(obj), flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    ap.add_argument("--only", default="")
    ap.add_argument("--latency-calls", type=int, default=20000)
    a = ap.parse_args()
    only = set(filter(None, a.only.split(",")))
    want = lambda t: not only or t in only
    w = Writer(a.out)

    import sklearn
    from sklearn.decomposition import PCA, FactorAnalysis, MiniBatchDictionaryLearning, SparseCoder
    from sklearn.cluster import MiniBatchKMeans
    try:
        from threadpoolctl import threadpool_info
        blas = ";".join(f"{i.get('internal_api')} {i.get('version')} threads={i.get('num_threads')}" for i in threadpool_info())
    except Exception:  # threadpoolctl is optional
        blas = "?"
    emit({"task": "env", "sklearn": sklearn.__version__, "numpy": np.__version__, "python": sys.version.split()[0], "blas": blas,
          "load": ", ".join(f"{v:.2f}" for v in os.getloadavg())})

    x60 = load_images(os.path.join(a.data, "train-images-idx3-ubyte.gz"))
    test = load_images(os.path.join(a.data, "t10k-images-idx3-ubyte.gz"))
    x10 = x60[:10000]
    d100 = unit_rows(x60[50000:50100])
    d1600 = unit_rows(x60[40000:41600])
    batch = test[:1000]

    # warm-up: imports, allocator, BLAS threads
    PCA(5, svd_solver="randomized", random_state=0).fit(x10[:2000])
    PCA(5, svd_solver="full").fit(x10[:2000])

    if want("pca_randomized"):
        med, runs, m = timed(lambda: PCA(50, svd_solver="randomized", random_state=0).fit(x60))
        emit({"task": "pca_randomized", "seconds": med, "runs": runs, "components": w.save("pca_randomized_components", m.components_),
              "explained_variance": w.save("pca_randomized_ev", m.explained_variance_)})
    if want("pca_randomized_f64"):
        x64 = x60.astype(np.float64)
        PCA(5, svd_solver="randomized", random_state=0).fit(x64[:2000])
        med, runs, m = timed(lambda: PCA(50, svd_solver="randomized", random_state=0).fit(x64))
        emit({"task": "pca_randomized_f64", "seconds": med, "runs": runs})
        del x64
    if want("pca_full"):
        med, runs, m = timed(lambda: PCA(50, svd_solver="full").fit(x60))
        emit({"task": "pca_full", "seconds": med, "runs": runs, "components": w.save("pca_full_components", m.components_),
              "explained_variance": w.save("pca_full_ev", m.explained_variance_)})
    if want("fa"):
        FactorAnalysis(5, random_state=0, max_iter=3).fit(x10[:1000])
        med, runs, m = timed(lambda: FactorAnalysis(20, random_state=0).fit(x10))
        emit({"task": "fa", "seconds": med, "runs": runs, "iterations": int(m.n_iter_), "score": float(m.score(x10)),
              "loadings": w.save("fa_loadings", m.components_), "mean": w.save("fa_mean", m.mean_),
              "noise_variance": w.save("fa_noise", m.noise_variance_)})
    if want("dict"):
        MiniBatchDictionaryLearning(20, alpha=0.1, max_iter=1, batch_size=256, fit_algorithm="cd", random_state=0).fit(x10[:1000])
        med, runs, m = timed(lambda: MiniBatchDictionaryLearning(100, alpha=0.1, max_iter=3, batch_size=256, fit_algorithm="cd",
                                                                 random_state=0).fit(x10))
        emit({"task": "dict", "seconds": med, "runs": runs, "steps": int(m.n_steps_), "epochs": float(m.n_iter_),
              "dictionary": w.save("dict_atoms", m.components_)})
    if want("lasso"):
        coder = SparseCoder(d100, transform_algorithm="lasso_cd", transform_alpha=0.1)
        coder.transform(batch[:50])
        med, runs, codes = timed(lambda: coder.transform(batch))
        emit({"task": "lasso", "seconds": med, "runs": runs, "rows": len(batch), "per_row_ms": med / len(batch) * 1e3,
              "codes": w.save("lasso_codes", codes)})
    if want("threshold"):
        for name, d in (("d100", d100), ("d1600", d1600)):
            coder = SparseCoder(d, transform_algorithm="threshold", transform_alpha=0.25)
            coder.transform(batch)
            med, runs, codes = timed(lambda: coder.transform(batch), runs=5)
            emit({"task": "threshold_batch", "atoms": d.shape[0], "seconds": med, "rows": len(batch),
                  "per_row_us": med / len(batch) * 1e6})
        coder = SparseCoder(d1600, transform_algorithm="threshold", transform_alpha=0.25)
        for i in range(2000):
            coder.transform(batch[i % len(batch)][None, :])
        lat = []
        for i in range(a.latency_calls):
            r = batch[i % len(batch)][None, :]
            t0 = time.perf_counter_ns()
            coder.transform(r)
            lat.append(time.perf_counter_ns() - t0)
        lat = np.sort(np.asarray(lat, dtype=np.float64)) / 1000.0
        # the same thing with numpy alone: the lower bound of any Python encoder of one row
        dt = np.ascontiguousarray(d1600.T)
        raw = []
        for i in range(a.latency_calls):
            r = batch[i % len(batch)][None, :]
            t0 = time.perf_counter_ns()
            np.maximum(r @ dt - 0.25, 0)
            raw.append(time.perf_counter_ns() - t0)
        raw = np.sort(np.asarray(raw, dtype=np.float64)) / 1000.0
        emit({"task": "threshold_latency", "atoms": 1600, "calls": a.latency_calls,
              "p50_us": float(np.percentile(lat, 50)), "p99_us": float(np.percentile(lat, 99)),
              "numpy_p50_us": float(np.percentile(raw, 50)), "numpy_p99_us": float(np.percentile(raw, 99))})
    if want("kmeans"):
        MiniBatchKMeans(8, random_state=0, batch_size=1024, n_init=3).fit(x10[:3000])
        med, runs, m = timed(lambda: MiniBatchKMeans(256, random_state=0, batch_size=1024, n_init=3).fit(x60))
        emit({"task": "kmeans", "seconds": med, "runs": runs, "inertia": float(m.inertia_), "steps": int(m.n_steps_),
              "centroids": w.save("kmeans_centroids", m.cluster_centers_)})

    emit({"task": "end", "load": ", ".join(f"{v:.2f}" for v in os.getloadavg())})


if __name__ == "__main__":
    main()
