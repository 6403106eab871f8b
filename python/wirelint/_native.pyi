from typing import Any, Iterable, Literal, Mapping, Optional, Sequence, Union

Record = dict[str, Any]
"""A JSON Lines record of `wirelint check --format jsonl`: `type` is "finding", "story" or "error"."""

Format = Literal["text", "jsonl", "nitf", "newsml", "ninjs", "html"]
ConfidenceName = Literal["low", "medium", "high"]

__version__: str

def check(
    text: str,
    language: Optional[str] = None,
    format: Format = "text",
    select: Optional[Sequence[str]] = None,
    *,
    ignore: Optional[Sequence[str]] = None,
    min_confidence: Optional[ConfidenceName] = None,
    path: str = "-",
) -> list[Record]: ...
def check_many(
    stories: Iterable[Union[str, Mapping[str, Any]]],
    threads: Optional[int] = None,
    *,
    language: Optional[str] = None,
    format: Format = "text",
    select: Optional[Sequence[str]] = None,
    ignore: Optional[Sequence[str]] = None,
    min_confidence: Optional[ConfidenceName] = None,
    path: str = "-",
) -> list[list[Record]]: ...
def rules() -> list[dict[str, Any]]: ...
def explain(name: str) -> str: ...
