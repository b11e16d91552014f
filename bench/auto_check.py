#!/usr/bin/env python3
"""How close Path.AUTO comes to the faster path, per shape: a policy file against an independent measurement.

    bench/auto_check.py POLICY.properties DETAIL.tsv [LABEL]

DETAIL.tsv is what `latentj tune --detail` writes (op, threads, shape, work, simd_ns, blas_ns): run tune a second time
for it, so the policy is judged on timings it was not derived from. For every measured shape auto takes BLAS when
work >= the threshold for its op and thread count (never = SIMD), and the table shows auto's time over the faster
path's. Prints a Markdown table; the last line counts the shapes within 5%.
"""
import sys


def thresholds(path):
    t = {}
    for line in open(path):
        line = line.strip()
        if not line or line.startswith('#') or '=' not in line:
            continue
        k, v = line.split('=', 1)
        if '.threads' in k and not k.startswith('machine.'):
            t[k] = None if v.strip() == 'never' else int(v)
    return t


def main():
    policy, detail = sys.argv[1], sys.argv[2]
    label = sys.argv[3] if len(sys.argv) > 3 else policy
    t = thresholds(policy)
    rows = [l.rstrip('\n').split('\t') for l in open(detail)][1:]
    print(f"| op | threads | shape | simd µs | blas µs | auto ({label}) | auto / fastest |")
    print("|---|---|---|---|---|---|---|")
    within = total = 0
    worst = 1.0
    for op, threads, shape, work, simd, blas, _ in rows:
        key = f"{op}.threads{1 if threads == '1' else 2}"
        thr = t.get(key)
        simd, blas, work = float(simd), float(blas), int(work)
        pick = 'blas' if thr is not None and work >= thr else 'simd'
        ratio = (blas if pick == 'blas' else simd) / min(simd, blas)
        total += 1
        within += ratio <= 1.05
        worst = max(worst, ratio)
        print(f"| {op} | {threads} | {shape} | {simd / 1000:.2f} | {blas / 1000:.2f} | {pick} | {ratio:.3f} |")
    print(f"\n{within} of {total} shapes within 5% of the faster path; worst {worst:.3f}.")


if __name__ == '__main__':
    main()
