"""Reports the board writes for its current filter: new files, named by kind and date, never overwritten."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest

from taskboard.services import REPORT_KINDS, open_store, write_board_report

AS_OF = date(2023, 6, 30)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    return open_store(tmp_path_factory.mktemp("board") / "board.json")


@pytest.mark.parametrize("kind", sorted(REPORT_KINDS))
def test_every_kind_writes_a_new_file_of_its_format(seeded, tmp_path, kind):
    # 区发改委's measures are due at year end; the whole board has overdue tasks to chase.
    tasks = seeded.all() if kind.startswith("remind") else seeded.find(lead="区发改委")
    path = write_board_report(seeded, kind, tasks, as_of=AS_OF, lang="zh", folder=tmp_path / "报告")
    assert path.parent == tmp_path / "报告" and path.exists() and path.stat().st_size > 0
    assert path.name.endswith("2023-06-30" + REPORT_KINDS[kind].suffix)
    if kind == "ledger_xlsx":
        ws = openpyxl.load_workbook(path)["台账"]
        texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
        assert sum("区发改委" in t for t in texts) >= len(tasks)  # only the filtered tasks, each listed
    elif kind.endswith(("html", "md", "text", "csv")):
        text = path.read_text(encoding="utf-8-sig")
        if kind.startswith("remind"):
            assert "未明确牵头单位" in text and "《" in text
        else:
            assert "区发改委" in text  # the filtered unit's tasks are in it
        if kind.startswith("summary"):
            assert f"共{len(tasks)}项任务" in text.replace(" ", "")
    second = write_board_report(seeded, kind, tasks, as_of=AS_OF, lang="zh", folder=tmp_path / "报告")
    assert second != path and second.name.endswith("_2" + REPORT_KINDS[kind].suffix)


def test_a_planted_link_with_the_reports_name_is_not_written_through(seeded, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("原样", encoding="utf-8")
    (tmp_path / "汇总_2023-06-30.html").symlink_to(victim)
    path = write_board_report(seeded, "summary_html", seeded.all(), as_of=AS_OF, lang="zh", folder=tmp_path)
    assert path.name == "汇总_2023-06-30_2.html"
    assert victim.read_text(encoding="utf-8") == "原样"
