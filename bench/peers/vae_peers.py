#!/usr/bin/python3
"""PyTorch peer for LatentJ's VAE benchmark (issue 8), on the same Fashion-MNIST data on the same machine.

The model is the usual PyTorch VAE written plainly: fc1 784->400 ReLU, fc21/fc22 400->20 (mu, log sigma^2),
reparameterisation z = mu + exp(logvar/2) * eps, fc3 20->400 ReLU, fc4 400->784 logits; loss per batch
BCE-with-logits(sum) + KL(sum) over grey-level targets in [0, 1]; Adam lr 1e-3, batch 100, shuffled each epoch,
float32. Each threading setting runs in a child process (OMP variables must be set before torch loads): one
intra-op thread, and two threads with OMP_WAIT_POLICY=PASSIVE.

After the last epoch: the test-set ELBO (one z per image, analytic KL, nats per image) as LatentJ reports it.
Prints one JSON object per line: {"peer": "torch", "config": ..., "epoch_s": best, "epoch_runs": [...], "test_elbo": ...}

Usage: vae_peers.py [--data DIR] [--epochs N]
"""
import argparse, gzip, json, os, subprocess, sys, time

import numpy as np


def load_images(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    n, rows, cols = (int.from_bytes(raw[i:i + 4], "big") for i in (4, 8, 12))
    return np.frombuffer(raw, dtype=np.uint8, offset=16).reshape(n, rows * cols).astype(np.float32) / 255.0


def child(data_dir, epochs, label):
    import torch
    import torch.nn.functional as F
    torch.manual_seed(0)
    x = torch.from_numpy(load_images(os.path.join(data_dir, "train-images-idx3-ubyte.gz")))
    xt = torch.from_numpy(load_images(os.path.join(data_dir, "t10k-images-idx3-ubyte.gz")))

    class Vae(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.fc1 = torch.nn.Linear(784, 400)
            self.fc21 = torch.nn.Linear(400, 20)
            self.fc22 = torch.nn.Linear(400, 20)
            self.fc3 = torch.nn.Linear(20, 400)
            self.fc4 = torch.nn.Linear(400, 784)

        def forward(self, v):
            h = F.relu(self.fc1(v))
            mu, logvar = self.fc21(h), self.fc22(h)
            z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
            return self.fc4(F.relu(self.fc3(z))), mu, logvar

    def loss_fn(logits, v, mu, logvar):
        bce = F.binary_cross_entropy_with_logits(logits, v, reduction="sum")
        kl = 0.5 * torch.sum(mu.pow(2) + logvar.exp() - 1 - logvar)
        return bce + kl

    model = Vae()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    bs = 100
    times = []
    for _ in range(epochs):
        t0 = time.perf_counter()
        perm = torch.randperm(x.shape[0])
        for i in range(0, x.shape[0], bs):
            v = x[perm[i:i + bs]]
            opt.zero_grad(set_to_none=True)
            logits, mu, logvar = model(v)
            loss = loss_fn(logits, v, mu, logvar)
            loss.backward()
            opt.step()
        times.append(time.perf_counter() - t0)
        print(f"torch {label}: epoch {len(times)} {times[-1]:.2f} s", file=sys.stderr, flush=True)
    with torch.no_grad():
        total = 0.0
        for i in range(0, xt.shape[0], 1000):
            v = xt[i:i + 1000]
            logits, mu, logvar = model(v)
            total += loss_fn(logits, v, mu, logvar).item()
    print(json.dumps({"peer": "torch", "version": torch.__version__, "config": label, "threads": torch.get_num_threads(),
                      "epochs": epochs, "epoch_s": min(times), "epoch_runs": times, "test_elbo": -total / xt.shape[0]}), flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.environ.get("LATENTJ_FASHION_DIR", "/usr/share/datasets/fashion-mnist"))
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        import torch
        threads = int(os.environ.get("LATENTJ_TORCH_THREADS", "0"))
        if threads:
            torch.set_num_threads(threads)
        child(a.data, a.epochs, a.child)
        return
    settings = [
        ("1 intra-op thread", {"LATENTJ_TORCH_THREADS": "1", "OMP_NUM_THREADS": "1"}),
        ("2 threads, OMP_WAIT_POLICY=PASSIVE", {"LATENTJ_TORCH_THREADS": "2", "OMP_NUM_THREADS": "2", "OMP_WAIT_POLICY": "PASSIVE"}),
    ]
    for label, env in settings:
        e = dict(os.environ)
        e.update(env)
        subprocess.run([sys.executable, __file__, "--child", label, "--data", a.data, "--epochs", str(a.epochs)], env=e, check=True)


if __name__ == "__main__":
    main()
