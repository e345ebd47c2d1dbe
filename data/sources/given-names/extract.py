#!/usr/bin/env python3
"""Extract given_names.tsv from nam_dict.txt (gender-guesser 0.4.0 on PyPI; Jörg Michael's name dictionary).

Usage: python3 extract.py PATH/TO/nam_dict.txt > given_names.tsv

Keeps plain Latin names (no '+' expansion lines) that are at least somewhat common (frequency >= 1 on the
dictionary's 1..13 scale) in the Arabia/Persia, Turkey or Israel columns, or common (>= 4) in Great Britain
or the U.S.A. Output: name, gender code (M, F, ?, 1M, ...), and the frequencies in the columns
GB, US, TR, AR (Arabia/Persia), IL as hexadecimal digits ('' when absent). Sorted, deterministic.
"""
import sys

COLS = {"GB": 30, "US": 32, "TR": 76, "AR": 77, "IL": 78}


def freq(line, col):
    c = line[col] if len(line) > col else " "
    return int(c, 16) if c.strip() else 0


def main(path):
    rows = {}
    with open(path, encoding="iso-8859-1") as f:
        for line in f:
            if line.startswith("#") or len(line) < 80 or line[29] == "+":
                continue
            gender, name = line[:2].strip(), line[3:29].strip()
            if not name or not name.isascii() or not name.replace("-", "").replace("'", "").isalpha():
                continue
            fr = {k: freq(line, c) for k, c in COLS.items()}
            if max(fr["AR"], fr["TR"], fr["IL"]) >= 1 or max(fr["GB"], fr["US"]) >= 4:
                key = (name, gender)
                rows[key] = [name, gender] + ["%X" % fr[k] if fr[k] else "" for k in COLS]
    print("\t".join(["name", "gender"] + list(COLS)))
    for key in sorted(rows):
        print("\t".join(rows[key]))


if __name__ == "__main__":
    main(sys.argv[1])
