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
    lines: Optional[Sequence[int]] = None,
) -> list[list[Record]]: ...
def rules() -> list[dict[str, Any]]: ...
def explain(name: str) -> str: ...
def names_summary(
    records: Iterable[Union[str, Mapping[str, Any]]],
    lines: Optional[Sequence[int]] = None,
    *,
    path: str = "-",
    language: str = "en",
) -> dict[str, Any]: ...
def merge_summaries(summaries: Iterable[Mapping[str, Any]]) -> dict[str, Any]: ...
def names_report(summary: Mapping[str, Any], language: str = "en") -> dict[str, Any]: ...
