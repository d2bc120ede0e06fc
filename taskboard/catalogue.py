"""Messages people read outside the board, in Chinese and English: errors, history, CLI lines.

One table per language with the same keys (a test checks it) and
``str.format`` placeholders.  Exceptions that reach people carry a key and
its values (:class:`Said`), so the command line can say them in the user's
language; their ``str()`` stays English for logs and tracebacks.
"""

from __future__ import annotations

from typing import Any

ZH: dict[str, str] = {
    "error_prefix": "taskboard：错误：",
    "unknown_task": "没有编号为 {task_id} 的任务（用 taskboard list 查看）",
    "nothing_to_undo": "没有可撤销的更改",
    "note_empty": "进展内容不能为空",
    "conflict_move": "{who} 已于 {at} 把这项任务（{task_id}）改为“{value}”，你的移动没有保存",
    "conflict_edit": "{who} 已于 {at} 改过这项任务（{task_id}）的{field}，你的修改没有保存",
    "conflict_undo": "这项任务（{task_id}）在你之后又被 {who} 改过（{at}），撤销会覆盖它，所以没有撤销",
    "someone": "其他人",
    "read_only": "不能修改数据库：{reason}",
    "undone": "已撤销第 {seq} 次更改（{actions}）：{tasks}",
    "n_tasks": "{n} 项任务",
    "imported": "{source}：新增 {added} 项，更新 {updated} 项，未变 {unchanged} 项",
    "imported_missing": "，文件中已不再列出 {n} 项（保留在看板上）",
    "imported_retired": "，{n} 项已归档（不会因导入而恢复）",
    "moved": "{task_id}：{old} → {new}",
    "noted": "{task_id}：已记录进展",
    "edited": "{task_id}：已修改 {fields}",
    # history, one sentence a row: "{when} {who} …"
    "h_move": "把状态从 {old} 改为 {new}",
    "h_note": "添加进展：{new}",
    "h_edit": "把{field}从 {old} 改为 {new}",
    "h_import_created": "从文件导入了这项任务",
    "h_import": "按文件更新{field}：{old} → {new}",
    "h_kept": "重新导入：文件现为 {new}，保留人工修改 {old}",
    "h_add": "手工添加了这项任务",
    "h_archive": "归档（{new}）",
    "h_restore": "恢复到看板",
    "h_merge": "合并单位：{old} → {new}",
    "h_roll_deadline": "本期完成，转入下一期（截止 {new}）",
    "h_roll_status": "状态回到 {new}（下一期）",
    "h_undo": "撤销了第 {undoes} 次更改（{field}）",
    "h_undo_created": "撤销：删除了这项任务",
    "h_undo_note": "撤销：删除进展“{old}”",
    "h_other": "{action} {field}：{old} → {new}",
    "empty": "（空）",
    "action_import": "导入",
    "action_move": "移动",
    "action_note": "进展",
    "action_edit": "修改",
    "action_undo": "撤销",
    "action_add": "添加",
    "action_archive": "归档",
    "action_restore": "恢复",
    "action_merge": "合并单位",
    "action_roll": "转入下一期",
    "action_kept": "保留修改",
    "field_title": "标题",
    "field_status": "状态",
    "field_lead_units": "牵头单位",
    "field_co_units": "责任/配合单位",
    "field_collectives": "集合单位",
    "field_deadline": "完成时限",
    "field_deadline_text": "时限原文",
    "field_deadline_kind": "时限类型",
    "field_text": "内容",
    "field_section": "所属章节",
    "field_notes": "进展",
    "field_archived": "归档",
    "field_review": "待核标记",
}

EN: dict[str, str] = {
    "error_prefix": "taskboard: error: ",
    "unknown_task": "no task with id {task_id} (see `taskboard list`)",
    "nothing_to_undo": "nothing to undo",
    "note_empty": "a note needs some text",
    "conflict_move": "{who} moved this task ({task_id}) to {value} at {at}; your move was not applied",
    "conflict_edit": "{who} changed the {field} of this task ({task_id}) at {at}; your edit was not applied",
    "conflict_undo": (
        "{who} changed this task ({task_id}) again at {at}; "
        "undoing would overwrite that, so nothing was undone"
    ),
    "someone": "someone else",
    "read_only": "cannot change the database: {reason}",
    "undone": "undid change #{seq} ({actions}): {tasks}",
    "n_tasks": "{n} tasks",
    "imported": "{source}: {added} new, {updated} updated, {unchanged} unchanged",
    "imported_missing": ", {n} no longer in the document (kept)",
    "imported_retired": ", {n} archived (an import does not bring them back)",
    "moved": "{task_id}: {old} → {new}",
    "noted": "{task_id}: note added",
    "edited": "{task_id}: changed {fields}",
    "h_move": "moved it from {old} to {new}",
    "h_note": "added a note: {new}",
    "h_edit": "changed the {field} from {old} to {new}",
    "h_import_created": "imported it from the document",
    "h_import": "updated the {field} from the document: {old} → {new}",
    "h_kept": "re-import: the document now says {new}; the correction {old} stays",
    "h_add": "added it by hand",
    "h_archive": "archived it ({new})",
    "h_restore": "put it back on the board",
    "h_merge": "merged units: {old} → {new}",
    "h_roll_deadline": "finished this period; next period due {new}",
    "h_roll_status": "status back to {new} (next period)",
    "h_undo": "undid change #{undoes} ({field})",
    "h_undo_created": "undo: removed the task",
    "h_undo_note": "undo: removed the note “{old}”",
    "h_other": "{action} {field}: {old} → {new}",
    "empty": "(empty)",
    "action_import": "import",
    "action_move": "move",
    "action_note": "note",
    "action_edit": "edit",
    "action_undo": "undo",
    "action_add": "add",
    "action_archive": "archive",
    "action_restore": "restore",
    "action_merge": "unit merge",
    "action_roll": "next period",
    "action_kept": "kept correction",
    "field_title": "title",
    "field_status": "status",
    "field_lead_units": "lead units",
    "field_co_units": "co-units",
    "field_collectives": "collective units",
    "field_deadline": "deadline",
    "field_deadline_text": "deadline as written",
    "field_deadline_kind": "deadline kind",
    "field_text": "text",
    "field_section": "section",
    "field_notes": "notes",
    "field_archived": "archive reason",
    "field_review": "review flags",
}

TABLES: dict[str, dict[str, str]] = {"zh": ZH, "en": EN}


def say(lang: str, key: str, **values: object) -> str:
    """The message ``key`` in ``lang`` (English for an unknown language), filled in."""
    text = TABLES.get(lang, EN)[key]
    return text.format(**values) if values else text


def has(key: str) -> bool:
    """True if ``key`` is in the catalogue."""
    return key in EN


class Said:
    """Mixin for exceptions people read: a catalogue key and its values.

    ``message_in(lang)`` says it in the user's language; ``str()`` keeps the
    English one-liner the exception was raised with.
    """

    key: str | None = None
    values: dict[str, Any]

    def said(self, key: str, **values: Any) -> Said:
        """Attach the catalogue key (and values) this error is said with; returns ``self``."""
        self.key, self.values = key, values
        return self

    def message_in(self, lang: str) -> str:
        """The message in ``lang``, or ``str(self)`` when the error has no key."""
        return say(lang, self.key, **self.values) if self.key else str(self)
