"""Importer timings: the five seeds, a synthetic ~1 MB document, a 5,000-paragraph .docx.

Run from the repository root::

    .venv/bin/python bench/ingest.py [--runs N]

Targets (issues 8 and 9): all five seeds in ≤ 100 ms, a 1 MB document in ≤ 1 s,
5,000 Word paragraphs in seconds. Prints medians; asserts nothing (tests do not time things).
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from taskboard.ingest import load_aliases, parse_file, parse_text  # noqa: E402
from taskboard.numerals import int_to_cn  # noqa: E402

SEEDS = sorted((ROOT / "data").glob("0[0-9][0-9]_*.txt"))


def synthetic_document(target_bytes: int = 1_000_000) -> str:
    """A plan shaped like the seeds (chapters, sections, measures with unit blocks) of ~target_bytes."""
    parts = ["某区2023年深化改革工作要点", "为深入贯彻落实有关部署，结合实际，制定本要点。"]
    size = sum(len(p.encode()) for p in parts)
    chapter = 0
    while size < target_bytes:
        chapter += 1
        block = [f"{int_to_cn(chapter)}、第{chapter}方面重点任务"]
        number = 0
        for section in range(1, 6):
            block.append(f"（{int_to_cn(section)}）推进第{section}类改革,加强数字政府建设")
            for _ in range(8):
                number += 1
                block += [
                    f"{number}.落实第{number}项改革任务。配合市里做好政务服务大厅搬迁整合工作,结合实际优化整合"
                    "分散在区直部门(单位)的政务服务事项,2023年6月底前组织统一进驻新政务服务中心,"
                    "实现一体化在线政务服务平台应用率60%以上。",
                    "牵头单位:区政府办(区政务服务中心)",
                    "责任单位:水利局、财政局(国资委、应急管理局,市自然资源局伊州分局生态环境局伊州分局",
                    "完成时限:202312月底前",
                ]
        text = "\n\n".join(block)
        parts.append(text)
        size += len(text.encode())
    return "\n\n".join(parts)


def synthetic_docx(paragraphs: int = 5000) -> bytes:
    """A Word plan of ``paragraphs`` measures, every other one with a 牵头单位 line."""
    import docx

    document = docx.Document()
    document.add_paragraph("某区2024年重点工作实施方案")
    for n in range(1, paragraphs + 1):
        document.add_paragraph(f"{n}.推进第{n}项改革任务，2024年6月底前完成。")
        if n % 2 == 0:
            document.add_paragraph("牵头单位：区发改委")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _median_ms(action, runs: int) -> float:
    action()  # warm-up: regex compilation, alias table, imports
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings) * 1000


def main() -> None:
    """Print the median timings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="timed runs per measurement (default 15)")
    args = parser.parse_args()
    aliases = load_aliases()

    def seeds() -> int:
        return sum(len(parse_file(path, aliases).tasks) for path in SEEDS)

    big = synthetic_document()
    start = time.perf_counter()
    tasks = seeds()
    cold_ms = (time.perf_counter() - start) * 1000
    seeds_ms = _median_ms(seeds, args.runs)
    big_tasks = len(parse_text(big, "synthetic.txt", aliases).tasks)
    big_ms = _median_ms(lambda: parse_text(big, "synthetic.txt", aliases), max(3, args.runs // 3))
    print(f"five seeds ({len(SEEDS)} files, {tasks} tasks, from disk): {seeds_ms:7.1f} ms  (target ≤ 100 ms)")
    print(f"five seeds, first run in this process (cold caches): {cold_ms:7.1f} ms")
    print(
        f"synthetic document ({len(big.encode()) / 1e6:.2f} MB UTF-8, {big_tasks} tasks): "
        f"{big_ms:7.1f} ms  (target ≤ 1000 ms)"
    )
    from taskboard.ingest.build import parse_lines
    from taskboard.ingest.docx import docx_lines

    word = synthetic_docx()
    word_tasks = len(parse_lines(docx_lines(word, "w.docx"), "w.docx", aliases).tasks)
    word_ms = _median_ms(lambda: parse_lines(docx_lines(word, "w.docx"), "w.docx", aliases), 3)
    print(f"Word document (5,000 paragraphs, {word_tasks} tasks): {word_ms:7.1f} ms  (target: seconds)")


if __name__ == "__main__":
    main()
