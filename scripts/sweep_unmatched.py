#!/usr/bin/env python3
"""Rank the capitalised n-grams that no gazetteer mention covers, by frequency, over a folder of articles.

Usage (from the repo root):
    python3 scripts/sweep_unmatched.py [DIR] [--top N] [--min-count K] [--claimex BIN] [--gazetteers DIR]

DIR defaults to ../shared/data/fakes-syria-news/articles. The script runs the real matcher
(`cargo run --release -q -- batch DIR -q`, or BIN when given) and reads its JSON Lines. In each article's
text it finds runs of capitalised words (joined by the lower-case particles of names: al, bin, de, of...,
and by hyphens), drops those that overlap a mention, and counts every n-gram (n = 1..4) of the rest that
starts and ends on a capitalised word. It prints `count<TAB>articles<TAB>n-gram`, most frequent first, and
the number of mentions per entity type. Sentence-initial single words are skipped (capitalised anyway).

The output is for review only (it quotes article text): keep it out of the repository.
Standard library only; deterministic.
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys

PARTICLES = {"al", "el", "bin", "ibn", "abu", "de", "di", "van", "von", "la", "of", "the", "for", "and", "ash",
             "as", "ad", "an", "ar", "az", "ul", "ez"}
WORD = re.compile(r"[^\W\d_][\w'’\-]*", re.UNICODE)
STOP_START = {"The", "A", "An", "In", "On", "At", "But", "And", "He", "She", "It", "They", "We", "I", "This",
              "That", "These", "Those", "His", "Her", "Their", "Its", "As", "For", "If", "When", "After",
              "Before", "While", "Mr", "Mrs", "Ms", "Dr", "According", "Meanwhile", "However", "Also", "There"}


def run_claimex(folder, binary, gazetteers):
    cmd = [binary] if binary else ["cargo", "run", "--release", "-q", "--"]
    extra = ["--gazetteers", gazetteers] if gazetteers else []
    out = subprocess.run(cmd + ["batch", folder, "-q"] + extra, check=True, capture_output=True, text=True)
    return [json.loads(ln) for ln in out.stdout.splitlines() if ln.strip()]


def capitalised_runs(text):
    """(start, end, [words]) runs of capitalised words and name particles, in code points."""
    runs, cur = [], []
    for m in WORD.finditer(text):
        w = m.group()
        gap = text[cur[-1][1]:m.start()] if cur else ""
        joined = cur and gap in (" ", "-")
        if w[0].isupper() or (w.lower() in PARTICLES and joined):
            if cur and not joined:
                runs.append(cur)
                cur = []
            cur.append((m.start(), m.end(), w))
        else:
            if cur:
                runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    return runs


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("dir", nargs="?", default=os.path.join(here, "..", "..", "shared", "data",
                                                           "fakes-syria-news", "articles"))
    ap.add_argument("--top", type=int, default=200)
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--claimex", default=None, help="a built claimex binary (default: cargo run --release)")
    ap.add_argument("--gazetteers", default=None, help="gazetteer folder instead of the embedded one")
    args = ap.parse_args()
    if not os.path.isdir(args.dir):
        sys.exit("%s: not a folder" % args.dir)
    docs = run_claimex(args.dir, args.claimex, args.gazetteers)
    counts, in_docs, types = collections.Counter(), collections.defaultdict(set), collections.Counter()
    for d in docs:
        path = d["document"].get("path")
        with open(path, encoding="utf-8-sig") as f:
            text = f.read()
        covered = bytearray(len(text) + 1)
        for m in d["mentions"]:
            types[m["type"]] += 1
            for i in range(m["start"], m["end"]):
                covered[i] = 1
        sentence_starts = {s["start"] for s in d["sentences"]}
        for run in capitalised_runs(text):
            # split at covered words: n-grams never cross a mention
            pieces, cur = [], []
            for w in run:
                if any(covered[w[0]:w[1]]):
                    if cur:
                        pieces.append(cur)
                    cur = []
                else:
                    cur.append(w)
            if cur:
                pieces.append(cur)
            for p in pieces:
                for n in range(1, 5):
                    for i in range(len(p) - n + 1):
                        g = p[i:i + n]
                        if not (g[0][2][0].isupper() and g[-1][2][0].isupper()):
                            continue
                        if n == 1 and (g[0][0] in sentence_starts or g[0][2] in STOP_START):
                            continue
                        if g[0][2] in STOP_START:
                            continue
                        key = text[g[0][0]:g[-1][1]]
                        counts[key] += 1
                        in_docs[key].add(d["document"]["id"])
    print("# %d articles; mentions by type: %s" % (
        len(docs), ", ".join("%s %d" % kv for kv in sorted(types.items()))))
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    for key, c in ranked[:args.top]:
        if c < args.min_count:
            break
        print("%d\t%d\t%s" % (c, len(in_docs[key]), key))


if __name__ == "__main__":
    main()
