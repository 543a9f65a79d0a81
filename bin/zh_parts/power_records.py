"""Chinese of the power records (plugins/disclosure: record_models, record_gate, record_votes and the step
requirements of power_models). bin/messages.py applies ZH to the core's catalogue only; the disclosure plugin's
entries were filled from this dict into its own .po, which `make messages` keeps."""

ZH = {
    # Step requirements and 四议两公开 (power_models.py)
    "Meeting minutes": "会议记录", "Contract": "合同", "Acceptance report": "验收报告", "Invoice": "发票",
    "Resolution": "决议",
    "The village Party organisation proposes": "村党组织提议",
    "The two village committees deliberate": "村“两委”会议商议",
    "The Party members' meeting reviews": "党员大会审议",
    "The villagers' (representatives') meeting resolves": "村民会议或村民代表会议决议",
    "The resolution is made public": "决议公开",
    "The result is made public": "实施结果公开",
    "more than (过半数)": "超过（过半数）", "at least (以上)": "不少于（以上）",
    "Write a share such as 2/3 or 1/2.": "请填写比例，如 2/3 或 1/2。",
    "requires four discussions and two disclosures (四议两公开)": "须经“四议两公开”",
    "A record of this matter cannot close unless every stage of 四议两公开 among its steps is done.":
        "本事项的运行记录须完成步骤中“四议两公开”的每个环节才能办结。",
    "四议两公开 from amount (yuan)": "“四议两公开”起点金额（元）",
    "Records below this amount are exempt. Empty: every record of the matter.": "低于此金额的记录不受此限；留空表示本事项的每条记录都须经过。",
    "documents required to close": "办结所需材料",
    "quorum": "到会比例",
    "Share of the members who must be present for the vote, e.g. 2/3. Empty: no vote.":
        "表决时须到会的组成人员比例，如 2/3；留空表示无需表决。",
    "majority": "通过比例",
    "Share of those present who must vote for, e.g. 1/2.": "到会人员中须赞成的比例，如 1/2。",
    "majority rule": "通过规则", "signed off by": "签批角色", "approval": "审批",
    "The record's proposer may not close this step (separation of duties, 三个不直接分管).":
        "记录的提议人不得办结此步骤（职责分离，“三个不直接分管”）。",
    "time limit (working days)": "办理时限（工作日）", "stage of 四议两公开": "“四议两公开”环节",
    # Records (record_models.py)
    "In progress": "办理中", "Closed": "已办结",
    "Not started": "未开始", "Current": "当前", "Done": "已完成", "Sent back": "已退回", "Overdue": "已超期",
    "power list matter": "权力清单事项", "amount (yuan)": "金额（元）", "proposer": "提议人",
    "proposer's name": "提议人姓名", "opened at": "开始时间", "closed at": "办结时间", "tracking code": "查询码",
    "power record": "权力运行记录", "power records": "权力运行记录", "record": "记录", "number": "序号",
    "state": "状态", "due at": "办理期限", "closed by": "办理人", "vote figures": "表决情况",
    "reason for the refusal": "退回理由", "record step": "记录步骤", "record steps": "记录步骤",
    "file": "文件", "record document": "记录材料",
    "record documents": "记录材料",
    # The step gate (record_gate.py, record_votes.py)
    "This record is closed; nothing more can change on it.": "本记录已办结，不能再作任何更改。",
    "Only a published matter of the town's power list can be exercised.": "只能按本镇已发布的权力清单事项办理。",
    "Give the record a title, e.g. the project and its year.": "请填写记录标题，如项目名称和年份。",
    "The matter has no steps to follow.": "该事项没有可以办理的步骤。",
    "This step does not belong to the record.": "该步骤不属于本记录。",
    "Step %(number)s “%(title)s” cannot be worked yet: step %(before)s “%(before_title)s” is not complete.":
        "第%(number)s步“%(title)s”暂不能办理：第%(before)s步“%(before_title)s”尚未完成。",
    "Step %(number)s “%(title)s” is not the current step.": "第%(number)s步“%(title)s”不是当前步骤。",
    "“%(title)s” must be signed off by the %(role)s; you do not hold that role.":
        "“%(title)s”须由%(role)s签批，您不具有该角色。",
    "%(name)s proposed this record and may not also approve it (三个不直接分管): another holder of the role must "
    "sign off “%(title)s”.": "%(name)s是本记录的提议人，不得自行审批（“三个不直接分管”）：“%(title)s”须由其他具有该角色的人员签批。",
    "“%(title)s” cannot close without: %(documents)s.": "“%(title)s”缺少材料，不能办结：%(documents)s。",
    "This record requires 四议两公开 and cannot close without its stages: %(stages)s. The power list must be "
    "corrected to include them.": "本记录须经“四议两公开”，缺少以下环节，不能办结：%(stages)s。须先更正权力清单，补上这些环节。",
    "Step %(number)s “%(title)s” has no branch back on the flowchart; it can only be closed.":
        "第%(number)s步“%(title)s”在流程图上没有退回分支，只能办结。",
    "Say why the step is refused; the village will see it.": "请说明退回理由，村里会看到。",
    "“%(title)s” needs its vote figures: members, present, for and against.":
        "“%(title)s”须填写表决情况：应到人数、实到人数、赞成票和反对票。",
    "The vote figures do not add up: %(present)s present of %(members)s members, %(for)s for and %(against)s "
    "against.": "表决数字不符：应到%(members)s人，实到%(present)s人，赞成%(for)s票，反对%(against)s票。",
    "Quorum not met: %(present)s of %(members)s members present; at least %(share)s, that is %(needed)s, must "
    "attend.": "到会人数不足：应到%(members)s人，实到%(present)s人；须有%(share)s以上即%(needed)s人到会。",
    "Majority not reached: %(for)s of the %(present)s present voted for; at least %(share)s of them, that is "
    "%(needed)s, must vote for.": "未获通过：实到%(present)s人，赞成%(for)s票；须有到会人员的%(share)s以上即%(needed)s票赞成。",
    "Majority not reached: %(for)s of the %(present)s present voted for; more than %(share)s of them, that is at "
    "least %(needed)s, must vote for.": "未获通过：实到%(present)s人，赞成%(for)s票；须超过到会人员的%(share)s，即至少%(needed)s票赞成。",
    # Audit log (wagtail_hooks.py)
    "Open power record": "开始权力运行记录", "Power record opened": "已开始权力运行记录",
    "Close record step": "办结记录步骤", "Record step closed": "记录步骤已办结",
    "Refuse record step": "退回记录步骤", "Record step refused, sent back": "记录步骤被退回",
}
