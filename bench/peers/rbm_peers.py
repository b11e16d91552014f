#!/usr/bin/python3
"""Peers for LatentJ's RBM benchmark, on the same Fashion-MNIST data on the same machine.

Prints one JSON object per line:
  {"peer": "sklearn", "config": ..., "epoch_s": ..., "p50_us": ..., "p99_us": ...}
  {"peer": "torch", ...}

scikit-learn: BernoulliRBM(n_components=256, batch_size=100, learning_rate=0.05, n_iter=1) fitted on all 60,000
training images scaled to [0, 1]; epoch time = that fit. One-row latency: rbm.transform(x[None]) over many calls.

PyTorch: the same CD-1 model written plainly (h0 = sigmoid(v W^T + c), h0 sampled, v1 = sigmoid(h W + b),
h1 = sigmoid(v1 W^T + c), W += lr (h0^T v0 - h1^T v1) / batch, biases likewise), float32, batch 100,
shuffled each epoch. Run in a child process per threading setting (OMP variables must be set before torch
loads): one intra-op thread, and two threads with OMP_WAIT_POLICY=PASSIVE; on 2 cores libgomp's default
spinning makes PyTorch 3-4x slower, so the default is reported too but is not the best setting.
One-row latency: torch.sigmoid(x @ W.T + c) under no_grad for a single row.

Usage: rbm_peers.py [--data DIR] [--epochs N] [--latency-calls N] [--only sklearn|torch]
"""
import argparse, gzip, json, os, subprocess, sys, time

import numpy as np


def load_images(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    n, rows, cols = (int.from_bytes(raw[i:i + 4], "big") for i in (4, 8, 12))
    return np.frombuffer(raw, dtype=np.uint8, offset=16).reshape(n, rows * cols).astype(np.float32) / 255.0


def percentiles(times_ns):
    t = np.sort(np.asarray(times_ns, dtype=np.float64)) / 1000.0
    return float(np.percentile(t, 50)), float(np.percentile(t, 99))


def run_sklearn(x, calls, epochs):
    from sklearn.neural_network import BernoulliRBM
    import sklearn
    rbm = BernoulliRBM(n_components=256, batch_size=100, learning_rate=0.05, n_iter=1, random_state=0)
    times = []
    rbm.fit(x[:2000])  # warm-up (imports, allocation)
    for _ in range(epochs):
        rbm = BernoulliRBM(n_components=256, batch_size=100, learning_rate=0.05, n_iter=1, random_state=0)
        t0 = time.perf_counter()
        rbm.fit(x)
        times.append(time.perf_counter() - t0)
    row = x[:1]
    for _ in range(2000):
        rbm.transform(row)
    lat = []
    for i in range(calls):
        r = x[i % len(x)][None, :]
        t0 = time.perf_counter_ns()
        rbm.transform(r)
        lat.append(time.perf_counter_ns() - t0)
    p50, p99 = percentiles(lat)
    print(json.dumps({"peer": "sklearn", "version": sklearn.__version__, "config": "BernoulliRBM n_iter=1",
                      "epoch_s": min(times), "epoch_runs": times, "p50_us": p50, "p99_us": p99}), flush=True)


def torch_child(data_dir, calls, epochs, label):
    import torch
    x = torch.from_numpy(load_images(os.path.join(data_dir, "train-images-idx3-ubyte.gz")))
    g = torch.Generator().manual_seed(0)
    nv, nh, bs, lr = 784, 256, 100, 0.05
    w = torch.randn(nh, nv, generator=g) * 0.01
    b = torch.zeros(nv)
    c = torch.zeros(nh)

    def epoch():
        perm = torch.randperm(x.shape[0], generator=g)
        for i in range(0, x.shape[0], bs):
            v0 = x[perm[i:i + bs]]
            ph0 = torch.sigmoid(v0 @ w.T + c)
            h0 = (torch.rand(ph0.shape, generator=g) < ph0).float()
            pv1 = torch.sigmoid(h0 @ w + b)
            ph1 = torch.sigmoid(pv1 @ w.T + c)
            w.add_((ph0.T @ v0 - ph1.T @ pv1), alpha=lr / v0.shape[0])
            b.add_((v0 - pv1).mean(0), alpha=lr)
            c.add_((ph0 - ph1).mean(0), alpha=lr)

    with torch.no_grad():
        times = []
        for _ in range(epochs):
            t0 = time.perf_counter()
            epoch()
            times.append(time.perf_counter() - t0)
        row = x[:1]
        for _ in range(2000):
            torch.sigmoid(row @ w.T + c)
        lat = []
        for i in range(calls):
            r = x[i % x.shape[0]].unsqueeze(0)
            t0 = time.perf_counter_ns()
            torch.sigmoid(r @ w.T + c)
            lat.append(time.perf_counter_ns() - t0)
    p50, p99 = percentiles(lat)
    print(json.dumps({"peer": "torch", "version": torch.__version__, "config": label,
                      "threads": torch.get_num_threads(), "epoch_s": min(times), "epoch_runs": times,
                      "p50_us": p50, "p99_us": p99}), flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.environ.get("LATENTJ_FASHION_DIR", "/usr/share/datasets/fashion-mnist"))
    ap.add_argument("--epochs", type=int, default=2, help="epochs timed per peer (the best is reported)")
    ap.add_argument("--latency-calls", type=int, default=100000)
    ap.add_argument("--only", choices=["sklearn", "torch"])
    ap.add_argument("--torch-child", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.torch_child:
        import torch
        threads = int(os.environ.get("LATENTJ_TORCH_THREADS", "0"))
        if threads:
            torch.set_num_threads(threads)
        torch_child(a.data, a.latency_calls, a.epochs, a.torch_child)
        return
    if a.only in (None, "sklearn"):
        x = load_images(os.path.join(a.data, "train-images-idx3-ubyte.gz"))
        run_sklearn(x, a.latency_calls, a.epochs)
    if a.only in (None, "torch"):
        settings = [
            ("1 intra-op thread", {"LATENTJ_TORCH_THREADS": "1", "OMP_NUM_THREADS": "1"}),
            ("2 threads, OMP_WAIT_POLICY=PASSIVE", {"LATENTJ_TORCH_THREADS": "2", "OMP_NUM_THREADS": "2", "OMP_WAIT_POLICY": "PASSIVE"}),
            ("2 threads, default OpenMP spinning", {"LATENTJ_TORCH_THREADS": "2", "OMP_NUM_THREADS": "2"}),
        ]
        for label, env in settings:
            e = dict(os.environ)
            e.update(env)
            subprocess.run([sys.executable, __file__, "--torch-child", label, "--data", a.data,
                            "--epochs", str(a.epochs), "--latency-calls", str(a.latency_calls)], env=e, check=True)


if __name__ == "__main__":
    main()
