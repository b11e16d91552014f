#!/usr/bin/python3
"""scikit-learn's side of bench/ica-gmm-vs-sklearn.sh, on the same data as LatentJ's IcaGmmBench.

FastICA(n_components=20, algorithm='parallel', whiten='unit-variance', fun='logcosh' (alpha 1), tol=1e-4,
max_iter=200) on the first 10,000 Fashion-MNIST training images in [0, 1] (float32), and
GaussianMixture(n_components=10, covariance_type='diag', tol=1e-3, max_iter=100, reg_covar=1e-6,
init_params='kmeans') on the 10,000x50 PCA-reduced data LatentJ wrote (gmm-data.npy), each fitted `runs` times
after one warm-up fit. Thread count: set OPENBLAS_NUM_THREADS / OMP_NUM_THREADS before starting (the shell script
sets 2).

Answers compared with LatentJ's (read from OUT_DIR):
  * ica_amari: the Amari distance of P = W_latentj . A_sklearn (20x20) from a scaled permutation, in [0, 1];
  * ica_negentropy_*: the mean over components of (E[G(y)] - E[G(nu)])^2, G = log cosh, nu ~ N(0, 1), for the
    unit-variance sources of each (the objective FastICA maximises);
  * gmm_score: mean log-likelihood per row of the fitted mixture on its training data.

Prints one JSON line.  Usage: ica_gmm_peers.py OUT_DIR [--runs N] [--data DIR]
"""
import argparse, gzip, json, os, time

import numpy as np


def load_images(path, n):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    count, rows, cols = (int.from_bytes(raw[i:i + 4], "big") for i in (4, 8, 12))
    x = np.frombuffer(raw, dtype=np.uint8, offset=16).reshape(count, rows * cols)[:n]
    return x.astype(np.float32) / np.float32(255.0)


def amari(w, a):
    p = np.abs(np.asarray(w, np.float64) @ np.asarray(a, np.float64))
    k = p.shape[0]
    rows = (p.sum(axis=1) / p.max(axis=1) - 1).sum()
    cols = (p.sum(axis=0) / p.max(axis=0) - 1).sum()
    return float((rows + cols) / (2 * k * (k - 1)))


def gauss_logcosh():
    u = np.linspace(-12, 12, 200001)
    dens = np.exp(-u * u / 2) / np.sqrt(2 * np.pi)
    return float(np.trapz(np.log(np.cosh(u)) * dens, u))


def negentropy(sources):
    s = np.asarray(sources, np.float64)
    s = (s - s.mean(axis=0)) / s.std(axis=0)
    g = np.log(np.cosh(s)).mean(axis=0)
    return float(np.mean((g - gauss_logcosh()) ** 2))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    a = ap.parse_args()
    import sklearn
    from sklearn.decomposition import FastICA
    from sklearn.mixture import GaussianMixture

    x = load_images(os.path.join(a.data, "train-images-idx3-ubyte.gz"), 10000)

    def ica_fit():
        return FastICA(n_components=20, algorithm="parallel", whiten="unit-variance", fun="logcosh", fun_args={"alpha": 1.0},
                       tol=1e-4, max_iter=200, random_state=0).fit(x)

    ica_fit()  # warm-up, as LatentJ's side does
    ica_s = []
    for _ in range(a.runs):
        t0 = time.perf_counter()
        ica = ica_fit()
        ica_s.append(time.perf_counter() - t0)
    w_ours = np.load(os.path.join(a.out, "ica-unmixing.npy"))
    mean_ours = np.load(os.path.join(a.out, "ica-mean.npy")).reshape(-1)
    ours_sources = (x.astype(np.float64) - mean_ours) @ w_ours.T.astype(np.float64)

    z = np.load(os.path.join(a.out, "gmm-data.npy"))

    def gmm_fit():
        return GaussianMixture(n_components=10, covariance_type="diag", tol=1e-3, max_iter=100, reg_covar=1e-6,
                               init_params="kmeans", random_state=0).fit(z)

    gmm_fit()
    gmm_s = []
    for _ in range(a.runs):
        t0 = time.perf_counter()
        gm = gmm_fit()
        gmm_s.append(time.perf_counter() - t0)

    print(json.dumps({
        "peer": "sklearn", "version": sklearn.__version__, "numpy": np.__version__,
        "threads": os.environ.get("OPENBLAS_NUM_THREADS", "default"),
        "ica_s": ica_s, "ica_iterations": int(ica.n_iter_),
        "ica_amari": amari(w_ours, ica.mixing_),
        "ica_negentropy_sklearn": negentropy(ica.transform(x)), "ica_negentropy_latentj": negentropy(ours_sources),
        "gmm_s": gmm_s, "gmm_iterations": int(gm.n_iter_), "gmm_converged": bool(gm.converged_),
        "gmm_score": float(gm.score(z)),
    }), flush=True)


if __name__ == "__main__":
    main()
