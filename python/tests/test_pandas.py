"""to_pandas: three tables with typed columns, one row per claim, mention and entity."""

import json

import pytest

import claimex
from claimex._pandas import CLAIM_COLUMNS, ENTITY_COLUMNS, MENTION_COLUMNS
from conftest import SEED, read

pd = pytest.importorskip("pandas")

TEXTS = {
    "seed": read(SEED),
    "hedge": "Hama was reportedly shelled on Monday.",
    "none": "Nothing happened here.",
    "arabic": "قال ناشطون إن القصف طال حمص. The Syrian Observatory for Human Rights said 12 fighters died in Idlib.",
}


def tables(docs):
    return claimex.to_pandas(docs)


def test_columns_have_their_types_also_when_empty():
    for frames in (tables([]), tables([claimex.extract(t, id=k) for k, t in TEXTS.items()])):
        for frame, columns in zip(frames, (CLAIM_COLUMNS, MENTION_COLUMNS, ENTITY_COLUMNS)):
            assert list(frame.columns) == list(columns)
            assert {c: str(frame[c].dtype) for c in columns} == columns


def test_one_row_per_claim_mention_and_entity_and_offsets_slice_the_text():
    docs = claimex.extract_many([{"id": k, "text": t} for k, t in TEXTS.items()], threads=2)
    claims, mentions, entities = tables(docs)
    assert len(claims) == sum(len(d["claims"]) for d in docs) > 3
    assert len(mentions) == sum(len(d["mentions"]) for d in docs) > 20
    assert len(entities) == sum(len(d["entities"]) for d in docs)
    assert list(claims["doc_id"].unique()) == [d["document"]["id"] for d in docs if d["claims"]]
    for row in claims.itertuples():
        text = TEXTS[row.doc_id]
        assert text[row.content_start : row.content_end] == row.content
        assert text[row.cue_start : row.cue_end] == row.cue
        if row.kind == "attributed":
            assert text[row.source_start : row.source_end] == row.source
    for row in mentions.itertuples():
        assert TEXTS[row.doc_id][row.start : row.end] == row.text


def test_missing_values_are_null_not_zero_or_empty():
    claims, _, entities = tables([claimex.extract(TEXTS["hedge"], id="h")])
    hedged = claims.iloc[0]
    assert hedged["kind"] == "hedged"
    assert pd.isna(hedged["source"]) and pd.isna(hedged["source_start"]) and pd.isna(hedged["source_unnamed"])
    assert 0 < hedged["confidence"] <= 1
    hama = entities.set_index("id").loc["gn-170017"]
    assert 35 < hama["lat"] < 36 and hama["admin1"] == "Hama" and pd.isna(hama["affiliation"])


def test_json_lines_and_error_records_are_read():
    docs = [claimex.extract(t, id=k) for k, t in TEXTS.items()]
    lines = [json.dumps(d) for d in docs]
    error = json.dumps({"schema_version": 1, "document": {"id": "x", "path": "x.txt"}, "error": "not UTF-8"})
    from_lines = tables(lines[:2] + [error] + lines[2:])
    for a, b in zip(from_lines, tables(docs)):
        pd.testing.assert_frame_equal(a, b)
