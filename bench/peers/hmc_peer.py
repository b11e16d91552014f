#!/usr/bin/python3
"""PyTorch peer of HmcBench: the same HMC transition (10 leapfrog steps, analytic gradient of the Student-t PoE
energy, Metropolis test) on 100 chains, 784 dimensions, 784 experts, float32, CPU, 1 and 2 threads.
Prints one JSON line per thread count: {"peer": "torch", "threads": t, "ms_per_transition": …}."""
import json, time
import torch

D, CHAINS, L, EPS = 784, 100, 10, 0.05


def grad_energy(x, w, a):
    u = x @ w.t()
    e = (a * torch.log1p(0.5 * u * u)).sum(1)
    g = (a * u / (1 + 0.5 * u * u)) @ w
    return g, e


def transition(x, w, a):
    p = torch.randn_like(x)
    x0 = x.clone()
    g, e0 = grad_energy(x, w, a)
    h0 = e0 + 0.5 * (p * p).sum(1)
    p = p - 0.5 * EPS * g
    for l in range(1, L + 1):
        x = x + EPS * p
        g, e = grad_energy(x, w, a)
        p = p - (0.5 if l == L else 1.0) * EPS * g
    h1 = e + 0.5 * (p * p).sum(1)
    accept = torch.rand(x.shape[0]) < torch.exp(h0 - h1)
    return torch.where(accept[:, None], x, x0)


for threads in (1, 2):
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    w = torch.randn(784, D) / D ** 0.5
    a = torch.full((784,), 1.5)
    x = torch.randn(CHAINS, D)
    with torch.no_grad():
        for _ in range(20):
            x = transition(x, w, a)
        n, t0 = 0, time.perf_counter()
        while time.perf_counter() - t0 < 5:
            x = transition(x, w, a)
            n += 1
        ms = (time.perf_counter() - t0) * 1000 / n
    print(json.dumps({"peer": "torch", "version": torch.__version__, "threads": threads, "ms_per_transition": ms}))
