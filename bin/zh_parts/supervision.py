"""Chinese of the supervisors' roles and scope: the village supervision committee, the county level
(cunwu.towns committee roles, cunwu.counties; merged into bin/zh_core.py)."""

ZH = {
    "Village supervision committee member": "村务监督委员会成员",
    "Village supervision committee director": "村务监督委员会主任",
    "County discipline supervisor": "县纪委监委监督员",
    "Party secretary (village editor)": "村党组织书记（村编辑）",
    "supervision committee director": "村务监督委员会主任",
    "supervision committee members": "村务监督委员会成员",
    "Receives the village's early warnings.": "接收本村的预警信息。",
    "They see everything of this village and change nothing.": "可查看本村的全部事项，不能修改任何内容。",
    "%(names)s cannot both work for the village and sit on its supervision committee.":
        "%(names)s 不能既是本村工作人员又担任本村村务监督委员会成员。",
    "Counties": "县",
    "county": "县",
    "counties": "县",
    "Short ASCII name, e.g. guazhou.": "英文简称，如 guazhou。",
    "county supervisors": "县纪委监委监督员",
    "Staff of the county's discipline commission: they read every record of its towns and change nothing.":
        "县纪委监委工作人员：可查看本县各镇的全部记录，不能修改任何内容。",
    "town of a county": "县辖镇",
    "towns of a county": "县辖镇",
    "Already in another county: %(towns)s.": "已属于其他县：%(towns)s。",
}
