"""Chinese of the working calendar (cunwu.workcal; merged into bin/zh_core.py)."""

ZH = {
    "Working calendar": "工作日历",
    "working calendar": "工作日历",
    "calendar day": "日历条目",
    "Holiday (no work)": "节假日（休息）",
    "Make-up working day": "调休上班日",
    "kind": "类型",
    "e.g. 春节 or 春节调休上班": "例如：春节、春节调休上班",
}
