"""The package against the CLI: same bytes for the same input, record for record."""

import datetime
import doctest
import json
import pickle
import threading
import time
from pathlib import Path

import pytest

import claimex
from conftest import REPO, SEED, read


def test_seed_is_byte_identical_with_cli_extract(run_cli):
    text = read(SEED)
    stem = Path(SEED).stem
    assert run_cli("extract", SEED) == (claimex.extract_json(text, id=stem, path=SEED) + "\n").encode()
    stdin = run_cli("extract", stdin=(REPO / SEED).read_bytes())
    assert stdin == (claimex.extract_json(text, id="stdin") + "\n").encode()


def test_corpus_folder_is_byte_identical_with_cli_batch(run_cli):
    lines = run_cli("batch", "corpus", "-q").decode().splitlines()
    files = sorted((REPO / "corpus").glob("*.txt"))
    assert len(lines) == len(files) >= 2
    for line, f in zip(lines, files):
        rel = f"corpus/{f.name}"
        assert line == claimex.extract_json(read(rel), id=f.stem, path=rel), rel


RECORDS = [
    {"id": "a", "text": "Activists said HTS seized Hama.", "date": "2024-12-08"},
    {"id": 7, "text": "Hama was reportedly shelled on Monday.", "title": "Shelling", "lang": "en"},
    {"text": "\ufeffThe Syrian Observatory for Human Rights said 12 fighters were killed near Idlib."},
    {"id": "u", "text": "قال ناشطون إن القصف طال حمص.", "source": {"outlet": "x", "n": [1, 2.5]}},
    {"id": "empty", "text": ""},
]


def test_records_are_byte_identical_with_cli_jsonl_batch(run_cli, tmp_path):
    records = RECORDS + [{"id": "seed", "text": read(SEED), "path": "elsewhere"}]
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    expected = run_cli("batch", "--input", "jsonl", str(jsonl), "-q", "-j", "1").decode().splitlines()
    got = claimex.extract_many(records, threads=2, raw=True)
    assert got == expected
    doc = json.loads(got[-1])["document"]
    assert (doc["id"], doc["path"], doc["input_path"]) == ("seed", None, "elsewhere")
    assert json.loads(got[2])["document"]["id"] == "3", "no id: the 1-based position"


def test_user_gazetteer_is_byte_identical_with_cli(run_cli, tmp_path):
    tsv = tmp_path / "mine.tsv"
    tsv.write_text(
        "id\tname\ttype\tsubtype\taliases\tlat\tlon\n"
        "wadi_x\tWadi Xanadu\tplace\tvalley\tXanadu Valley|=WX\t35.1\t38.2\n",
        encoding="utf-8",
    )
    article = tmp_path / "a.txt"
    article.write_text("Rebels said they shelled Wadi Xanadu and the WX road near Hama.\n", encoding="utf-8")
    expected = run_cli("extract", "--gazetteer", str(tsv), str(article))
    got = claimex.Extractor([tsv]).extract_json(article.read_text(), id="a", path=str(article))
    assert expected == (got + "\n").encode()
    ids = [e["id"] for e in json.loads(got)["entities"]]
    assert "wadi_x" in ids and "gn-170017" in ids


def test_offsets_slice_the_text():
    text = read(SEED)
    doc = claimex.extract(text)
    spans = [*doc["sentences"], *doc["mentions"]]
    for c in doc["claims"]:
        spans += [c["cue"], c["content"]] + ([c["source"]] if c["source"] else [])
    assert len(doc["claims"]) > 0 and len(doc["mentions"]) > 10
    for s in spans:
        assert text[s["start"] : s["end"]] == s["text"]
    assert doc["document"]["chars"] == len(text)


def test_extract_is_the_first_of_extract_many_and_threads_keep_order():
    texts = [f"Activists said {n} people fled Aleppo. " * (1 + n % 7) for n in range(60)]
    one = claimex.extract_many(texts, threads=1, raw=True)
    assert claimex.extract_many(texts, threads=4, raw=True) == one
    assert [json.loads(d)["document"]["id"] for d in one] == [str(n) for n in range(1, 61)]
    assert claimex.extract(texts[0]) == json.loads(one[0])
    assert list(claimex.Extractor().iter_many(iter(texts), threads=3)) == [json.loads(d) for d in one]


def test_extract_many_releases_the_gil():
    """While one native call runs on another thread, this thread keeps running Python: with
    the GIL held, its longest pause would be the whole call."""
    native = claimex._extractor()._native
    records = [(str(i), read(SEED), None, None) for i in range(150)]
    took = []

    def call():
        began = time.perf_counter()
        native.extract_batch(records, 1)
        took.append(time.perf_counter() - began)

    worker = threading.Thread(target=call)
    ticks = [time.perf_counter()]
    worker.start()
    while worker.is_alive():
        ticks.append(time.perf_counter())
    worker.join()
    longest = max(b - a for a, b in zip(ticks, ticks[1:]))
    assert len(ticks) > 1000
    assert longest < took[0] / 2, (longest, took)


def test_extractor_pickles_as_its_arguments(tmp_path):
    tsv = tmp_path / "mine.tsv"
    tsv.write_text("id\tname\ttype\taliases\nwadi_x\tWadi Xanadu\tplace\tXanadu Valley\n", encoding="utf-8")
    mine = claimex.Extractor([tsv])
    again = pickle.loads(pickle.dumps(mine))
    text = "Fighting was reported in Xanadu Valley."
    assert again.extract_json(text) == mine.extract_json(text) != claimex.extract_json(text)


def test_date_is_the_article_date():
    doc = claimex.extract("Activists said HTS seized Hama.", datetime.date(2024, 12, 8), id="d")
    assert doc["document"]["date"] == "2024-12-08"
    assert doc["document"]["id"] == "d"
    same = claimex.extract("Activists said HTS seized Hama.", "2024-12-08", id="d")
    assert same == doc
    assert claimex.extract("Activists said HTS seized Hama.")["document"]["date"] is None
    # The date chooses among actors of different periods, as `--date` does in the CLI.
    text = "Government forces shelled the town, activists said."
    before = claimex.extract(text, "2016-05-01")
    after = claimex.extract(text, "2025-05-01")
    assert before["mentions"][0]["entity"] != after["mentions"][0]["entity"]
    with pytest.raises(ValueError):
        claimex.extract(text, "12/03/2016")


def test_user_gazetteers_add_or_replace(tmp_path):
    folder = tmp_path / "gaz"
    folder.mkdir()
    (folder / "mine.tsv").write_text(
        "id\tname\ttype\taliases\nwadi_x\tWadi Xanadu\tplace\tXanadu Valley\n", encoding="utf-8"
    )
    text = "Fighting was reported in Xanadu Valley and in Hama."
    found = lambda x: [m["entity"] for m in x.extract(text)["mentions"]]
    assert found(claimex.Extractor()) == ["gn-170017"]
    assert found(claimex.Extractor([folder])) == ["wadi_x", "gn-170017"]
    only = claimex.Extractor([folder / "mine.tsv"], replace=True)
    assert (only.entity_count, found(only)) == (1, ["wadi_x"])


def test_bad_gazetteers_and_inputs_raise(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("id\tname\ttype\taliases\nx\tX\tplanet\tX\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.tsv:2: "):
        claimex.Extractor([bad])
    with pytest.raises(OSError, match="missing.tsv"):
        claimex.Extractor([tmp_path / "missing.tsv"])
    with pytest.raises(ValueError, match="replace=True"):
        claimex.Extractor(replace=True)
    with pytest.raises(TypeError, match="item 2"):
        claimex.extract_many(["Hama.", 42])
    with pytest.raises(TypeError, match="no 'text' string"):
        claimex.extract_many([{"id": 1}])
    with pytest.raises(ValueError, match="JSON compliant"):
        claimex.extract("Hama.", meta={"score": float("nan")})
    with pytest.raises(ValueError, match="threads"):
        claimex.extract_many(["Hama."], threads=0)


def test_doctest():
    assert doctest.testmod(claimex, raise_on_error=False).failed == 0


def test_type_hints_ship_with_the_package():
    package = Path(claimex.__file__).parent
    assert (package / "py.typed").is_file()
    stub = (package / "_claimex.pyi").read_text()
    for name in ("class NativeExtractor", "def extract_batch", "def extract_json", "SCHEMA_VERSION"):
        assert name in stub


def test_cargo_locks_agree():
    """The package must build the library with the CLI's dependency versions, or its output
    could drift from the CLI's (sentence breaking comes from a dependency)."""

    tomllib = pytest.importorskip("tomllib")

    def versions(path):
        found = {}
        for p in tomllib.loads(path.read_text())["package"]:
            found.setdefault(p["name"], set()).add(p["version"])
        return found

    root, package = versions(REPO / "Cargo.lock"), versions(REPO / "python" / "Cargo.lock")
    shared = sorted(root.keys() & package.keys())
    assert "unicode-segmentation" in shared and "regex" in shared
    assert [n for n in shared if not package[n] <= root[n]] == []
