#!/usr/bin/env python3
"""Turns a JMH JSON result of the eos kernel suite into markdown tables (Python 3 standard library only).

    python3 benchmarks/table.py results/<stamp>.json [--info results/<stamp>.txt]

One table per kernel family; one row per kernel and size; per implementation (our scalar twin, our vector kernels,
the reference BLAS, the plain loop) the time per call and the rate: GB/s for the memory-bound kernels (bandwidth,
dot, axpy, gemv: bytes of the operands read or written once per call), GFLOP/s for gemm (2 m n k flops). The
ratios are speed-ups of the vector kernels: time(other) / time(vector), so > 1 means ours is faster.

The time per call is, by default, the best measurement iteration (--stat min): on a machine shared with other jobs
an iteration's mean includes the time the benchmark was descheduled, and the least disturbed iteration is the best
estimate of the kernel's own speed. --stat median or mean use the other statistics of the same iterations.
"""
import argparse
import json
import sys

IMPLS = ["scalar", "vector", "blas", "plain"]
LEVEL_BYTES = {"L2": 512 << 10, "L3": 8 << 20, "DRAM": 128 << 20}


def shape(params):
    """(m, n) of a gemv shape "n" or "mxn"."""
    parts = params["shape"].split("x")
    m = int(parts[0])
    return m, (int(parts[1]) if len(parts) > 1 else m)


def work(bench, params):
    """(family, kernel, size label, sort key, bytes per call, flops per call) of one benchmark."""
    cls, method = bench.split(".")[-2:]
    if cls == "BandwidthBenchmark":
        level = params["level"]
        return ("bandwidth", method, level, list(LEVEL_BYTES).index(level), LEVEL_BYTES[level], 0)
    if cls in ("DotBenchmark", "AxpyBenchmark"):
        n = int(params["n"])
        return ("level 1", method, str(n), n, (16 if method == "dot" else 24) * n, 2 * n)
    if cls == "GemvBenchmark":
        m, n = shape(params)
        label = params["shape"] if "x" in params["shape"] else f"{n}x{n}"
        return ("level 2", method, label, (m * n, m), 8 * (m * n + m + n), 2 * m * n)
    if cls == "GemmBenchmark":
        n = int(params["n"])
        return ("level 3", "gemm " + params["form"], str(n), n, 24 * n * n, 2 * n ** 3)
    return ("other", cls + "." + method, json.dumps(params), 0, 0, 0)


def statistic(metric, stat):
    """The chosen statistic of all measurement iterations (every fork) of one benchmark, in ns/op."""
    raw = sorted(x for fork in metric.get("rawData", [[metric["score"]]]) for x in fork)
    if stat == "min":
        return raw[0]
    if stat == "median":
        return raw[len(raw) // 2]
    return sum(raw) / len(raw)


def fmt(x, digits=3):
    if x is None:
        return ""
    if x >= 100:
        return f"{x:,.0f}"
    return f"{x:.{digits}g}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("json")
    ap.add_argument("--info", help="the run's .txt file (machine, BLAS), quoted above the tables")
    ap.add_argument("--stat", choices=["min", "median", "mean"], default="min",
                    help="statistic over the measurement iterations (default: min, the least disturbed)")
    args = ap.parse_args()
    with open(args.json) as f:
        results = json.load(f)

    rows = {}  # (family, kernel, label) -> {"key":..., "bytes":..., "flops":..., impl: ns}
    for r in results:
        params = dict(r.get("params", {}))
        impl = params.pop("impl", "vector")
        metric = r["primaryMetric"]
        if metric["scoreUnit"] != "ns/op":
            sys.exit(f"unexpected unit {metric['scoreUnit']} in {r['benchmark']}")
        family, kernel, label, key, nbytes, flops = work(r["benchmark"], params)
        row = rows.setdefault((family, kernel, label), {"key": key, "bytes": nbytes, "flops": flops})
        row[impl] = statistic(metric, args.stat)

    if args.info:
        with open(args.info) as f:
            print("```")
            print(f.read().rstrip())
            print("```")
            print()
    iterations = max(sum(len(f) for f in r["primaryMetric"].get("rawData", [[0]])) for r in results)
    print(f"Time per call: the {args.stat} over each benchmark's measurement iterations (up to {iterations}).")
    print()

    for family in ["bandwidth", "level 1", "level 2", "level 3", "other"]:
        keys = sorted((k for k in rows if k[0] == family), key=lambda k: (k[1], rows[k]["key"]))
        if not keys:
            continue
        impls = [i for i in IMPLS if any(i in rows[k] for k in keys)]
        rate = "GFLOP/s" if family == "level 3" else "GB/s"
        head = ["kernel", "size"] + [f"{i} ns/op" for i in impls] + [f"{i} {rate}" for i in impls]
        if family in ("level 1", "level 2"):
            head.append("vector GFLOP/s")
        ratios = [i for i in impls if i != "vector"] if "vector" in impls else []
        head += [f"vector/{i}" for i in ratios]
        print(f"### {family}")
        print()
        print("| " + " | ".join(head) + " |")
        print("|" + "|".join("---" if h in ("kernel", "size") else "---:" for h in head) + "|")
        for k in keys:
            row = rows[k]
            cells = [k[1], k[2]]
            cells += [fmt(row.get(i)) for i in impls]
            for i in impls:
                ns = row.get(i)
                amount = row["flops"] if rate == "GFLOP/s" else row["bytes"]
                cells.append(fmt(amount / ns) if ns else "")
            if family in ("level 1", "level 2"):
                cells.append(fmt(row["flops"] / row["vector"]) if row.get("vector") else "")
            for i in ratios:
                v, o = row.get("vector"), row.get(i)
                cells.append(f"{o / v:.2f}x" if v and o else "")
            print("| " + " | ".join(cells) + " |")
        print()


if __name__ == "__main__":
    main()
