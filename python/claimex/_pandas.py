"""Documents to pandas: one table per kind of row, with typed columns.

Every table starts with ``doc_id``. Integers are ``int64`` where always present and the
nullable ``Int64`` where they may be missing (a hedged claim has no source); text is the
nullable ``string`` dtype, flags ``bool`` (or nullable ``boolean``), coordinates and
confidence ``float64`` (NaN where missing). Offsets are code points, as in the JSON.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Tuple

if TYPE_CHECKING:
    import pandas

CLAIM_COLUMNS: Dict[str, str] = {
    "doc_id": "string",
    "claim_id": "string",
    "kind": "string",
    "sentence": "int64",
    "source": "string",
    "source_start": "Int64",
    "source_end": "Int64",
    "source_entity": "string",
    "source_type": "string",
    "source_subtype": "string",
    "source_unnamed": "boolean",
    "resolved": "string",
    "resolved_start": "Int64",
    "resolved_end": "Int64",
    "resolved_entity": "string",
    "cue": "string",
    "cue_start": "int64",
    "cue_end": "int64",
    "cue_lemma": "string",
    "stance": "string",
    "content": "string",
    "content_start": "int64",
    "content_end": "int64",
    "entities": "object",
    "rule": "string",
    "confidence": "float64",
    "disputed": "bool",
    "unverified": "bool",
    "nested_in": "string",
}

MENTION_COLUMNS: Dict[str, str] = {
    "doc_id": "string",
    "entity": "string",
    "type": "string",
    "text": "string",
    "start": "int64",
    "end": "int64",
    "sentence": "int64",
}

# The attributes the embedded gazetteers use; a user gazetteer's own columns are added after
# them as strings.
ENTITY_COLUMNS: Dict[str, str] = {
    "doc_id": "string",
    "id": "string",
    "name": "string",
    "type": "string",
    "subtype": "string",
    "country": "string",
    "admin1": "string",
    "admin2": "string",
    "lat": "float64",
    "lon": "float64",
    "geonames": "string",
    "pcode": "string",
    "affiliation": "string",
    "period": "string",
    "mentions": "int64",
}


def to_pandas(
    docs: Iterable[Any],
) -> "Tuple[pandas.DataFrame, pandas.DataFrame, pandas.DataFrame]":
    """``(claims, mentions, entities)`` DataFrames from documents.

    ``docs`` holds documents as returned by :func:`claimex.extract` / ``extract_many``, or as
    JSON strings (for example the lines of ``claimex batch`` output). Error records (an input
    that could not be read) have no rows and are skipped. Rows keep document order, then the
    document's own order (claims and mentions by position, entities by id).
    """
    import pandas as pd

    claims: List[Dict[str, Any]] = []
    mentions: List[Dict[str, Any]] = []
    entities: List[Dict[str, Any]] = []
    for doc in docs:
        if isinstance(doc, (str, bytes, bytearray)):
            doc = json.loads(doc)
        if "error" in doc:
            continue
        doc_id = doc["document"]["id"]
        claims.extend(_claim_row(doc_id, c) for c in doc["claims"])
        mentions.extend({"doc_id": doc_id, **m} for m in doc["mentions"])
        entities.extend({"doc_id": doc_id, **e} for e in doc["entities"])
    extra = sorted({k for e in entities for k in e} - ENTITY_COLUMNS.keys())
    entity_columns = {**ENTITY_COLUMNS, **{k: "string" for k in extra}}
    return (
        _frame(pd, claims, CLAIM_COLUMNS),
        _frame(pd, mentions, MENTION_COLUMNS),
        _frame(pd, entities, entity_columns),
    )


def _claim_row(doc_id: str, c: Dict[str, Any]) -> Dict[str, Any]:
    source = c["source"] or {}
    resolved = source.get("resolved") or {}
    cue, content = c["cue"], c["content"]
    return {
        "doc_id": doc_id,
        "claim_id": c["id"],
        "kind": c["kind"],
        "sentence": c["sentence"],
        "source": source.get("text"),
        "source_start": source.get("start"),
        "source_end": source.get("end"),
        "source_entity": source.get("entity"),
        "source_type": source.get("type"),
        "source_subtype": source.get("subtype"),
        "source_unnamed": source.get("unnamed"),
        "resolved": resolved.get("text"),
        "resolved_start": resolved.get("start"),
        "resolved_end": resolved.get("end"),
        "resolved_entity": resolved.get("entity"),
        "cue": cue["text"],
        "cue_start": cue["start"],
        "cue_end": cue["end"],
        "cue_lemma": cue["lemma"],
        "stance": cue["stance"],
        "content": content["text"],
        "content_start": content["start"],
        "content_end": content["end"],
        "entities": list(c["entities"]),
        "rule": c["rule"],
        "confidence": c["confidence"],
        "disputed": c["disputed"],
        "unverified": c["unverified"],
        "nested_in": c["nested_in"],
    }


def _frame(pd: Any, rows: List[Dict[str, Any]], columns: Dict[str, str]) -> Any:
    """A DataFrame with exactly `columns`, each of its dtype; missing values become NA."""
    data = {}
    for name, dtype in columns.items():
        values = [row.get(name) for row in rows]
        if dtype in ("string", "object"):
            values = [v if v is None or isinstance(v, (str, list)) else str(v) for v in values]
        data[name] = pd.Series(values, dtype=dtype)
    return pd.DataFrame(data, columns=list(columns))
