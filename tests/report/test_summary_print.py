"""The HTML summary on paper: headings never broken inside a word, A4 portrait, repeated table headers.

Browsers are not available in CI, so these read the page's print rules; the
printed pages themselves were checked by hand with headless Chromium.
"""

from __future__ import annotations

import re


def rules(page: str) -> dict[str, str]:
    """Selector → declarations of the page's stylesheet (the last rule wins, as in a browser)."""
    css = re.search(r"<style>(.*)</style>", page, re.S).group(1)
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    found: dict[str, str] = {}
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        found[" ".join(selector.split())] = found.get(" ".join(selector.split()), "") + body
    return found


def test_headings_never_break_inside_a_word(run):
    code, out, _ = run("summary", "--format", "html")
    assert code == 0
    th = rules(out)["th"]
    assert "white-space: nowrap" in th and "word-break: keep-all" in th
    assert "<th>14天内到期</th>" in out and "<th>已完成</th>" in out  # whole words, no <br> or soft hyphen


def test_prints_on_a4_portrait_with_headers_repeated_and_rows_whole(run):
    code, out, _ = run("summary", "--format", "html")
    assert code == 0
    css = rules(out)
    assert "display: table-header-group" in css["thead"]
    assert "break-inside: avoid" in css["tr, p"]
    assert re.search(r"@page \{ size: A4 portrait;", out)
    assert "<thead><tr><th>编号</th><th>任务</th>" in out  # the task lists have a real header row
    assert '"第 " counter(page) " 页 共 " counter(pages) " 页"' in out


def test_page_numbers_follow_the_language(run):
    code, out, _ = run("--lang", "en", "summary", "--format", "html")
    assert code == 0
    assert '"Page " counter(page) " of " counter(pages)' in out and "第 " not in out
