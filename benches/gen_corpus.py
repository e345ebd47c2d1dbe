#!/usr/bin/env python3
"""Generate a synthetic news corpus for benchmarking `claimex batch`.

Usage: python3 benches/gen_corpus.py OUT_DIR SIZE_MB [--seed N] [--jsonl]

Writes articles of 2-8 KB (titles, bylines, headings, paragraphs) into OUT_DIR/NNN/*.txt
(1000 files per folder), or with --jsonl one {"id", "text", "source"} object per line to
OUT_DIR/corpus.jsonl. Sentences mix gazetteer names (from gazetteers/*.tsv), reporting verbs,
hedges, abbreviations, Arabic and diacritics. Deterministic for a given seed and size.
"""
import json
import os
import random
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def gazetteer_names():
    names = {}
    gdir = os.path.join(ROOT, "gazetteers")
    for f in sorted(os.listdir(gdir)):
        if not f.endswith(".tsv"):
            continue
        kind = f[:-4]
        rows = []
        with open(os.path.join(gdir, f), encoding="utf-8") as fh:
            header = None
            for line in fh:
                if line.startswith("#") or not line.strip():
                    continue
                cols = line.rstrip("\n").split("\t")
                if header is None:
                    header = cols
                    continue
                rows.append(cols[1])
                aliases = cols[header.index("aliases")].split("|") if "aliases" in header else []
                rows.extend(a.lstrip("=?") for a in aliases[:3] if a)
        names[kind] = rows or ["Syria"]
    return names


SOURCES = ["The Syrian Observatory for Human Rights", "Activists", "Local sources", "A military source",
           "State media", "Officials", "The ministry", "Residents", "Witnesses", "A spokesman for the group",
           "Sana", "Rebel commanders", "Lt. Gen. Ali Mahmoud", "U.S. officials", "Analysts"]
VERBS = ["said", "confirmed", "reported", "claimed", "denied", "stated", "told reporters", "announced",
         "warned", "estimated", "alleged", "accused the government of", "insisted", "acknowledged"]
HEDGES = ["reportedly", "allegedly", "apparently", "is said to have", "was believed to have"]
ACTIONS = ["shelled", "captured", "withdrew from", "entered", "attacked positions near", "advanced toward",
           "struck a convoy outside", "besieged", "reinforced", "deployed troops to", "retook"]
FILLER = ["amid rising tensions", "on Jan. 5", "at 9 a.m. local time", "after weeks of clashes",
          "despite a ceasefire", "according to the U.N.", "in the early hours", "for the third time this month",
          "with Iran-backed support", "as civilians fled", "near the Euphrates", "in a coordinated offensive"]
EXTRA = ["حماة", "دير الزور", "Ḩamāh", "Türkiye", "Hay’at Tahrir al-Sham", "e\u0301", "Dar'a", "Syria's"]


def sentence(r, n):
    place = r.choice(n["places"])
    group = r.choice(n.get("armed_groups", ["HTS"]))
    state = r.choice(n.get("states", ["Syria"]))
    act = f"{group} {r.choice(ACTIONS)} {place} {r.choice(FILLER)}"
    form = r.randrange(7)
    if form == 0:
        return f"{r.choice(SOURCES)} {r.choice(VERBS)} that {act}."
    if form == 1:
        return f"{act[0].upper()}{act[1:]}, {r.choice(SOURCES).lower()} {r.choice(VERBS)}."
    if form == 2:
        return f"According to {r.choice(n.get('media', ['Reuters']))}, {act}."
    if form == 3:
        return f"{group} {r.choice(HEDGES)} {r.choice(ACTIONS)} {place}."
    if form == 4:
        return f"Forces from {state} and {r.choice(n['places'])} {r.choice(FILLER)}, while {r.choice(EXTRA)} was quiet."
    if form == 5:
        return f"\u201cWe will not leave {place},\u201d {r.choice(SOURCES).lower()} {r.choice(VERBS)}."
    return f"The situation in {place} ({r.choice(EXTRA)}) remained tense {r.choice(FILLER)}."


def article(r, n, target):
    place = r.choice(n["places"])
    parts = [f"Fighting Escalates Around {place}", "", r.choice(["World Defense", "Syria Desk", "Levant Report"]),
             "", f"By {r.choice(['Jane Doe', 'Sarah El Deeb', 'Maya Gebeily', 'Omar Haj Kadour'])}", ""]
    size = sum(len(p) + 1 for p in parts)
    while size < target:
        para = " ".join(sentence(r, n) for _ in range(r.randint(2, 6)))
        if r.random() < 0.15:
            parts += [f"The Situation in {r.choice(n['places'])}", ""]
        parts += [para, ""]
        size += len(para.encode()) + 2
    parts.append("Leave a Comment")
    return "\n".join(parts) + "\n"


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 2:
        sys.exit(__doc__)
    out, mb = args[0], float(args[1])
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 1
    jsonl = "--jsonl" in sys.argv
    r = random.Random(seed)
    n = gazetteer_names()
    os.makedirs(out, exist_ok=True)
    total, i = 0, 0
    sink = open(os.path.join(out, "corpus.jsonl"), "w", encoding="utf-8") if jsonl else None
    while total < mb * 1e6:
        text = article(r, n, r.randint(2000, 8000))
        total += len(text.encode())
        if sink:
            sink.write(json.dumps({"id": f"a{i:07d}", "text": text, "source": "gen"}, ensure_ascii=False) + "\n")
        else:
            d = os.path.join(out, f"{i // 1000:03d}")
            os.makedirs(d, exist_ok=True)
            with open(os.path.join(d, f"{i:07d}.txt"), "w", encoding="utf-8") as fh:
                fh.write(text)
        i += 1
    if sink:
        sink.close()
    print(f"{i} articles, {total / 1e6:.1f} MB in {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
