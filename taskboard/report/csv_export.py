"""The 台账 as CSV: the ledger's columns, UTF-8 with a BOM so Excel shows the Chinese."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from datetime import date

from ..model import Task
from .ledger_columns import COLUMNS, csv_guard, ledger_rows

BOM = "\ufeff"


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return csv_guard(value)
    # Numbers (序号, 剩余天数) are numbers: "-12" days is data, not a formula.
    return str(value)


def ledger_csv(tasks: Iterable[Task], today: date, titles: Mapping[str, str] | None = None) -> str:
    """The whole CSV text, starting with the BOM (encode it as UTF-8).

    Cells are cleaned of escape codes (see :func:`ledger_row`) and guarded against formulas.
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")  # CRLF, as Excel writes and expects
    writer.writerow(COLUMNS)
    writer.writerows([_cell(v) for v in row] for row in ledger_rows(tasks, today, titles))
    return BOM + buf.getvalue()
