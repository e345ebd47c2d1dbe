#!/usr/bin/env python3
"""Build the claimex gazetteers (gazetteers/*.tsv) from the raw sources vendored in data/sources.

Usage (from the repo root):
    python3 scripts/build_gazetteers.py [--data DIR] [--out DIR]

Standard library only; deterministic (same inputs -> byte-identical outputs).
Inputs:
  <data>/opensyria-geography/{governorates,districts,subdistricts}.json
  <data>/geonames-cities500/{SY_cities500,neighbours_cities500,world_capitals,countries}.tsv
  <data>/iso3166-pycountry/countries_iso3166-1.tsv
  <data>/phoenix-dictionaries/syria_region_actor_extract.tsv   (hand-mapped entries only)
  <data>/curated-syria-actors/{actors,media_sources}.tsv
  <data>/whosonfirst-levant/SY_places.tsv                        (villages, neighbourhoods)
  <data>/english-words/words.txt, <data>/given-names/given_names.tsv   (weak-name reasons)
  scripts/gazetteer_weak.tsv         hand-listed weak names (chemicals, weapons, institutions)
  scripts/gazetteer_extra/*.tsv      hand-curated rows (same columns as the output)
  scripts/gazetteer_stoplist.txt     aliases never to emit
<data> defaults to data/sources. Also writes <out>/report/weak_aliases.tsv (every weak alias and why).
See gazetteers/README.md for the output format.
"""

import argparse
import glob
import json
import math
import os
import re
import sys
import unicodedata

COLUMNS = ["id", "name", "type", "subtype", "aliases", "country", "admin1", "admin2",
           "lat", "lon", "geonames", "pcode", "affiliation", "period", "priority"]
TYPE_FILES = {
    "place": "places.tsv",
    "state": "states.tsv",
    "armed_group": "armed_groups.tsv",
    "organization": "organizations.tsv",
    "media": "media.tsv",
    "person": "persons.tsv",
    "community": "communities.tsv",
    "nationality": "nationalities.tsv",
}
ID_RE = re.compile(r"^[a-z0-9_.:-]+$")
_DATE = r"\d{4}(-\d{2}(-\d{2})?)?"
PERIOD_RE = re.compile(r"^(%s)?-(%s)?$" % (_DATE, _DATE))

# ---------------------------------------------------------------------------
# Folding (must agree with the Rust matcher)
# ---------------------------------------------------------------------------
APOS = set("'\u2019\u2018\u02bc\u02bf\u02be`\u00b4\u02bb\u2032\u02b9")
AR_MAP = {"\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",
          "\u0629": "\u0647", "\u0649": "\u064a"}


def _strip_marks(s):
    s = unicodedata.normalize("NFD", s)
    out = []
    for ch in s:
        o = ord(ch)
        if unicodedata.combining(ch) or 0x064B <= o <= 0x065F or o == 0x0670 or o == 0x0640:
            continue
        out.append(AR_MAP.get(ch, ch))
    return "".join(out)


def fold(s, lower=True):
    """NFD, drop combining marks/harakat/tatweel, Arabic letter variants, apostrophes between
    letters deleted, other non-alphanumerics -> space, collapse spaces, lowercase."""
    s = _strip_marks(s)
    res = []
    n = len(s)
    for i, ch in enumerate(s):
        if ch in APOS:
            if 0 < i < n - 1 and s[i - 1].isalpha() and s[i - 1] not in APOS \
                    and s[i + 1].isalpha() and s[i + 1] not in APOS:
                continue
            res.append(" ")
        elif ch.isalnum():
            res.append(ch)
        else:
            res.append(" ")
    out = " ".join("".join(res).split())
    return out.lower() if lower else out


def asciify(s):
    """Display form without diacritics: 'Khān Shaykhūn' -> 'Khan Shaykhun',
    ayn/hamza marks between letters -> "'", elsewhere dropped."""
    s = s.replace("\u0131", "i").replace("\u0130", "I")
    s = unicodedata.normalize("NFD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    out = []
    n = len(s)
    for i, ch in enumerate(s):
        if ch in APOS:
            if 0 < i < n - 1 and s[i - 1].isalpha() and s[i + 1].isalpha():
                out.append("'")
            continue
        out.append(ch)
    return " ".join("".join(out).split())


def is_arabic(s):
    return any("\u0600" <= ch <= "\u06ff" for ch in s)


AR_OK = set(chr(c) for c in range(0x0621, 0x064B)) | set(chr(c) for c in range(0x064B, 0x0653)) \
    | {" ", "\u0670", "\u0640", "\u0671"}


def clean_arabic(s):
    """Strip harakat/tatweel for output; return '' if the string has non-Arabic-language letters
    (Persian/Kurdish/Urdu letters, digits, Latin)."""
    s = s.strip().replace("\u200f", "").replace("\u200e", "").replace("\u200c", "")
    if not s or any(ch not in AR_OK for ch in s):
        return ""
    s = "".join(ch for ch in s if not (0x064B <= ord(ch) <= 0x065F or ord(ch) in (0x0670, 0x0640)))
    return " ".join(s.split())


# ---------------------------------------------------------------------------
# Aliases
# ---------------------------------------------------------------------------
class Alias:
    __slots__ = ("text", "cs", "shared", "weak", "curated", "explicit")

    def __init__(self, text, cs=False, shared=False, curated=False, weak=False):
        self.text = text
        self.cs = cs            # explicitly '='
        self.shared = shared    # '?'
        self.weak = weak        # '~': counts only with evidence (see README, weak names)
        self.curated = curated  # from the curated/extra sources (never auto-dropped on collision)
        self.explicit = False   # written in scripts/gazetteer_extra (wins over the same alias from a source)

    @property
    def key(self):
        return fold(self.text)

    def auto_cs(self):
        return not any(c.islower() for c in self.text)

    def is_cs(self):
        return self.cs or self.auto_cs()

    def case_protected(self):
        """'=' or an all-caps Latin alias: exempt from the stop-list (it cannot fire on a lower-case word)."""
        return self.cs or (any(c.isupper() for c in self.text) and not any(c.islower() for c in self.text))

    def render(self):
        pre = ("?" if self.shared else "") + ("~" if self.weak else "")
        if self.cs and not self.auto_cs():
            pre += "="
        return pre + self.text


def parse_alias(raw, curated=False):
    """'?~=Harem' -> Alias; the markers ? (shared), ~ (weak), = (case-sensitive) come in any order."""
    a = raw.strip()
    flags = set()
    while a[:1] in ("?", "~", "="):
        flags.add(a[0])
        a = a[1:]
    return Alias(a.strip(), cs="=" in flags, shared="?" in flags, curated=curated, weak="~" in flags)


# ---------------------------------------------------------------------------
# Entities
# ---------------------------------------------------------------------------
class Entity:
    def __init__(self, id, name, type, subtype="", **kw):
        self.id = id
        self.name = name
        self.type = type
        self.subtype = subtype
        self.aliases = []
        for c in COLUMNS[5:]:
            setattr(self, c, kw.get(c, ""))
        self.origin = kw.get("origin", "")

    def add(self, text, cs=False, shared=False, curated=False):
        if text is None:
            return
        text = " ".join(str(text).replace("\t", " ").split())
        if not text:
            return
        self.aliases.append(Alias(text, cs=cs, shared=shared, curated=curated))

    def add_alias(self, a):
        self.aliases.append(a)

    def row(self):
        vals = {c: getattr(self, c, "") for c in COLUMNS}
        vals["aliases"] = "|".join(a.render() for a in self.aliases)
        for k in ("lat", "lon"):
            v = vals[k]
            if v != "" and v is not None:
                vals[k] = ("%.5f" % float(v)).rstrip("0").rstrip(".")
        return [str(vals[c]) if vals[c] is not None else "" for c in COLUMNS]


# ---------------------------------------------------------------------------
# Filters
# ---------------------------------------------------------------------------
STOP = set()          # folded aliases never to emit
CODE_RE = re.compile(r"^[A-Z]{2,4}$")
FOREIGN_CHARS = set("äöüëïçšžčćłøåñőűéèàâôÿœæðþěřůýźżśńąęġħıăţșțľĺŕ")
FOREIGN_PAT = re.compile(
    r"(ch|dj|dsch|dzh|dz|dż|tz|zh|ij|ue|oe|eu|aa[^r]|kh'|'kh|ehl|[aeo]j(?![aeiouy])|^j[aeiou]j|ss[ae]?$|"
    r"cz|sz|w[ae]?$|ou?ane?$|[^aeiou]e$|aye$|ye$|ie$|ieh$|ya$|iya$|ja$|ije$|yje$|ä|ö|ü)")
VOWELS = set("aeiouyw")
ARTICLE_RE = re.compile(r"^(al|el|ar|er|as|es|ash|esh|at|et|ath|ad|ed|an|en|az|ez|ul|il|aḑ|aş|aţ|ad-d)[ \-]+")
AR_TR = {"ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "K", "د": "d", "ذ": "d", "ر": "r",
         "ز": "z", "س": "s", "ش": "S", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "غ": "G", "ف": "f",
         "ق": "k", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h"}


def skeleton_latin(s, n=2):
    s = asciify(s).lower().replace("'", "")
    s = ARTICLE_RE.sub("", s)
    s = re.sub(r"[^a-z]", "", s)
    s = s.replace("kh", "K").replace("sh", "S").replace("ch", "S").replace("th", "t") \
        .replace("dh", "d").replace("gh", "G").replace("ph", "f")
    out = []
    for ch in s:
        if ch in VOWELS:
            continue
        ch = {"c": "k", "q": "k", "x": "K", "p": "b", "v": "w"}.get(ch, ch)
        if out and out[-1] == ch:
            continue
        out.append(ch)
        if len(out) >= n:
            break
    return "".join(out)


def skeleton_arabic(s, n=2):
    s = fold(s)
    words = s.split()
    if words and words[0].startswith("ال") and len(words[0]) > 3:
        words[0] = words[0][2:]
    s = "".join(words)
    out = []
    for ch in s:
        c = AR_TR.get(ch)
        if not c:
            continue
        if out and out[-1] == c:
            continue
        out.append(c)
        if len(out) >= n:
            break
    return "".join(out)


def good_latin_variant(v, refs_latin, refs_arabic, syrian=True):
    """Keep GeoNames alternate names that look like English-news transliterations."""
    if not v or is_arabic(v):
        return False
    if any(ch.isdigit() for ch in v) or any(ch in v for ch in "(),/;.") :
        return False
    if CODE_RE.match(v):
        return False
    if not any(c.isupper() for c in v):          # lower-case-only romanisations
        return False
    if v.isupper():
        return False
    a = asciify(v)
    if any(ord(ch) > 127 for ch in a):          # non-Latin or exotic letters
        return False
    if any(ch in FOREIGN_CHARS for ch in v.lower()):
        return False
    low = a.lower()
    if re.search(r"[bcdfghjklmnpqrstvxz]'($|[ -])", low) or "'" in low and re.search(r"'[bcdfgjklmnpqrstvxz]", low) and syrian is None:
        return False
    if syrian:
        if "v" in low or "ch" in low or FOREIGN_PAT.search(low):
            return False
    if len(fold(v)) < 4 or len(a.split()) > 5:
        return False
    sk = skeleton_latin(v)
    refs = {skeleton_latin(r) for r in refs_latin} | {skeleton_arabic(r) for r in refs_arabic}
    refs.discard("")
    if sk and refs and sk not in refs:
        return False
    return True


def stopped(alias):
    return alias.key in STOP


# ---------------------------------------------------------------------------
# IO helpers
# ---------------------------------------------------------------------------
def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    header = lines[0].split("\t")
    rows = []
    for ln in lines[1:]:
        if not ln.strip():
            continue
        parts = ln.split("\t")
        parts += [""] * (len(header) - len(parts))
        rows.append({h: (p if p.strip() else "") for h, p in zip(header, parts)})
    return rows


def split_bar(s):
    return [x.strip() for x in (s or "").split("|") if x.strip()]


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def haversine(lat1, lon1, lat2, lon2):
    r = math.pi / 180
    dlat = (lat2 - lat1) * r
    dlon = (lon2 - lon1) * r
    a = math.sin(dlat / 2) ** 2 + math.cos(lat1 * r) * math.cos(lat2 * r) * math.sin(dlon / 2) ** 2
    return 6371 * 2 * math.asin(min(1, math.sqrt(a)))


# ---------------------------------------------------------------------------
# Places: Syria
# ---------------------------------------------------------------------------
GN_ADMIN1 = {"01": "sy-al-hasakah", "02": "sy-latakia", "03": "sy-quneitra", "04": "sy-raqqa",
             "05": "sy-as-suwayda", "06": "sy-daraa", "07": "sy-deir-ez-zor", "08": "sy-rif-dimashq",
             "09": "sy-aleppo", "10": "sy-hama", "11": "sy-homs", "12": "sy-idlib", "13": "sy-damascus",
             "14": "sy-tartus"}
# governorate -> GeoNames id of its capital city (bare governorate name resolves to the city)
GOV_CAPITAL = {"sy-al-hasakah": "173811", "sy-latakia": "173576", "sy-quneitra": "173334",
               "sy-raqqa": "172955", "sy-as-suwayda": "172408", "sy-daraa": "170905",
               "sy-deir-ez-zor": "170794", "sy-aleppo": "170063", "sy-hama": "170017",
               "sy-homs": "169577", "sy-idlib": "169389", "sy-damascus": "170654", "sy-tartus": "163345"}
# sub-district -> seat town GeoNames id where name matching cannot find it ("" = no seat town)
SEAT_OVERRIDES = {
    "sy-aleppo-mount-simeon-jebel-saman": "170063",
    "sy-damascus-damascus-damascus": "170654",
    "sy-homs-al-mukharram-al-makhrim": "166719",
    "sy-aleppo-al-bab-rasm-haram-el-imam": "165428",
    "sy-aleppo-al-bab-a-rima": "174043",
}
# seat matched by override whose sub-district names are not names of the town
NO_NAME_TRANSFER = {"sy-aleppo-mount-simeon-jebel-saman", "sy-damascus-damascus-damascus"}
QUAL_EN = re.compile(r"\b(district|subdistrict|sub-district|governorate|province|nahiyat|nāḩiyat|mintaqat|markaz)\b", re.I)
QUAL_AR = ("محافظة", "منطقة", "ناحية")


def opensyria_names(rec):
    """Split an OpenSyria record's names into (qualified_en, qualified_ar, plain_en, plain_ar)."""
    q_en, q_ar, p_en, p_ar = [], [], [], []
    for a in rec.get("aliases", []):
        v = a["value"].strip()
        if not v:
            continue
        if is_arabic(v):
            v2 = clean_arabic(v)
            if not v2:
                continue
            if v2.startswith(QUAL_AR):
                q_ar.append(v2)
            elif v2.startswith("مركز"):
                continue                                    # "markaz X" = "centre of X": too generic
            else:
                p_ar.append(v2)
        else:
            if not any(c.isupper() for c in v):            # lower-case romanisations (nahyt mrkz ...)
                continue
            if QUAL_EN.search(v):
                q_en.append(v)
            else:
                p_en.append(v)
    return q_en, q_ar, p_en, p_ar


def strip_markaz(ar):
    ar = clean_arabic(ar)
    if ar.startswith("مركز "):
        ar = ar[len("مركز "):]
    return ar


def build_syria_places(data, ents, notes):
    og = os.path.join(data, "opensyria-geography")
    govs = load_json(os.path.join(og, "governorates.json"))
    dists = load_json(os.path.join(og, "districts.json"))
    subs = load_json(os.path.join(og, "subdistricts.json"))
    gov_name = {g["id"]: g["name"]["en"] for g in govs}
    dist_name = {d["id"]: d["name"]["en"] for d in dists}

    # --- GeoNames Syrian towns -------------------------------------------------
    gn_rows = read_tsv(os.path.join(data, "geonames-cities500", "SY_cities500.tsv"))
    towns = {}
    for r in gn_rows:
        gid = r["geonameid"]
        gov = GN_ADMIN1.get(r["admin1_code"], "")
        pop = int(r["population"] or 0)
        capital = GOV_CAPITAL.get(gov) == gid
        e = Entity("gn-" + gid, asciify(r["name"]), "place",
                   "city" if (capital or pop >= 50000) else "town",
                   country="SY", admin1=gov_name.get(gov, ""), lat=r["latitude"], lon=r["longitude"],
                   geonames=gid, origin="geonames-sy")
        e.gov = gov
        e.pop = pop
        e.capital = capital
        e.raw = r
        e.plain_en = [r["name"], asciify(r["name"])]
        e.plain_ar = [clean_arabic(x) for x in split_bar(r["alternatenames_arabic"])]
        e.plain_ar = [x for x in e.plain_ar if x]
        e.variants = split_bar(r["alternatenames_other"])
        e.priority = (70 if e.subtype == "city" else 50) + min(9, int(math.log10(pop + 1)))
        towns[gid] = e

    def town_keys(t):
        ks = {fold(x) for x in t.plain_en + t.plain_ar}
        ks |= {fold(v) for v in t.variants if not v.islower() and not is_arabic(v) or is_arabic(v)}
        return {k for k in ks if k}

    tkeys = {gid: town_keys(t) for gid, t in towns.items()}
    gn_ids = sorted(towns)

    def find_town(gov, keys, lat, lon, strong_ar):
        cands = []
        for gid in gn_ids:
            t = towns[gid]
            if t.gov != gov:
                continue
            common = keys & tkeys[gid]
            if not common:
                continue
            ar_hit = bool(strong_ar & {fold(x) for x in t.plain_ar})
            d = haversine(float(lat), float(lon), float(t.lat), float(t.lon)) if lat != "" else 0
            cands.append((0 if ar_hit else 1, d, -t.pop, gid))
        cands.sort()
        if cands and cands[0][1] < 80:
            return cands[0][3]
        return None

    # --- governorates --------------------------------------------------------
    gov_ent = {}
    for g in govs:
        q_en, q_ar, p_en, p_ar = opensyria_names(g)
        name_en = g["name"]["en"]
        e = Entity(g["id"], name_en + " Governorate", "place", "governorate", country="SY",
                   admin1=name_en, lat=g["centroid"]["latitude"], lon=g["centroid"]["longitude"],
                   geonames=g["externalIds"].get("geonames", ""), pcode=g["externalIds"].get("ochaPcode", ""),
                   origin="opensyria")
        e.priority = 45
        e.plain_en = [name_en] + p_en
        e.plain_ar = [clean_arabic(g["name"]["ar"])] + p_ar
        e.q_en, e.q_ar = q_en, q_ar
        e.has_city = g["id"] in GOV_CAPITAL
        gov_ent[g["id"]] = e
        ents[e.id] = e
        if e.has_city:
            t = towns[GOV_CAPITAL[g["id"]]]
            t.plain_en += e.plain_en
            t.plain_ar += e.plain_ar

    # --- districts -----------------------------------------------------------
    for d in dists:
        q_en, q_ar, p_en, p_ar = opensyria_names(d)
        name_en = d["name"]["en"]
        gov = d["governorateId"]
        e = Entity(d["id"], name_en + " District", "place", "district", country="SY",
                   admin1=gov_name[gov], admin2=name_en, lat=d["centroid"]["latitude"],
                   lon=d["centroid"]["longitude"], geonames=d["externalIds"].get("geonames") or "",
                   pcode=d["externalIds"].get("ochaPcode", ""), origin="opensyria")
        e.priority = 40
        e.plain_en = [name_en] + p_en
        e.plain_ar = [clean_arabic(d["name"]["ar"])] + p_ar
        e.q_en = [x for x in q_en if "governorate" not in x.lower()]
        e.q_ar = [x for x in q_ar if not x.startswith("محافظة")]
        e.gov = gov
        ents[e.id] = e

    # --- sub-districts and their seat towns ---------------------------------------
    seat_of = {}
    for s in subs:
        q_en, q_ar, p_en, p_ar = opensyria_names(s)
        name_en = s["name"]["en"]
        gov = s["governorateId"]
        dist = s["districtId"]
        ar = strip_markaz(s["name"]["ar"])
        e = Entity(s["id"], name_en + " Subdistrict", "place", "subdistrict", country="SY",
                   admin1=gov_name[gov], admin2=dist_name[dist], lat=s["centroid"]["latitude"],
                   lon=s["centroid"]["longitude"], geonames=s["externalIds"].get("geonames") or "",
                   pcode=s["externalIds"].get("ochaPcode", ""), origin="opensyria")
        e.priority = 35
        e.plain_en = [name_en] + p_en
        e.plain_ar = ([ar] if ar else []) + p_ar
        e.q_en, e.q_ar = q_en, q_ar
        e.gov = gov
        ents[e.id] = e
        keys = {fold(x) for x in e.plain_en + e.plain_ar}
        gid = SEAT_OVERRIDES.get(s["id"])
        if gid is None:
            gid = find_town(gov, keys, e.lat, e.lon, {fold(x) for x in e.plain_ar})
        if gid:
            t = towns[gid]
            seat_of[s["id"]] = gid
            if s["id"] not in NO_NAME_TRANSFER:
                t.plain_en += e.plain_en
                t.plain_ar += e.plain_ar
            if not getattr(t, "admin2_exact", ""):
                t.admin2 = dist_name[dist]
                t.admin2_exact = True
            t.subdistrict = s["id"]
        elif gid == "":
            continue
        else:
            # seat town not in cities500: emit it from the sub-district centroid
            tid = s["id"] + "-town"
            t = Entity(tid, asciify(p_en[0] if p_en and not QUAL_EN.search(p_en[0]) else name_en),
                       "place", "town", country="SY", admin1=gov_name[gov], admin2=dist_name[dist],
                       lat=e.lat, lon=e.lon, origin="opensyria-seat")
            t.gov = gov
            t.pop = 0
            t.capital = False
            t.plain_en = [name_en] + p_en
            t.plain_ar = e.plain_ar[:]
            t.variants = []
            t.priority = 50
            t.approx = True
            towns[tid] = t
            notes.append("seat town from sub-district centroid: %s (%s)" % (tid, t.name))

    # approximate admin2 for towns that are not sub-district seats: nearest sub-district centroid
    sub_list = [(s["governorateId"], float(s["centroid"]["latitude"]), float(s["centroid"]["longitude"]),
                 dist_name[s["districtId"]]) for s in subs]
    for gid, t in towns.items():
        if not getattr(t, "admin2", ""):
            best = None
            for gov, la, lo, dn in sub_list:
                if gov != t.gov:
                    continue
                dd = haversine(float(t.lat), float(t.lon), la, lo)
                if best is None or dd < best[0]:
                    best = (dd, dn)
            if best:
                t.admin2 = best[1]

    # --- aliases: governorates ---------------------------------------------------
    for gid, e in gov_ent.items():
        e.add(e.name)
        variants = uniq_folded(e.plain_en)
        if e.has_city:
            t = towns[GOV_CAPITAL[gid]]
            e.cap_variants_from = t
        e.variants_for_qual = variants
        e.ar_for_qual = uniq_folded(e.plain_ar)
        for x in e.q_en + e.q_ar:
            e.add(x)
        if not e.has_city:
            for x in e.plain_en + e.plain_ar:
                e.add(x)

    # --- aliases: districts / sub-districts: qualified forms only ----------------
    for e in ents.values():
        if e.subtype not in ("district", "subdistrict"):
            continue
        word = "District" if e.subtype == "district" else "Subdistrict"
        e.add(e.name)
        for x in e.q_en:
            add_latin(e, x)
        for x in e.q_ar:
            e.add(x)
        for v in uniq_folded(e.plain_en):
            if good_plain(v) and fold(v) not in STOP:
                if v[:1].islower() and not re.match(r"^(al|as|ash|ar|at|ad|an|az|el|es|ed|en)\b", v):
                    v = v[:1].upper() + v[1:]
                add_latin(e, "%s %s" % (v, word))
        ar_sk = {skeleton_arabic(x) for x in e.plain_ar[:1]}
        for v in uniq_folded(e.plain_ar):
            if skeleton_arabic(v) in ar_sk:
                e.add(("منطقة " if e.subtype == "district" else "ناحية ") + v)
        if e.subtype == "subdistrict":
            e.add("Nahiyat " + e.name[: -len(" Subdistrict")])

    # --- aliases: towns ----------------------------------------------------------
    for gid, t in towns.items():
        t.add(t.name)
        refs_l = t.plain_en
        refs_a = t.plain_ar
        for v in t.plain_en:
            if good_plain(v) and fold(v) not in STOP:
                add_latin(t, v)
        for v in t.variants:
            if good_latin_variant(v, refs_l, refs_a, syrian=True):
                add_latin(t, v)
        ar_sk = {skeleton_arabic(x) for x in refs_a}
        for v in t.plain_ar:
            if v and (skeleton_arabic(v) in ar_sk or not getattr(t, "subdistrict", "")):
                t.add(v)
        ents[t.id] = t
    return gov_ent, towns


def add_latin(e, v):
    """Add a Latin alias in ASCII form (plus the original if it folds differently, e.g. Turkish dotless i)."""
    a = asciify(v)
    e.add(a)
    if fold(a) != fold(v):
        e.add(v)


def good_plain(v):
    if not v or is_arabic(v):
        return bool(v)
    if not any(c.isupper() for c in v) or CODE_RE.match(v):
        return False
    return True


def uniq_folded(vals):
    seen, out = set(), []
    for v in vals:
        k = fold(v)
        if k and k not in seen:
            seen.add(k)
            out.append(v)
    return out


def add_governorate_qualified(gov_ent, ents):
    """Qualified governorate aliases from governorate names + the capital city's final aliases."""
    for gid, e in gov_ent.items():
        en = list(e.variants_for_qual)
        ar = list(e.ar_for_qual)
        t = getattr(e, "cap_variants_from", None)
        if t is not None:
            for a in t.aliases:
                if a.shared or a.cs:
                    continue
                if is_arabic(a.text):
                    ar.append(a.text)
                elif a.curated or a.key in {fold(x) for x in e.variants_for_qual}:
                    en.append(a.text)
        bad = re.compile(r"\b(city|capital|countryside|surroundings|rural)\b", re.I)
        en = [v for v in uniq_folded(en) if fold(v) not in STOP and not bad.search(v)]
        ar = [v for v in uniq_folded(ar) if fold(v) not in STOP and not re.search("مدينة|العاصمة|ريف", v)]
        rural = gid not in ("sy-damascus", "sy-rif-dimashq")
        for v in en:
            if not good_plain(v):
                continue
            e.add("%s Governorate" % v)
            e.add("%s province" % v)
            if rural:
                e.add("%s countryside" % v)
                e.add("rural %s" % v)
                e.add("countryside of %s" % v)
        for v in ar:
            e.add("محافظة " + v)
            if rural:
                e.add("ريف " + v)


# ---------------------------------------------------------------------------
# Places: Who's On First villages and neighbourhoods
# ---------------------------------------------------------------------------
WOF_REGION = {"Aleppo": "sy-aleppo", "Ar Raqqah": "sy-raqqa", "As Suwayda'": "sy-as-suwayda",
              "Damascus": "sy-damascus", "Dar`a": "sy-daraa", "Days Az Zawr": "sy-deir-ez-zor",
              "Hamah": "sy-hama", "Hasaka (Al Haksa)": "sy-al-hasakah", "Homs (Hims)": "sy-homs",
              "Idlib": "sy-idlib", "Lattakia": "sy-latakia", "Quneitra": "sy-quneitra",
              "Rif Dimashq": "sy-rif-dimashq", "Tartus": "sy-tartus"}
WOF_PLACETYPES = {"locality": "village", "neighbourhood": "neighbourhood"}
VILLAGE_PRIORITY = {"village": 25, "neighbourhood": 28}
# News spellings of the GeoNames/BGN romanisation, token by token: the first form is the one news
# prefers, the others are further variants.
NEWS_TOKENS = {"dayr": ["Deir"], "tall": ["Tal", "Tell"], "ayn": ["Ain"], "shaykh": ["Sheikh"],
               "khirbat": ["Khirbet"], "kafr": ["Kafr", "Kfar"], "jabal": ["Jebel", "Jabal"],
               "bayt": ["Beit"], "qaryat": ["Qaryat"], "hayy": ["Hay"], "ras": ["Ras"],
               "zawr": ["Zor", "Zour"], "mazraat": ["Mazraat"], "tallat": ["Tallet"]}
ARTICLES = {"al", "ad", "adh", "an", "ar", "as", "ash", "at", "ath", "az", "el", "ed", "en", "er", "es",
            "esh", "et", "ez"}


def _cap(w):
    return w[:1].upper() + w[1:]


def news_variants(name):
    """News spellings of a GeoNames romanisation, by rule: 'Dayr al `Adas' -> 'Deir al-Adas';
    'Tall Tamr' -> 'Tal Tamr', 'Tell Tamr'; 'Ayn al Arab' -> 'Ain al-Arab'; assimilated articles
    ('ash Shaykh') also as 'al-Sheikh'; final -ah also as -a; doubled letters once; 'Kafr Nabl' also
    joined ('Kafrnabl'); 'az'/'ash' also as 'ez'/'esh'. Returns display forms, first the main news form; dedupe by fold is the caller's."""
    base = asciify(name).replace("`", "'")
    words = [w.strip("'") for w in base.split()]
    words = [w for w in words if w]
    if not words:
        return []

    def render(ws, article, alt=0, collapse=False, final_a=True):
        out = []
        i = 0
        while i < len(ws):
            w = ws[i]
            low = w.lower().replace("'", "")
            if low in ARTICLES and i + 1 < len(ws):
                keep = low if low != "el" else "al"
                art = {"keep": keep, "al": "al", "e": "e" + keep[1:]}[article]
                nxt = render_word(ws[i + 1], alt, collapse, final_a)
                out.append("%s-%s" % (art if out else _cap(art), nxt))
                i += 2
                continue
            out.append(render_word(w, alt, collapse, final_a))
            i += 1
        return " ".join(out)

    def render_word(w, alt, collapse, final_a):
        low = w.lower().replace("'", "")
        forms = NEWS_TOKENS.get(low)
        if forms:
            w = forms[min(alt, len(forms) - 1)]
        if collapse:
            w = re.sub(r"([bcdfghjklmnpqrstvwxz])\1", r"\1", w)
        if final_a and len(w) > 4 and w.endswith("ah") and w[-3] not in "aeiou":
            w = w[:-1]
        return _cap(w)

    out = [render(words, "keep"), render(words, "al"), render(words, "al", collapse=True),
           " ".join(_cap(w) for w in words)]
    first = words[0].lower()
    if first == "kafr" and len(words) == 2:
        head = render_word(words[0], 0, False, True)
        out.append(head + words[1].lower().replace("'", ""))
    return out


def long_enough(v):
    return is_arabic(v) or len(fold(v).replace(" ", "")) >= 4


def build_wof_villages(data, ents, notes):
    """Syrian localities (villages) and neighbourhoods from Who's On First that the other sources lack.
    admin1 comes from the WOF region, else from the nearest OpenSyria sub-district centroid; admin2 is the
    district of the nearest sub-district centroid in the governorate (approximate, like other towns).
    A village alias that another entity already has is dropped (a village called Homs does not take Homs);
    a village left with no alias of its own is dropped."""
    og = os.path.join(data, "opensyria-geography")
    govs = {g["id"]: g["name"]["en"] for g in load_json(os.path.join(og, "governorates.json"))}
    dists = {d["id"]: d["name"]["en"] for d in load_json(os.path.join(og, "districts.json"))}
    subs = [(s["governorateId"], float(s["centroid"]["latitude"]), float(s["centroid"]["longitude"]),
             dists[s["districtId"]]) for s in load_json(os.path.join(og, "subdistricts.json"))]
    taken = {}
    sy_places = []
    for e in ents.values():
        for a in e.aliases:
            taken.setdefault(a.key, e.id)
        if e.type == "place" and e.country == "SY" and e.lat != "":
            sy_places.append((float(e.lat), float(e.lon), {a.key for a in e.aliases}, e.id))
    rows = read_tsv(os.path.join(data, "whosonfirst-levant", "SY_places.tsv"))
    counts = {"rows": 0, "known": 0, "duplicate": 0, "no_alias": 0, "added": 0, "admin_from_coords": 0}
    village_keys = {}
    for r in sorted(rows, key=lambda r: int(r["wof_id"])):
        sub = WOF_PLACETYPES.get(r["placetype"])
        if not sub or r["deprecated"] or r["country"] != "SY":
            continue
        counts["rows"] += 1
        gid = r["gn_id"]
        eid = "gn-" + gid if gid else "wof-" + r["wof_id"]
        if eid in ents:
            counts["known"] += 1
            continue
        lat, lon = float(r["lat"]), float(r["lon"])
        ar = uniq_folded([x for x in (clean_arabic(x) for x in split_bar(r["names_arabic_script"])) if x])
        # French transliterations ('Abou', 'Moutouasta') are not news spellings
        latin = [r["name"]] + [v for v in split_bar(r["names_latin_variants"])
                               if "ou" not in v.lower() and good_latin_variant(v, [r["name"]], ar[:1], syrian=True)]
        forms = []
        for v in latin:
            forms += news_variants(v)
        forms = [v for v in uniq_folded(forms) if long_enough(v) and fold(v) not in STOP and good_plain(v)]
        keys = {fold(v) for v in forms + ar}
        # the same place from another source (a cities500 town or a seat town), within 5 km
        if any(keys & ks and haversine(lat, lon, la, lo) < 5 for la, lo, ks, _ in sy_places):
            counts["duplicate"] += 1
            continue
        gov = WOF_REGION.get(r["region"], "")
        near = [(haversine(lat, lon, la, lo), g, dn) for g, la, lo, dn in subs if not gov or g == gov]
        near.sort()
        if not gov:
            counts["admin_from_coords"] += 1
            gov = near[0][1]
        name = forms[0] if forms else asciify(r["name"])
        e = Entity(eid, name, "place", sub, country="SY", admin1=govs[gov], admin2=near[0][2],
                   lat=r["lat"], lon=r["lon"], geonames=gid, origin="wof")
        e.priority = VILLAGE_PRIORITY[sub]
        for v in forms + ar[:2]:
            if fold(v) in taken:
                notes.append("village alias taken by %s: %s %s" % (taken[fold(v)], eid, v))
                continue
            e.add(v)
        if not e.aliases:
            counts["no_alias"] += 1
            continue
        if not any(a.key == fold(name) for a in e.aliases):
            latin_left = [a.text for a in e.aliases if not is_arabic(a.text)]
            # only Arabic aliases left: a bracketed name is not an implicit alias (see README)
            e.name = latin_left[0] if latin_left else "%s (%s)" % (asciify(r["name"]), govs[gov])
        for a in e.aliases:
            village_keys.setdefault(a.key, []).append(eid)
        ents[eid] = e
        counts["added"] += 1
    notes.append("wof villages: %s" % " ".join("%s=%d" % kv for kv in sorted(counts.items())))
    return counts


# ---------------------------------------------------------------------------
# Places: neighbours and world capitals
# ---------------------------------------------------------------------------
NEIGHBOURS = {"LB", "IQ", "JO", "TR", "IL", "PS", "CY"}
# border towns and places that news cites even though they are small (matched by GeoNames name)
NEIGHBOUR_EXTRA_NAMES = {
    "LB": ["Hermel", "Arsal", "Baalbek", "Zahlé", "Tyre", "Sidon", "Tripoli", "Beirut", "Chtaura",
           "Nabatîyé et Tahta", "Jounieh", "Byblos", "Halba", "Qoubaiyat", "Al Qusayr"],
    "IQ": ["Al Qā’im", "Sinjar", "Rabī‘ah", "Tall ‘Afar", "Zākhū", "Ḩadīthah", "Ar Rutbah", "Ḩuşaybah",
           "Rāwah", "Ānah", "Al Fallūjah", "Ramadi", "Kirkuk", "Erbil", "Mosul", "Dihok", "Sulaymaniyah",
           "Tikrīt", "Sāmarrā’", "Fāyīsh Khābūr", "Baghdad"],
    "JO": ["Ar Ramthā", "Mafraq", "Jābir", "Irbid", "Amman", "Zarqa", "Ruwaished", "Az Za‘tarī"],
    "TR": ["Kilis", "Reyhanlı", "Antakya", "Gaziantep", "Şanlıurfa", "Akçakale", "Ceylanpınar",
           "Nusaybin", "Mardin", "Cizre", "Suruç", "Karkamış", "Elbeyli", "Yayladağı", "Altınözü",
           "İskenderun", "Adana", "Ankara", "Istanbul", "Öncüpınar", "İncirlik", "Kızıltepe", "Birecik",
           "Hatay", "Islahiye"],
    "IL": ["Tel Aviv", "Jerusalem", "Haifa", "Eilat", "Tiberias", "Safed", "Katzrin", "Qiryat Shemona",
           "Majdal Shams"],
    "PS": ["Gaza", "Hebron", "Nablus", "Ramallah", "Jenin", "Rafah", "Khan Yunis", "Bethlehem"],
    "CY": ["Nicosia", "Limassol", "Larnaca"],
}
# capitals skipped: territories, names that are common words or personal names
CAPITAL_SKIP = {"AS", "AI", "AW", "AX", "BL", "BM", "CC", "CX", "FK", "FO", "GF", "GG", "GI", "GL",
                "GP", "GS", "GU", "HK", "IM", "IO", "JE", "KY", "MF", "MO", "MP", "MQ", "MS", "NC",
                "NF", "NU", "PF", "PM", "PN", "PR", "RE", "SH", "SJ", "SX", "TC", "TF", "VG", "VI",
                "WF", "YT", "CK", "EH", "BQ",
                # capitals named like common words / people
                "SC", "JM", "VC", "GY", "AG", "GD", "DM", "LC", "KN", "BS", "CL", "PE", "MV",
                "SY", "IL", "PS",
                # city-states: the capital's name is the country's name
                "DJ", "LU", "MC", "SM", "SG", "VA"}


def build_foreign_places(data, ents, syrian_keys):
    gdir = os.path.join(data, "geonames-cities500")
    rows = read_tsv(os.path.join(gdir, "neighbours_cities500.tsv"))
    wanted = {}
    for cc, names in NEIGHBOUR_EXTRA_NAMES.items():
        for n in names:
            wanted[(cc, fold(n))] = True
    best = {}
    for r in rows:
        cc = r["country_code"]
        pop = int(r["population"] or 0)
        names = {fold(r["name"]), fold(asciify(r["name"]))}
        hit = any((cc, n) in wanted for n in names)
        if pop < 100000 and not hit:
            continue
        # Turkey: only big cities (>= 500k) outside the metropolitan districts of Istanbul/Ankara/Izmir
        if cc == "TR" and not hit and (pop < 500000 or r["admin1_code"] in ("34", "68", "35")):
            continue
        if r["name"].startswith("West Jerusalem") or "Nāḩiyat" in r["name"]:
            continue
        key = (cc, fold(asciify(r["name"])))
        if key in best and int(best[key]["population"] or 0) >= pop:
            continue
        best[key] = r
    out = []
    for key in sorted(best):
        r = best[key]
        out.append(make_foreign_city(r, 30 + min(9, int(math.log10(int(r["population"] or 0) + 1)))))
    caps = read_tsv(os.path.join(gdir, "world_capitals.tsv"))
    for r in caps:
        cc = r["country_code"]
        if cc in CAPITAL_SKIP:
            continue
        gid = "gn-" + r["geonameid"]
        if any(e.id == gid for e in out):
            for e in out:
                if e.id == gid:
                    e.subtype = "capital"
            continue
        if cc in NEIGHBOURS:
            continue
        out.append(make_foreign_city(r, 20, capital=True))
    for e in out:
        ents[e.id] = e


ARABIC_SPEAKING = {"IQ", "LB", "JO", "PS"}


def make_foreign_city(r, prio, capital=False):
    """Foreign city: name (+ASCII form) and its first Arabic names; GeoNames alternates only for Arabic-speaking
    neighbours (filtered like Syrian ones) - elsewhere they are mostly foreign-language exonyms."""
    name = asciify(r["name"])
    e = Entity("gn-" + r["geonameid"], name, "place", "capital" if capital else "city",
               country=r["country_code"], lat=r["latitude"], lon=r["longitude"], geonames=r["geonameid"],
               origin="geonames-foreign")
    e.priority = prio
    add_latin(e, r["name"])
    ar = [x for x in (clean_arabic(x) for x in split_bar(r["alternatenames_arabic"])) if x]
    if r["country_code"] in ARABIC_SPEAKING:
        for v in split_bar(r["alternatenames_other"]):
            if good_latin_variant(v, [r["name"]], ar[:1], syrian=True) and fold(v) not in STOP:
                add_latin(e, v)
    for x in ar[:2]:
        e.add(x)
    return e


# ---------------------------------------------------------------------------
# States (countries)
# ---------------------------------------------------------------------------
def build_countries(data, ents):
    iso = read_tsv(os.path.join(data, "iso3166-pycountry", "countries_iso3166-1.tsv"))
    gn = {r["iso"]: r for r in read_tsv(os.path.join(data, "geonames-cities500", "countries.tsv"))}
    caps = {r["country_code"]: r for r in read_tsv(os.path.join(data, "geonames-cities500", "world_capitals.tsv"))}
    for r in iso:
        cc = r["alpha_2"]
        g = gn.get(cc, {})
        name = g.get("name") or r["common_name"] or r["name"]
        e = Entity("country-" + cc.lower(), name, "state", "country", country=cc,
                   geonames=g.get("geonameid", ""), origin="iso3166")
        cap = caps.get(cc)
        if cap:
            e.lat, e.lon = cap["latitude"], cap["longitude"]
        e.priority = 90
        e.add(name)
        for k in ("common_name", "name", "official_name"):
            v = r.get(k, "")
            if v and "," not in v and "(" not in v:
                e.add(v)
        ar = clean_arabic(r.get("name_ar", ""))
        if ar:
            e.add(ar)
        ents[e.id] = e


# ---------------------------------------------------------------------------
# Curated actors and media
# ---------------------------------------------------------------------------
MEDIA_KIND = {
    "war_monitor": ("organization", "monitor"), "rights_monitor": ("organization", "monitor"),
    "local_monitor": ("organization", "monitor"), "rescue_ngo": ("organization", "ngo"),
    "rights_ngo": ("organization", "ngo"), "medical_ngo": ("organization", "ngo"),
    "un_agency": ("organization", "un"), "un_body": ("organization", "un"),
    "international_org": ("organization", "intergovernmental"), "data_project": ("organization", "research"),
    "state_news_agency": ("media", "state_media"), "state_broadcaster": ("media", "state_media"),
    "newspaper": ("media", "newspaper"), "online_outlet": ("media", "online"),
    "broadcaster": ("media", "broadcaster"), "news_agency": ("media", "agency"),
    "wire_agency": ("media", "agency"),
}
ACTOR_COUNTRY = {"assad_government_pre2024": "SY", "transitional_government": "SY", "aanes": "SY",
                 "turkey_backed": "SY", "opposition": "SY", "hts": "SY", "sweida_druze": "SY",
                 "daraa_local": "SY", "turkey": "TR", "israel": "IL", "russia": "RU", "us_coalition": "US"}


def build_curated(data, ents):
    cdir = os.path.join(data, "curated-syria-actors")
    for r in read_tsv(os.path.join(cdir, "actors.tsv")):
        t = "person" if r["actor_type"] == "person" else "armed_group"
        sub = "" if t == "person" else r["actor_type"]
        e = Entity(r["id"], r["canonical_name"], t, sub, affiliation=r["alignment"],
                   country=ACTOR_COUNTRY.get(r["alignment"], ""), origin="curated")
        e.priority = 50
        e.add(r["canonical_name"], curated=True)
        for a in split_bar(r["aliases_en"]) + split_bar(r["abbreviations"]) + split_bar(r["aliases_ar"]):
            e.add(a, curated=True)
        ents[e.id] = e
    for r in read_tsv(os.path.join(cdir, "media_sources.tsv")):
        t, sub = MEDIA_KIND.get(r["source_type"], ("organization", "ngo"))
        e = Entity(r["id"], r["canonical_name"], t, sub, affiliation=r["affiliation_or_stance"],
                   origin="curated")
        e.priority = 50
        e.add(r["canonical_name"], curated=True)
        for a in split_bar(r["aliases_en"]) + split_bar(r["abbreviations"]) + split_bar(r["aliases_ar"]):
            e.add(a, curated=True)
        ents[e.id] = e


# Phoenix: only hand-mapped entries, and only aliases matching the given pattern.
PHOENIX_MAP = [
    ("JABHAT AL NUSRA", "jabhat_al_nusra", r"NUSRA"),
    ("AHRAR AL SHAM", "ahrar_al_sham", r"AHRAR"),
    ("THE ISLAMIC STATE", "islamic_state", r"DA|ISI"),
    ("ISLAMIC STATE OF IRAQ AND THE LEVANT", "islamic_state", r"^ISLAMIC STATE OF IRAQ AND"),
    ("HEZBOLLAH", "hezbollah", r"^H[IE]ZB"),
    ("HAMAS", "hamas", r"RESISTANCE MOVEMENT|MUQAWAM"),
    ("IZZ AD-DIN AL QASSAM", "qassam_brigades", r"QASSAM"),
    ("AL QA'IDA", "al_qaeda", r"^(AL[ -])?QA'?[IE]?DA$|^AL QAIDA$"),
    ("KURDISTAN WORKERS' PARTY", "pkk", r"KONGRA|KADEK"),
    ("TAWHID BRIGADE", "liwa_al_tawhid", r"TAWHID"),
    ("SUQOUR AL SHAM BRIGADE", "suqour_al_sham", r"SUQOUR|FALCONS"),
    ("JAISH AL MUHAJIREEN WAL ANSAR", "jaish_al_muhajireen", r"JAISH AL.MUHAJIREEN"),
    ("JUND AL AQSA", "jund_al_aqsa", r"AQSA"),
    ("HAZM MOVEMENT", "hazm", r"HAZM"),
    ("SYRIAN REVOLUTIONARY FRONT", "syrian_revolutionaries_front", r"FRONT"),
    ("SYRIAN NATIONAL COALITION", "syrian_national_coalition", r"COALITION"),
    ("SYRIAN NATIONAL COUNCIL", "syrian_national_council", r"COUNCIL"),
    ("THE ISLAMIC FRONT", "islamic_front", r"JABHAT"),
    ("JAYSH AL SHA'BI", "jaysh_al_shabi", r"^JAYSH AL.SHA'?B?I$"),
    ("ABU MOHAMMAD AL JAWLANI", "ahmed_al_sharaa", r"J[AO]U?[WL]LANI|GOLANI"),
    ("OSAMA BIN LADEN", "osama_bin_laden", r"BIN LAD"),
    ("AYMAN AL ZAWAHIRI", "ayman_al_zawahiri", r"AYMAN"),
    ("MAHDI ARMY", "mahdi_army", r"ARMY"),
    ("PATRIOTIC UNION OF KURDISTAN", "puk", r"^PUK$"),
    ("ANSAR AL-ISLAM", "ansar_al_islam", r"ANSAR"),
]


SMALL_WORDS = {"al", "wal", "ash", "ad", "ar", "as", "az", "fi", "wa", "bin", "of", "the", "and", "in", "for"}


def phoenix_title(s):
    """'ISLAMIC STATE OF IRAQ AND AL-SHAM' -> 'Islamic State of Iraq and al-Sham'"""
    out = []
    for i, w in enumerate(s.lower().split(" ")):
        parts = w.split("-")
        parts = [p if (p in SMALL_WORDS and (i > 0 or j > 0)) else p[:1].upper() + p[1:]
                 for j, p in enumerate(parts)]
        out.append("-".join(parts))
    return " ".join(out)


def add_phoenix(data, ents, notes):
    path = os.path.join(data, "phoenix-dictionaries", "syria_region_actor_extract.tsv")
    rows = read_tsv(path)
    by_name = {}
    for r in rows:
        by_name.setdefault(r["primary_name"], []).append(r)
    for pname, target, pat in PHOENIX_MAP:
        if target not in ents:
            notes.append("phoenix: target %s missing for %s" % (target, pname))
            continue
        e = ents[target]
        for r in by_name.get(pname, []):
            for a in [pname] + split_bar(r["aliases"]):
                if not re.search(pat, a) or "(" in a:
                    continue
                if CODE_RE.match(a) and len(a) <= 4:
                    e.add(a)            # abbreviations keep upper case (case-sensitive)
                else:
                    e.add(phoenix_title(a))


# ---------------------------------------------------------------------------
# Extras and stop-list
# ---------------------------------------------------------------------------
def load_stoplist(path):
    stop = set()
    if not os.path.exists(path):
        return stop
    with open(path, encoding="utf-8") as f:
        for ln in f:
            ln = ln.split("#", 1)[0].strip()
            if ln:
                stop.add(fold(ln))
    return stop


VILLAGE_EXTRAS = "villages.tsv"    # applied after the villages are built (the others before)


def apply_extras(extra_dir, ents, errors, villages=False):
    files = sorted(p for p in glob.glob(os.path.join(extra_dir, "*.tsv"))
                   if (os.path.basename(p) == VILLAGE_EXTRAS) == villages)
    for path in files:
        rel = os.path.relpath(path)
        header = None
        for ln_no, parts in tsv_rows(path):
            if header is None:
                header = parts
                if header != COLUMNS:
                    errors.append("%s:%d: header must be exactly: %s" % (rel, ln_no, " ".join(COLUMNS)))
                    break
                continue
            if len(parts) != len(COLUMNS):
                errors.append("%s:%d: %d columns, expected %d" % (rel, ln_no, len(parts), len(COLUMNS)))
                continue
            row = dict(zip(COLUMNS, [p.strip() for p in parts]))
            eid = row["id"]
            if not ID_RE.match(eid):
                errors.append("%s:%d: bad id %r" % (rel, ln_no, eid))
                continue
            e = ents.get(eid)
            if row["type"] == "DELETE":
                if e is None:
                    errors.append("%s:%d: DELETE of unknown id %s" % (rel, ln_no, eid))
                else:
                    del ents[eid]
                continue
            if e is None:
                if row["type"] not in TYPE_FILES or not row["name"]:
                    errors.append("%s:%d: new entity %s needs a name and a valid type" % (rel, ln_no, eid))
                    continue
                e = Entity(eid, row["name"], row["type"], row["subtype"], origin="extra")
                e.priority = 0
                ents[eid] = e
                e.add(row["name"], curated=True)
            e.extra_src = "%s:%d" % (rel, ln_no)
            for c in COLUMNS[1:]:
                if c == "aliases" or not row[c]:
                    continue
                if c == "priority":
                    e.priority = int(row[c])
                elif c == "name":
                    e.name = row[c]
                    e.aliases.insert(0, Alias(row[c], curated=True))
                else:
                    setattr(e, c, row[c])
            for raw in split_bar(row["aliases"]):
                if raw == "-*":
                    e.aliases = [a for a in e.aliases if a.curated]
                elif raw.startswith("-"):
                    k = fold(raw[1:].lstrip("?=~"))
                    e.aliases = [a for a in e.aliases if a.key != k]
                    e.removed = getattr(e, "removed", set()) | {k}
                else:
                    a = parse_alias(raw, curated=True)
                    a.explicit = True
                    if hasattr(e, "removed"):
                        e.removed.discard(a.key)
                    # an explicit curated form replaces the flags of an existing one
                    e.aliases = [x for x in e.aliases if x.key != a.key]
                    e.aliases.append(a)


# ---------------------------------------------------------------------------
# Finalisation: dedupe, filters, collisions
# ---------------------------------------------------------------------------
GENERIC_TAIL = re.compile(r" (?:fighters|militants|militia|militiamen|jihadists|gunmen)$")
MODIFIER_SUFFIX = re.compile(r"-(?:led|backed|linked|affiliated|aligned|allied|based|sponsored|supported)$", re.I)


def bare_name(name):
    """The name without a bracketed qualifier ("Ashrafieh (Aleppo)" -> "Ashrafieh"). The claimex loader
    rejects brackets in aliases and does not match a bracket-qualified name implicitly."""
    return re.sub(r"\s*\([^()]*\)$", "", name)


def finalise_aliases(ents):
    """Drop stop-listed/removed/too-short aliases and duplicates (same fold; a case-insensitive form covers
    case-sensitive ones); make sure the canonical name is listed (first) among the aliases."""
    for e in ents.values():
        seen = {}
        out = []
        removed = getattr(e, "removed", set())
        # a bracket-qualified name is ambiguous bare: the claimex loader does not add it implicitly
        name_key = fold(e.name) if bare_name(e.name) == e.name else None
        if name_key and not any(a.key == name_key for a in e.aliases) and name_key not in removed:
            e.aliases.insert(0, Alias(e.name, curated=True))
        for a in e.aliases:
            k = a.key
            if not k or k in removed or any(ch in a.text for ch in "()[]"):
                continue
            # "HTS-led", "Tehran-backed": a modifier, not a name; the matcher finds the name before the suffix
            if MODIFIER_SUFFIX.search(a.text):
                continue
            if k in STOP and not a.case_protected():
                continue
            # short case-insensitive aliases are not allowed
            if len(k) < 3 and not a.is_cs():
                continue
            if k in seen:
                prev = seen[k]
                # keep the explicit (extra-file) form; a case-insensitive form covers a case-sensitive one
                if a.explicit and not prev.explicit:
                    out[out.index(prev)] = a
                    seen[k] = a
                elif prev.is_cs() and not a.is_cs() and not prev.explicit:
                    out[out.index(prev)] = a
                    seen[k] = a
                continue
            seen[k] = a
            out.append(a)
        # "HTS fighters" when "HTS" is an alias already: the mention is the name, not the name plus a noun
        keys = {a.key for a in out}
        out = [a for a in out if a.key == name_key or not (GENERIC_TAIL.search(a.key) and GENERIC_TAIL.sub("", a.key) in keys)]
        # canonical name first
        out.sort(key=lambda a: 0 if a.key == name_key else 1)
        e.aliases = out


def resolve_collisions(ents, notes):
    """Auto-resolve collisions: place<->place -> mark shared ('?'); auto alias vs curated alias of
    another entity -> drop the auto one; countries beat cities.  Curated<->curated collisions must be
    resolved by hand in the extra files (lint reports them)."""
    owners = {}
    for e in sorted(ents.values(), key=lambda x: x.id):
        for a in e.aliases:
            owners.setdefault(a.key, []).append((e, a))
    for k in sorted(owners):
        lst = owners[k]
        if len(lst) < 2:
            continue
        if all(a.shared for _, a in lst):
            continue
        strong = [(e, a) for e, a in lst if a.curated or e.type == "state"]
        weak = [(e, a) for e, a in lst if not (a.curated or e.type == "state")]
        if strong and weak:
            for e, a in weak:
                # never strip an entity's own name; share it instead
                if fold(e.name) == k:
                    a.shared = True
                    for e2, a2 in strong:
                        if not a2.shared:
                            notes.append("collision kept (own name): %s %s vs %s" % (k, e.id, e2.id))
                    continue
                e.aliases.remove(a)
            lst = strong + [(e, a) for e, a in weak if a in e.aliases]
            if len(strong) == 1 and all(a in e.aliases for e, a in weak) and len(lst) > 1:
                pass
        if len([1 for e, a in lst]) < 2:
            continue
        types = {e.type for e, _ in lst}
        if types == {"place"} and not all(a.curated for _, a in lst):
            for _, a in lst:
                a.shared = True


# ---------------------------------------------------------------------------
# Weak names: aliases that count only with evidence ('~')
# ---------------------------------------------------------------------------
WEAK_REASONS = ("chemical_or_weapon", "institution_name", "english_word", "given_name", "bigger_place_elsewhere",
                "common_place_name")
COMMON_PLACE_NAME = 3     # an alias of this many places or more is a common noun ("al-Qasr", "Burj")
WEAK_EXEMPT_SUBTYPES = {"governorate", "district", "subdistrict"}   # their aliases are qualified forms
MAJOR_PLACE_PRIORITY = 70     # governorate capitals and big cities are never weak
ARTICLE_WORDS = {"al", "el", "ad", "an", "ar", "as", "ash", "at", "ath", "az", "ed", "en", "er", "es", "esh",
                 "et", "ez"}


def tsv_rows(path):
    """(line number, cells) of each row of a TSV file, header included; blank lines and
    `#` comments are skipped."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for no, ln in enumerate(lines, 1):
        if ln.strip() and not ln.startswith("#"):
            yield no, ln.split("\t")


def load_weak_hand(path, errors):
    hand = {}
    rel = os.path.relpath(path)
    header = None
    for no, cells in tsv_rows(path):
        if header is None:
            header = cells
            continue
        if len(cells) != 3 or cells[1] not in WEAK_REASONS[:2]:
            errors.append("%s:%d: expected 'alias<TAB>reason<TAB>note' with reason %s" %
                          (rel, no, " or ".join(WEAK_REASONS[:2])))
            continue
        hand[fold(cells[0])] = (cells[1], cells[2])
    return hand


def load_words(path, column=None):
    """A lower-cased word set from a one-word-a-line file, or from a TSV column."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if column is None:
        return {fold(w) for w in lines if w.strip()}
    header = lines[0].split("\t")
    i = header.index(column)
    return {fold(ln.split("\t")[i]) for ln in lines[1:] if ln.strip()}


def mark_weak(ents, hand, english, given):
    """Mark place aliases weak and return the report rows (entity id, alias, reason, detail).

    A place alias is weak when it is a chemical/weapon or an institution's name (hand list), an English
    word (a one-word alias, article aside), a given name (idem), when a bigger place (a higher priority)
    elsewhere has the same alias, or (for villages) when COMMON_PLACE_NAME or more places share it (a common noun). Arabic-script aliases, countries, admin units and major cities (priority
    >= 70) are never weak."""
    owners = {}
    for e in ents.values():
        for a in e.aliases:
            owners.setdefault(a.key, []).append(e)
    report = []
    for e in sorted(ents.values(), key=lambda x: x.id):
        prio = int(e.priority or 0)
        if e.type != "place" or e.subtype in WEAK_EXEMPT_SUBTYPES or prio >= MAJOR_PLACE_PRIORITY:
            continue
        for a in e.aliases:
            if is_arabic(a.text):
                continue
            k = a.key
            words = k.split()
            core = " ".join(words[1:]) if len(words) > 1 and words[0] in ARTICLE_WORDS else k
            reason = detail = None
            if k in hand or core in hand:
                reason, detail = hand.get(k) or hand[core]
            elif " " not in core and core in english:
                reason, detail = "english_word", core
            elif " " not in core and core in given:
                reason, detail = "given_name", core
            else:
                bigger = [o for o in owners.get(k, []) if o is not e and int(o.priority or 0) > prio]
                places = {o.id for o in owners.get(k, []) if o.type == "place"}
                if bigger:
                    top = max(bigger, key=lambda o: (int(o.priority or 0), o.id))
                    reason, detail = "bigger_place_elsewhere", "%s %s (%s)" % (top.id, top.name, top.country)
                elif len(places) >= COMMON_PLACE_NAME and e.subtype in WOF_PLACETYPES.values():
                    reason, detail = "common_place_name", "%d places" % len(places)
            if reason:
                a.weak = True
                report.append((e.id, a.text, reason, detail))
    return report


def write_weak_report(out_dir, report):
    lines = ["# Generated by scripts/build_gazetteers.py - every weak ('~') alias and why; do not edit",
             "entity\talias\treason\tdetail"]
    lines += ["\t".join(r) for r in sorted(report)]
    # in a subfolder: `claimex --gazetteers DIR` loads every *.tsv in DIR as a gazetteer
    os.makedirs(os.path.join(out_dir, "report"), exist_ok=True)
    with open(os.path.join(out_dir, "report", "weak_aliases.tsv"), "wb") as f:
        f.write(("\n".join(lines) + "\n").encode("utf-8"))


def lint(out_dir, files_rows, errors):
    """Lint the rendered output. files_rows: {filename: [(line_no, row_values)]}"""
    ids = {}
    owners = {}
    for fn in sorted(files_rows):
        for ln, row in files_rows[fn]:
            loc = "%s:%d" % (os.path.join(os.path.relpath(out_dir), fn), ln)
            eid = row[0]
            if eid in ids:
                errors.append("%s: duplicate id %s (also %s)" % (loc, eid, ids[eid]))
            ids[eid] = loc
            if not ID_RE.match(eid):
                errors.append("%s: bad id %r" % (loc, eid))
            if TYPE_FILES.get(row[2]) != fn:
                errors.append("%s: type %s does not belong in %s" % (loc, row[2], fn))
            for cell in row:
                if "\t" in cell or "\n" in cell or "\r" in cell:
                    errors.append("%s: tab/newline inside a cell" % loc)
            if row[14] and not re.match(r"^-?\d+$", row[14]):
                errors.append("%s: priority must be an integer" % loc)
            if row[10] and not row[10].isdigit():
                errors.append("%s: geonames must be numeric, got %r" % (loc, row[10]))
            for c in (8, 9):
                if row[c] and not re.match(r"^-?\d{1,3}(\.\d{1,5})?$", row[c]):
                    errors.append("%s: bad %s %r" % (loc, COLUMNS[c], row[c]))
            if row[13] and not PERIOD_RE.match(row[13]):
                errors.append("%s: bad period %r" % (loc, row[13]))
            if row[5] and not re.match(r"^[A-Z]{2}$", row[5]):
                errors.append("%s: bad country %r" % (loc, row[5]))
            if fold(row[1]) in STOP:
                errors.append("%s: name %r is on the stop-list (the name is implicitly an alias)" % (loc, row[1]))
            if any(ch in row[4] for ch in "()[]"):
                errors.append("%s: an alias contains a bracket" % loc)
            qualified = bare_name(row[1]) != row[1]
            if row[4] and not qualified and fold(row[1]) not in {parse_alias(x).key for x in row[4].split("|")}:
                errors.append("%s: name %r is not among the aliases" % (loc, row[1]))
            seen = set()
            for raw in row[4].split("|") if row[4] else []:
                a = parse_alias(raw)
                if not a.text:
                    errors.append("%s: empty alias in %s" % (loc, eid))
                    continue
                k = a.key
                if not k:
                    errors.append("%s: alias %r folds to nothing" % (loc, raw))
                    continue
                if len(k) < 3 and not a.is_cs():
                    errors.append("%s: alias %r shorter than 3 folded chars must be '=' or all-caps" % (loc, raw))
                if k in seen:
                    errors.append("%s: duplicate alias %r in %s" % (loc, raw, eid))
                seen.add(k)
                if k in STOP and not a.case_protected():
                    errors.append("%s: alias %r is on the stop-list" % (loc, raw))
                if a.weak and is_arabic(a.text):
                    errors.append("%s: Arabic-script alias %r is marked weak" % (loc, raw))
                owners.setdefault(k, []).append((eid, a.shared, loc))
    for k in sorted(owners):
        lst = owners[k]
        if len({x[0] for x in lst}) > 1 and not all(x[1] for x in lst):
            bad = [x for x in lst if not x[1]]
            errors.append("%s: alias %r shared by %s without '?' on every one" %
                          (bad[0][2], k, ", ".join(x[0] for x in lst)))


# ---------------------------------------------------------------------------
def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(here)
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=os.path.join(repo, "data", "sources"))
    ap.add_argument("--out", default=os.path.join(repo, "gazetteers"))
    ap.add_argument("--extra", default=os.path.join(here, "gazetteer_extra"))
    ap.add_argument("--stoplist", default=os.path.join(here, "gazetteer_stoplist.txt"))
    ap.add_argument("--weak", default=os.path.join(here, "gazetteer_weak.tsv"))
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()

    global STOP
    STOP = load_stoplist(args.stoplist)
    ents = {}
    notes = []
    errors = []

    build_curated(args.data, ents)
    gov_ent, towns = build_syria_places(args.data, ents, notes)
    build_foreign_places(args.data, ents, set())
    build_countries(args.data, ents)
    apply_extras(args.extra, ents, errors)
    add_phoenix(args.data, ents, notes)
    add_governorate_qualified(gov_ent, ents)
    village_counts = build_wof_villages(args.data, ents, notes)
    apply_extras(args.extra, ents, errors, villages=True)
    finalise_aliases(ents)
    resolve_collisions(ents, notes)
    # drop entities left without aliases, and source entities whose own name is stop-listed
    for eid in sorted(ents):
        e = ents[eid]
        if fold(e.name) in STOP and not hasattr(e, "extra_src"):
            notes.append("entity with a stop-listed name dropped: %s %s" % (eid, e.name))
            del ents[eid]
            continue
        if not e.aliases:
            notes.append("entity without aliases dropped: %s" % eid)
            del ents[eid]
    english = load_words(os.path.join(args.data, "english-words", "words.txt"))
    given = load_words(os.path.join(args.data, "given-names", "given_names.tsv"), "name")
    weak_report = mark_weak(ents, load_weak_hand(args.weak, errors), english, given)

    if errors:
        for m in errors:
            print(m, file=sys.stderr)
        sys.exit(1)

    os.makedirs(args.out, exist_ok=True)
    files_rows = {}
    comment = "# Generated by scripts/build_gazetteers.py from data/sources and scripts/gazetteer_extra - do not edit; regenerate with: python3 scripts/build_gazetteers.py"
    for t, fn in sorted(TYPE_FILES.items(), key=lambda x: x[1]):
        rows = sorted((e for e in ents.values() if e.type == t), key=lambda e: e.id.encode())
        lines = [comment, "\t".join(COLUMNS)]
        rr = []
        for e in rows:
            e.priority = "" if not e.priority else str(e.priority)
            r = e.row()
            rr.append((len(lines) + 1, r))
            lines.append("\t".join(r))
        files_rows[fn] = rr
        data = ("\n".join(lines) + "\n").encode("utf-8")
        with open(os.path.join(args.out, fn), "wb") as f:
            f.write(data)
    for e in ents.values():
        if e.type not in TYPE_FILES:
            errors.append("%s: unknown type %r for %s" % (getattr(e, "extra_src", "?"), e.type, e.id))
    write_weak_report(args.out, weak_report)
    lint(args.out, files_rows, errors)
    if args.verbose:
        for n in notes:
            print("note:", n, file=sys.stderr)
    # counts
    total_e = total_a = 0
    print("%-18s %8s %8s" % ("file", "entities", "aliases"))
    for fn in sorted(files_rows):
        ne = len(files_rows[fn])
        na = sum(len(r[4].split("|")) for _, r in files_rows[fn] if r[4])
        total_e += ne
        total_a += na
        print("%-18s %8d %8d" % (fn, ne, na))
    print("%-18s %8d %8d" % ("total", total_e, total_a))
    print("wof: %s" % " ".join("%s=%d" % kv for kv in sorted(village_counts.items())))
    by_reason = {}
    for r in weak_report:
        by_reason[r[2]] = by_reason.get(r[2], 0) + 1
    print("weak aliases: %d (%s), listed in report/weak_aliases.tsv" % (
        len(weak_report), ", ".join("%s %d" % (k, by_reason.get(k, 0)) for k in WEAK_REASONS)))
    if errors:
        for m in errors:
            print(m, file=sys.stderr)
        print("lint: %d error(s)" % len(errors), file=sys.stderr)
        sys.exit(1)
    print("lint: ok")


if __name__ == "__main__":
    main()
