#!/usr/bin/env python3
"""Where claimex loses PolNeAR recall: missed gold attributions by cue word and construction,
and claims whose cue is right but whose content misses (the overlap metric of `claimex eval`).

    python3 scripts/polnear_misses.py ../shared/data/polnear/polnear_train.jsonl [--show KEY] [-- CLAIMEX ARGS]

Read misses on the TRAIN split; measure on dev with `claimex eval`. The script prints counts
and, with --show, contexts from the gold file to the terminal; it writes nothing, so no article
text enters the repository. It runs `target/release/claimex` (build it first) or $CLAIMEX.
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
AUX = set("has have had is was were are be been being will would could can may might should must "
          "do does did not never also just n't n’t already still even".split())


def lexicon_forms():
    """Form -> lemma of every cue and participle row."""
    forms = {}
    for name in ("cues.tsv", "participles.tsv"):
        for line in open(os.path.join(ROOT, "lexicon", name), encoding="utf-8"):
            if "\t" in line and not line.startswith("#"):
                cols = line.split("\t")
                forms[cols[0]] = cols[1]
    return forms


def lemma(words, forms):
    """A rough lemma of a cue's first word ("wanted" -> "want"), with its particle for
    "call for", "call on", "point out"; lexicon lemmas first, then suffix stripping."""
    if not words:
        return "?"
    w = words[0]
    if w in forms:
        base = forms[w]
    else:
        base = w
        for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
            if len(w) > len(suffix) + 2 and w.endswith(suffix):
                base = w[: -len(suffix)] + repl
                break
    if len(words) > 1 and words[1] in ("for", "on", "upon", "out", "up", "to", "about"):
        base += " " + words[1]
    return base


def run(docs, extra):
    binary = os.environ.get("CLAIMEX", os.path.join(ROOT, "target", "release", "claimex"))
    lines = "".join(json.dumps({"id": i, "text": d["text"]}) + "\n" for i, d in enumerate(docs))
    out = subprocess.run([binary, "batch", "--input", "jsonl", "-q", "-j1", *extra],
                         input=lines.encode(), capture_output=True, check=True).stdout.decode()
    return [json.loads(line) for line in out.splitlines()]


def overlap(a, b):
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("--show", help="a class key to print contexts of")
    ap.add_argument("-n", type=int, default=20)
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--lemma", action="store_true",
                    help="group missed attributions by a rough cue lemma, all forms and positions together")
    # Everything after "--" goes to claimex ("-- --lexicon lexicon/polnear"); argparse's own
    # "--" handling drops option-like words after it, so they are split off first.
    argv = sys.argv[1:]
    cut = argv.index("--") if "--" in argv else len(argv)
    args = ap.parse_args(argv[:cut])
    args.claimex_args = argv[cut + 1:]
    docs = [json.loads(line) for line in open(args.gold, encoding="utf-8")]
    forms = lexicon_forms()
    missed, boundary, shown = collections.Counter(), collections.Counter(), collections.defaultdict(list)
    total = found = 0
    for doc, pred in zip(docs, run(docs, args.claimex_args)):
        text, used = doc["text"], set()
        gold = doc["attributions"]
        total += len(gold)
        # Claims pair with the first unused gold whose cue they overlap, as `claimex eval` does.
        for c in pred["claims"]:
            cue = (c["cue"]["start"], c["cue"]["end"])
            g = next((i for i, a in enumerate(gold) if i not in used
                      and overlap(cue, (a["cue"]["start"], a["cue"]["end"])) > 0), None)
            if g is None:
                continue
            used.add(g)
            a = gold[g]
            p, q = (c["content"]["start"], c["content"]["end"]), (a["content"]["start"], a["content"]["end"])
            if 2 * overlap(p, q) >= max(p[1] - p[0], q[1] - q[0]):
                continue
            kind = ("disjoint" if overlap(p, q) == 0 else "longer" if p[0] <= q[0] and p[1] >= q[1]
                    else "shorter" if q[0] <= p[0] and q[1] >= p[1] else "shifted")
            if len(a["content"].get("fragments", [])) > 1:
                kind += " gold-discontinuous"
            key = f"content {kind} {c['rule']}"
            boundary[key] += 1
            shown[key].append(f"gold: {text[q[0]:q[1]][:200]}\n      pred: {text[p[0]:p[1]][:200]}")
        for i, a in enumerate(gold):
            if i in used:
                continue
            words = [w for w in re.findall(r"[\w’']+|[:?―—]", a["cue"]["text"].lower()) if w not in AUX]
            head = words[0] if words else a["cue"]["text"].lower()
            known = any(w in forms for w in words)
            where = []
            if ":" in a["cue"]["text"] or text[a["cue"]["end"]:].lstrip().startswith(":"):
                where.append("colon")
            if a["source"] is None:
                where.append("no-source")
            elif a["source"]["start"] > a["cue"]["end"]:
                where.append("source-after")
            if args.lemma:
                key = f"{'known' if known else 'unknown'} {lemma(words, forms)}" + (" colon" if "colon" in where else "")
            else:
                key = f"{'known' if known else 'unknown'} {head} {' '.join(where)}".strip()
            missed[key] += 1
            s, e = a["cue"]["start"], a["cue"]["end"]
            shown[key].append((text[max(0, s - 80):s] + "[[" + text[s:e] + "]]" + text[e:e + 80]).replace("\n", " "))
        found += len(used)
    print(f"gold {total}, a claim on the cue {found}, missed {total - found}")
    print(f"missed, cue word in the lexicon: {sum(n for k, n in missed.items() if k.startswith('known'))}")
    print(f"claims with the cue right but the content missed: {sum(boundary.values())}\n")
    for k, n in missed.most_common(args.top):
        print(f"{n:6}  missed {k}")
    print()
    for k, n in boundary.most_common(args.top // 2):
        print(f"{n:6}  {k}")
    if args.show:
        for line in shown.get(args.show, [])[: args.n]:
            print("   ", line)


if __name__ == "__main__":
    sys.exit(main())
