"""Whatever text arrives, parse_text returns a document with unique task numbers."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from taskboard.ingest import load_aliases, parse_text

ALIASES = load_aliases()
# Pieces of real documents, so generated text reaches the interesting paths.
PIECES = [
    "一、",
    "（一）",
    "(二)",
    "1.",
    "2、",
    "（1）",
    "①",
    "一是",
    "二是",
    "十是",
    "\n",
    "\n\n",
    "。",
    "，",
    "、",
    "(",
    ")",
    "（",
    "）",
    "牵头单位：",
    "责任单位:",
    "配合部门：",
    "完成时限：",
    "具体任务：",
    "2023年12月底前",
    "202312月底前",
    "年底前",
    "每月20日前",
    "持续推进",
    "上半年",
    "第三季度",
    "区财政局",
    "科工信局市场监管局",
    "各乡镇(街道)",
    "等",
    "（人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同）",
    "负责）",
    "[bookmark: x]",
    "##paidbegin##",
    "##paidend##",
    "| ||||",
    "|",
    "附件",
    "总体要求",
    "下一步工作计划",
    "正在推进",
    "报告如下",
    "\ue001",
    "\ue002",
    "\ue000",
    "\u3000",
    "\r",
    "百",
    "零",
    "年",
    "月",
    "日",
    "前",
]
documents = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=80).map("".join)

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(text: str) -> None:
    doc = parse_text(text, "fuzz.txt", ALIASES)
    numbers = [t.number for t in doc.tasks]
    assert len(numbers) == len(set(numbers))
    for task in doc.tasks:
        assert task.number and task.id.endswith(task.number)
        assert "\ue001" not in task.text and "\ue000" not in task.text


@FUZZ
@given(documents)
def test_document_like_text_never_raises(text):
    _check(text)


@FUZZ
@given(st.text())
def test_arbitrary_text_never_raises(text):
    _check(text)
