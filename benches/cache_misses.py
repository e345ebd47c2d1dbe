#!/usr/bin/env python3
"""Functions of a cachegrind run, by data reads that miss its last level.

On this project's machines the L2 is 1 MB a core, and the misses that cost wall time are the
ones that leave it; instruction counts do not show them. Simulate that level and list the
functions that miss it most:

    valgrind --tool=cachegrind --cache-sim=yes --D1=32768,8,64 --LL=1048576,16,64 \\
        --cachegrind-out-file=FILE target/release/claimex batch -q -j1 DIR >/dev/null
    python3 benches/cache_misses.py FILE [N]

Columns: DLmr (reads missing the last level), its share, D1mr (first-level read misses), Ir
(instructions) and DLmw (writes missing the last level), per function, top N (default 25).
"""
import collections
import sys


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    path, top = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 25
    events, fn, totals = None, None, collections.defaultdict(lambda: None)
    with open(path) as f:
        for n, line in enumerate(f, 1):
            if line.startswith("events:"):
                events = line.split()[1:]
            elif line.startswith("fn="):
                fn = line[3:].strip()
            elif line[:1].isdigit():
                if events is None or fn is None:
                    sys.exit(f"{path}:{n}: a cost line before the events and function lines")
                costs = [int(x) for x in line.split()[1:]]
                t = totals[fn] or [0] * len(events)
                for i, x in enumerate(costs):
                    t[i] += x
                totals[fn] = t
    if events is None or "DLmr" not in events:
        sys.exit(f"{path}: no DLmr column: run cachegrind with --cache-sim=yes")
    col = {e: i for i, e in enumerate(events)}
    dlmr = col["DLmr"]
    total = sum(t[dlmr] for t in totals.values()) or 1
    print(f"total DLmr {total:,}  DLmw {sum(t[col['DLmw']] for t in totals.values()):,}")
    for fn, t in sorted(totals.items(), key=lambda kv: (-kv[1][dlmr], kv[0]))[:top]:
        print(
            f"{t[dlmr]:>10,} {100 * t[dlmr] / total:5.1f}%  D1mr {t[col['D1mr']]:>10,}"
            f"  Ir {t[col['Ir']]:>13,}  DLmw {t[col['DLmw']]:>9,}  {fn}"
        )


if __name__ == "__main__":
    main()
