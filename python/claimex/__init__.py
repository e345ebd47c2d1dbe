"""claimex: who claims what, about whom, where, in conflict news about Syria.

Sentences, gazetteer mentions (places, armed groups, states, organisations, media, people,
communities) and attributed or hedged claims, with code-point offsets: ``text[start:end]``
is each span's ``text``. The documents are the JSON of the ``claimex`` command-line tool,
made by the same Rust library and serialiser, so ``extract_json`` returns the CLI's bytes.

    >>> import claimex
    >>> doc = claimex.extract("Activists said HTS seized Hama.")
    >>> [m["entity"] for m in doc["mentions"]]
    ['hts', 'gn-170017']
    >>> doc["claims"][0]["content"]["text"]
    'HTS seized Hama'

``Extractor`` takes your own gazetteer files; ``extract_many`` runs on several threads with
the GIL released; ``to_pandas`` turns documents into claims, mentions and entities tables.
"""

from __future__ import annotations

import datetime as _dt
import json as _json
import os as _os
import threading as _threading
from itertools import islice as _islice
from typing import Any, Dict, Iterable, Iterator, List, Literal, Mapping, Optional, Sequence, Tuple, Union, overload

from ._claimex import SCHEMA_VERSION, NativeExtractor as _Native, __version__, check_date as _check_date
from ._pandas import to_pandas

__all__ = [
    "Extractor",
    "extract",
    "extract_json",
    "extract_many",
    "to_pandas",
    "SCHEMA_VERSION",
    "__version__",
]

PathLike = Union[str, "_os.PathLike[str]"]
Date = Union[str, _dt.date, None]
# One article's JSON document (see the `claimex` README, "The JSON").
Document = Dict[str, Any]
Item = Union[str, Mapping[str, Any]]

# Articles handed to the native side at once by extract_many, per thread: enough to keep the
# threads busy, few enough that results stream back into Python as they are made.
_CHUNK_PER_THREAD = 16


class Extractor:
    """The gazetteers and their compiled automata; build once, extract many times.

    ``Extractor()`` uses the embedded gazetteers. ``gazetteers`` adds TSV files of your own (a
    folder means its ``*.tsv`` files, in sorted order); with ``replace=True`` only they are
    used. A malformed row raises ``ValueError("file:line: what is wrong")``; an unreadable
    file raises ``OSError``. Building takes about 0.1 s; an ``Extractor`` is safe to share
    between threads, and pickles as its arguments (the paths must exist where it is unpickled).
    """

    def __init__(self, gazetteers: Sequence[PathLike] = (), replace: bool = False) -> None:
        if isinstance(gazetteers, (str, bytes, _os.PathLike)):
            gazetteers = [gazetteers]
        self._args = ([_os.fspath(p) for p in gazetteers], bool(replace))
        self._native = _Native(*self._args)

    def __reduce__(self) -> Tuple[Any, ...]:
        # Pickled as its arguments (for Spark closures): the gazetteer paths must exist where
        # it is unpickled, and it is rebuilt there.
        return (Extractor, self._args)

    @property
    def entity_count(self) -> int:
        """How many entities the gazetteers hold."""
        return self._native.entity_count

    def extract_json(
        self,
        text: str,
        date: Date = None,
        *,
        id: Union[str, int] = 1,
        path: Optional[str] = None,
        meta: Optional[Mapping[str, Any]] = None,
    ) -> str:
        """One article to its JSON document, as the CLI writes it (one line, no newline).

        ``id`` and ``path`` become ``document.id`` and ``document.path``; ``meta`` fields pass
        through into ``document`` like the extra fields of a JSON Lines record. ``date`` (an
        ISO date, ``YYYY-MM-DD`` or a ``datetime.date``) is the article date, as a JSON Lines
        ``date``: it chooses among actors of different periods ("government forces" before or
        after December 2024) and is reported as ``document.date``; without it, a date in the
        article's head is used if there is one.
        """
        rid, text, _, extra = _record(_fields(text, date, id, meta), 1)
        return self._native.extract_json(rid, text, path, extra)

    def extract(
        self,
        text: str,
        date: Date = None,
        *,
        id: Union[str, int] = 1,
        path: Optional[str] = None,
        meta: Optional[Mapping[str, Any]] = None,
    ) -> Document:
        """One article to its JSON document as a dict; see :meth:`extract_json`."""
        doc: Document = _json.loads(self.extract_json(text, date, id=id, path=path, meta=meta))
        return doc

    @overload
    def extract_many(
        self, items: Iterable[Item], threads: Optional[int] = None, *, raw: Literal[False] = False
    ) -> List[Document]: ...
    @overload
    def extract_many(self, items: Iterable[Item], threads: Optional[int] = None, *, raw: Literal[True]) -> List[str]: ...
    def extract_many(self, items: Iterable[Item], threads: Optional[int] = None, *, raw: bool = False) -> List[Any]:
        """Many articles to their documents, in input order, on ``threads`` threads.

        Each item is a text, or a record like a JSON Lines input line: a mapping with a
        ``"text"`` string, an optional ``"id"`` (string or number) and any other fields,
        which pass through into ``document`` (``path``, ``title``, ``byline`` and ``chars`` as
        ``input_path``, ...). Without an id, an item's id is its 1-based position, as in
        ``claimex batch --input jsonl``, whose output lines this reproduces byte for byte.
        ``threads`` defaults to all cores; the GIL is released while articles are extracted.
        With ``raw=True`` the documents are returned as JSON strings instead of dicts.
        """
        return list(self.iter_many(items, threads, raw=raw))

    def iter_many(
        self,
        items: Iterable[Item],
        threads: Optional[int] = None,
        *,
        raw: bool = False,
    ) -> Iterator[Any]:
        """Like :meth:`extract_many`, but yields the documents as they are made, so memory
        stays bounded over a long stream."""
        threads = _threads(threads)
        numbered = enumerate(items, start=1)
        while True:
            chunk = [_record(item, n) for n, item in _islice(numbered, threads * _CHUNK_PER_THREAD)]
            if not chunk:
                return
            for line in self._native.extract_batch(chunk, threads):
                yield line if raw else _json.loads(line)


def _threads(threads: Optional[int]) -> int:
    if threads is None:
        return _os.cpu_count() or 1
    if isinstance(threads, bool) or not isinstance(threads, int) or threads < 1:
        raise ValueError(f"threads must be a positive integer, not {threads!r}")
    return threads


def _fields(text: Any, date: Date, id: Any, meta: Optional[Mapping[str, Any]]) -> Dict[str, Any]:
    """The JSON Lines record for one `extract` call."""
    fields = dict(meta or {})
    if date is not None:
        fields["date"] = date.isoformat() if isinstance(date, _dt.date) else date
    fields["id"], fields["text"] = id, text
    return fields


def _record(item: Any, number: int) -> Tuple[str, str, Optional[str], Optional[str]]:
    """(id, text, path, extra JSON) for the native side, from a text or a record mapping."""
    if isinstance(item, str):
        return (str(number), item, None, None)
    if not isinstance(item, Mapping):
        raise TypeError(f"item {number}: expected a str or a mapping with a 'text', not {type(item).__name__}")
    fields = dict(item)
    text = fields.pop("text", None)
    if not isinstance(text, str):
        raise TypeError(f"item {number}: no 'text' string")
    rid = fields.pop("id", number)
    if isinstance(rid, bool) or not isinstance(rid, (str, int, float)):
        raise TypeError(f"item {number}: 'id' is {rid!r}, not a string or number")
    if isinstance(fields.get("date"), str):
        _check_date(fields["date"])
    if any(not isinstance(k, str) for k in fields):
        raise TypeError(f"item {number}: field names must be strings")
    # The native side reads the other fields as the CLI reads a JSON Lines record's.
    return (str(rid), text, None, _json.dumps(fields, ensure_ascii=False, allow_nan=False) if fields else None)


_default: Optional[Extractor] = None
_default_lock = _threading.Lock()


def _extractor() -> Extractor:
    """The shared extractor over the embedded gazetteers, built on first use."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Extractor()
        return _default


def extract(
    text: str,
    date: Date = None,
    *,
    id: Union[str, int] = 1,
    path: Optional[str] = None,
    meta: Optional[Mapping[str, Any]] = None,
) -> Document:
    """One article to its JSON document (a dict), with the embedded gazetteers.

    See :meth:`Extractor.extract_json` for the arguments.
    """
    return _extractor().extract(text, date, id=id, path=path, meta=meta)


def extract_json(
    text: str,
    date: Date = None,
    *,
    id: Union[str, int] = 1,
    path: Optional[str] = None,
    meta: Optional[Mapping[str, Any]] = None,
) -> str:
    """One article to the CLI's JSON bytes (one line, no newline), embedded gazetteers."""
    return _extractor().extract_json(text, date, id=id, path=path, meta=meta)


@overload
def extract_many(items: Iterable[Item], threads: Optional[int] = None, *, raw: Literal[False] = False) -> List[Document]: ...
@overload
def extract_many(items: Iterable[Item], threads: Optional[int] = None, *, raw: Literal[True]) -> List[str]: ...
def extract_many(items: Iterable[Item], threads: Optional[int] = None, *, raw: bool = False) -> List[Any]:
    """Many articles to documents, in order, on ``threads`` threads with the GIL released.

    See :meth:`Extractor.extract_many`.
    """
    return list(_extractor().iter_many(items, threads, raw=raw))
