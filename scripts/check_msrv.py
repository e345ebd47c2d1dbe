#!/usr/bin/env python3
"""Fails when a locked dependency needs a newer Rust than our `rust-version`.

There is one toolchain on the machines, so the minimum supported Rust version cannot be tried;
this checks what can be checked without one: every package in Cargo.lock (normal, build and
dev dependencies, for every platform) declares its own `rust-version`, read here through
`cargo metadata --locked`, and none may exceed ours. Our own code's use of newer standard
library APIs is clippy's `incompatible_msrv` lint, which reads the same `rust-version`.

Usage: python3 scripts/check_msrv.py   (from anywhere in the repository; stdlib only)
"""

import json
import pathlib
import subprocess
import sys


def version(text):
    """'1.85' or '1.85.0' -> (1, 85, 0)."""
    parts = [int(p) for p in text.split(".")]
    return tuple(parts + [0] * (3 - len(parts)))


def main():
    root = pathlib.Path(__file__).resolve().parent.parent
    meta = json.loads(
        subprocess.run(
            ["cargo", "metadata", "--format-version", "1", "--locked"],
            cwd=root,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    ours = next(p for p in meta["packages"] if p["id"] == meta["resolve"]["root"])
    if not ours.get("rust_version"):
        sys.exit(f"{ours['manifest_path']}: no rust-version")
    msrv = version(ours["rust_version"])
    deps = [p for p in meta["packages"] if p["id"] != ours["id"]]
    newer = sorted(
        (version(p["rust_version"]), p["name"], p["version"])
        for p in deps
        if p.get("rust_version") and version(p["rust_version"]) > msrv
    )
    for need, name, ver in newer:
        print(f"{name} {ver} needs Rust {'.'.join(map(str, need))}, newer than our rust-version {ours['rust_version']}")
    if newer:
        sys.exit(1)
    declared = [version(p["rust_version"]) for p in deps if p.get("rust_version")]
    top = ".".join(map(str, max(declared))) if declared else "none"
    print(
        f"rust-version {ours['rust_version']}: {len(deps)} locked packages, "
        f"{len(declared)} declare one, the highest is {top}"
    )


if __name__ == "__main__":
    main()
