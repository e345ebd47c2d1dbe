#!/usr/bin/env python3
"""Write the two real-news speed corpora of the README's Performance section.

Usage: python3 benches/real_corpus.py OUT_DIR

OUT_DIR/fakes-x8: the ../shared/data/fakes-syria-news articles, 8 copies (prefixes 1- .. 8-).
OUT_DIR/polnear-x4: the PolNeAR train texts, one .txt per article, 4 copies.
The texts are read from ../shared at run time and written only to OUT_DIR (never the repo);
a corpus whose source is absent is skipped with a message.
"""
import hashlib
import json
import os
import sys

SHARED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data")


def write(out, copies, docs):
    os.makedirs(out, exist_ok=True)
    for c in range(1, copies + 1):
        for name, text in docs:
            with open(os.path.join(out, f"{c}-{name}"), "w", encoding="utf-8") as f:
                f.write(text)
    print(f"{out}: {copies * len(docs)} files")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    fakes = os.path.join(SHARED, "fakes-syria-news", "articles")
    if os.path.isdir(fakes):
        docs = []
        for name in sorted(os.listdir(fakes)):
            if name.endswith(".txt"):
                with open(os.path.join(fakes, name), encoding="utf-8") as f:
                    docs.append((name, f.read()))
        write(os.path.join(out, "fakes-x8"), 8, docs)
    else:
        print(f"skipped: {fakes} is absent")
    polnear = os.path.join(SHARED, "polnear", "polnear_train.jsonl")
    if os.path.isfile(polnear):
        docs = []
        with open(polnear, encoding="utf-8") as f:
            for i, line in enumerate(f):
                d = json.loads(line)
                key = hashlib.sha1(d["doc_id"].encode()).hexdigest()[:10]
                docs.append((f"{i:04}_{key}.txt", d["text"]))
        write(os.path.join(out, "polnear-x4"), 4, docs)
    else:
        print(f"skipped: {polnear} is absent")


if __name__ == "__main__":
    main()
