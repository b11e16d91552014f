#!/usr/bin/python3
"""PyTorch peer for LatentJ's autoencoder benchmark, on the same Fashion-MNIST data on the same machine.

Prints one JSON object per line: {"peer": "torch", "tied": ..., "config": ..., "threads": ..., "epoch_s": ...}

The model is LatentJ's AutoencoderBench written plainly in PyTorch: x in [0, 1] (60,000 images, float32), masking
noise (each input zeroed with probability 0.3), h = sigmoid(x~ W^T + b), y = sigmoid(h W + c) (tied) or
sigmoid(h V^T + c) (untied), loss = mean over rows of 0.5 ||y - x||^2, gradients by autograd, torch.optim.Adam
(lr 0.001), batch 100, rows shuffled each epoch. Weights N(0, 2/(784 + 256)), biases 0.

Threading is tuned fairly: each setting runs in its own child process (OpenMP variables must be set before torch
loads): one intra-op thread, and two threads with OMP_WAIT_POLICY=PASSIVE (on 2 cores libgomp's default spinning
makes PyTorch several times slower). The report takes the faster.

Usage: autoencoder_peers.py [--data DIR] [--epochs N] [--tied true|false|both]
"""
import argparse, gzip, json, os, subprocess, sys, time

import numpy as np


def load_images(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    n, rows, cols = (int.from_bytes(raw[i:i + 4], "big") for i in (4, 8, 12))
    return np.frombuffer(raw, dtype=np.uint8, offset=16).reshape(n, rows * cols).astype(np.float32) / 255.0


def torch_child(data_dir, epochs, tied, label):
    import torch
    x = torch.from_numpy(load_images(os.path.join(data_dir, "train-images-idx3-ubyte.gz")))
    g = torch.Generator().manual_seed(0)
    nv, nh, bs, lr, noise = 784, 256, 100, 0.001, 0.3
    std = (2.0 / (nv + nh)) ** 0.5
    w = (torch.randn(nh, nv, generator=g) * std).requires_grad_()
    b = torch.zeros(nh, requires_grad=True)
    c = torch.zeros(nv, requires_grad=True)
    params = [w, b, c]
    if not tied:
        v = (torch.randn(nv, nh, generator=g) * std).requires_grad_()
        params.append(v)
    opt = torch.optim.Adam(params, lr=lr)

    def epoch():
        perm = torch.randperm(x.shape[0], generator=g)
        for i in range(0, x.shape[0], bs):
            x0 = x[perm[i:i + bs]]
            keep = (torch.rand(x0.shape, generator=g) >= noise).float()
            h = torch.sigmoid(torch.nn.functional.linear(x0 * keep, w, b))
            y = torch.sigmoid(torch.nn.functional.linear(h, w.t() if tied else v, c))
            loss = 0.5 * ((y - x0) ** 2).sum() / x0.shape[0]
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        return float(loss)

    epoch()  # warm-up: allocator, kernels
    times = []
    for _ in range(epochs):
        t0 = time.perf_counter()
        last = epoch()
        times.append(time.perf_counter() - t0)
    print(json.dumps({"peer": "torch", "version": torch.__version__, "tied": tied, "config": label,
                      "threads": torch.get_num_threads(), "epoch_s": min(times), "epoch_runs": times,
                      "last_loss": last}), flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.environ.get("LATENTJ_FASHION_DIR", "/usr/share/datasets/fashion-mnist"))
    ap.add_argument("--epochs", type=int, default=2, help="epochs timed per setting after one warm-up epoch (the best is reported)")
    ap.add_argument("--tied", choices=["true", "false", "both"], default="both")
    ap.add_argument("--torch-child", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.torch_child:
        import torch
        threads = int(os.environ.get("LATENTJ_TORCH_THREADS", "0"))
        if threads:
            torch.set_num_threads(threads)
        torch_child(a.data, a.epochs, a.tied == "true", a.torch_child)
        return
    settings = [
        ("1 intra-op thread", {"LATENTJ_TORCH_THREADS": "1", "OMP_NUM_THREADS": "1"}),
        ("2 threads, OMP_WAIT_POLICY=PASSIVE", {"LATENTJ_TORCH_THREADS": "2", "OMP_NUM_THREADS": "2", "OMP_WAIT_POLICY": "PASSIVE"}),
    ]
    for tied in (["true", "false"] if a.tied == "both" else [a.tied]):
        for label, env in settings:
            e = dict(os.environ)
            e.update(env)
            subprocess.run([sys.executable, __file__, "--torch-child", label, "--data", a.data, "--epochs", str(a.epochs),
                            "--tied", tied], env=e, check=True)


if __name__ == "__main__":
    main()
