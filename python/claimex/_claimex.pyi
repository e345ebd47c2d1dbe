"""Type hints for the native module (PyO3). Use the wrappers in `claimex` instead."""

from typing import List, Optional, Sequence, Tuple

SCHEMA_VERSION: int
__version__: str

# (id, text, path, passed-through document fields as a JSON object)
Record = Tuple[str, str, Optional[str], Optional[str]]

def check_date(date: str) -> None: ...

class NativeExtractor:
    def __init__(self, gazetteers: Sequence[str], replace: bool) -> None: ...
    @property
    def entity_count(self) -> int: ...
    def extract_json(
        self, id: str, text: str, path: Optional[str] = None, extra: Optional[str] = None
    ) -> str: ...
    def extract_batch(self, records: List[Record], threads: int) -> List[str]: ...
