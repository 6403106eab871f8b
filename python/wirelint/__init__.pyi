from typing import Any, Iterable, Union

from ._native import Record as Record
from ._native import __version__ as __version__
from ._native import check as check
from ._native import check_many as check_many
from ._native import explain as explain
from ._native import merge_summaries as merge_summaries
from ._native import names_report as names_report
from ._native import names_summary as names_summary
from ._native import rules as rules

def findings(records: Iterable[Union[Record, list[Record]]]) -> list[Record]: ...
