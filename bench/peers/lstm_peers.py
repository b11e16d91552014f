#!/usr/bin/python3
"""PyTorch peer for LatentJ's LSTM benchmark (bench/lstm-vs-torch.sh), on the same Fashion-MNIST data.

The same model and training as io.latentj.bench.LstmFashion: torch.nn.LSTM(28, 128, batch_first=True) reads each image
as 28 steps of 28 pixels (rows, scaled to [0, 1]); nn.Linear(128, 10) on the last hidden state; cross-entropy; Adam with
learning rate 0.001; minibatches of 100, shuffled each epoch; float32 on the CPU. Epoch time covers the whole loop
(forward, backward, update). Each threading setting runs in its own child process (OMP variables must be set before
torch loads): one intra-op thread, and two threads with OMP_WAIT_POLICY=PASSIVE (on 2 cores libgomp's default
spinning is much slower). Prints one JSON object per line and setting:
  {"peer": "torch", "config": ..., "epoch_s": best epoch, "epoch_runs": [...], "test_accuracy": ..., "epochs": N}

Usage: lstm_peers.py [--data DIR] [--epochs N] [--only 1|2]
"""
import argparse, gzip, json, os, subprocess, sys, time

import numpy as np


def load(path, images):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    if images:
        n = int.from_bytes(raw[4:8], "big")
        return np.frombuffer(raw, dtype=np.uint8, offset=16).reshape(n, 28, 28).astype(np.float32) / 255.0
    return np.frombuffer(raw, dtype=np.uint8, offset=8).astype(np.int64)


def child(data_dir, epochs, label):
    import torch
    torch.manual_seed(1)
    xtr = torch.from_numpy(load(os.path.join(data_dir, "train-images-idx3-ubyte.gz"), True))
    ytr = torch.from_numpy(load(os.path.join(data_dir, "train-labels-idx1-ubyte.gz"), False))
    xte = torch.from_numpy(load(os.path.join(data_dir, "t10k-images-idx3-ubyte.gz"), True))
    yte = torch.from_numpy(load(os.path.join(data_dir, "t10k-labels-idx1-ubyte.gz"), False))

    class Net(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.lstm = torch.nn.LSTM(28, 128, batch_first=True)
            self.out = torch.nn.Linear(128, 10)

        def forward(self, x):
            _, (h, _) = self.lstm(x)
            return self.out(h[-1])

    net = Net()
    opt = torch.optim.Adam(net.parameters(), lr=0.001)
    lossf = torch.nn.CrossEntropyLoss()
    bs = 100
    times = []
    for _ in range(epochs):
        t0 = time.perf_counter()
        perm = torch.randperm(xtr.shape[0])
        for i in range(0, xtr.shape[0], bs):
            idx = perm[i:i + bs]
            opt.zero_grad()
            loss = lossf(net(xtr[idx]), ytr[idx])
            loss.backward()
            opt.step()
        times.append(time.perf_counter() - t0)
        print(f"torch {label}: epoch {len(times)} {times[-1]:.2f} s, loss {loss.item():.4f}", file=sys.stderr, flush=True)
    with torch.no_grad():
        acc = float((net(xte).argmax(1) == yte).float().mean())
    print(json.dumps({"peer": "torch", "version": torch.__version__, "config": label, "epoch_s": min(times), "epoch_runs": times,
                      "test_accuracy": acc, "epochs": epochs}), flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.environ.get("LATENTJ_FASHION_DIR", "/usr/share/datasets/fashion-mnist"))
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--only", choices=["1", "2"])
    ap.add_argument("--child", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        import torch
        torch.set_num_threads(int(a.child))
        child(a.data, a.epochs, "1 intra-op thread" if a.child == "1" else "2 threads, OMP_WAIT_POLICY=PASSIVE")
        return
    settings = {"1": {"OMP_NUM_THREADS": "1"}, "2": {"OMP_NUM_THREADS": "2", "OMP_WAIT_POLICY": "PASSIVE"}}
    for threads, env in settings.items():
        if a.only and a.only != threads:
            continue
        subprocess.run([sys.executable, __file__, "--data", a.data, "--epochs", str(a.epochs), "--child", threads],
                       env={**os.environ, **env}, check=True)


if __name__ == "__main__":
    main()
