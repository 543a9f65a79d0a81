"""The default power list: common village matters a town imports with one click and then edits."""

import re

from django.db import transaction
from django.utils import timezone

from .power_models import ListType, Matter, MatterStatus, Step

# What a power record needs to close a step (record_gate.py): the law's usual figures for a villagers' meeting.
VOTE = {"quorum": "2/3", "majority": "1/2", "required_documents": ["minutes", "resolution"]}
APPROVAL = {"is_approval": True, "sign_off_role": "village_editor"}  # not by the proposer (三个不直接分管)
TOWN_REVIEW = {"is_approval": True, "sign_off_role": "town_editor"}

# (title, role, time limit, output, refused → back to step[, what a record needs to close it])
FOUR_TWO = [
    ("村党组织提议", "村党组织", "", "提议方案", None, {"four_two_stage": "proposal"}),
    ("村“两委”会议商议", "村“两委”", "7个工作日", "商议意见", None,
     {"four_two_stage": "deliberation", "required_documents": ["minutes"]}),
    ("党员大会审议", "全体党员", "", "审议意见", 1, {"four_two_stage": "review", "required_documents": ["minutes"]}),
    ("村民会议或村民代表会议决议", "村民（代表）会议", "", "会议决议", 1, {"four_two_stage": "resolution", **VOTE}),
    ("决议公开", "村务监督委员会", "5个工作日", "决议公告", None, {"four_two_stage": "resolution_public"}),
    ("实施结果公开", "村民委员会", "实施后5个工作日", "结果公告", None, {"four_two_stage": "result_public"}),
]
PROJECT = [
    ("项目提议并按“四议两公开”决策", "村“两委”", "", "会议决议", None),
    ("报镇审核", "镇政府", "10个工作日", "审核意见", 1, TOWN_REVIEW),
    ("公开招标或比选", "村民委员会", "", "中标通知", None),
    ("签订合同", "村民委员会", "", "合同", None, {"required_documents": ["contract"]}),
    ("施工监督", "村务监督委员会", "工期内", "监督记录", None),
    ("竣工验收", "镇政府、村“两委”", "", "验收报告", 5, {"required_documents": ["acceptance"]}),
    ("结算并公开", "村民委员会", "5个工作日", "结算公告", None, {"required_documents": ["invoice"]}),
]
PROCURE = [
    ("提出采购需求", "经办人", "", "采购申请", None),
    ("村“两委”集体研究", "村“两委”", "5个工作日", "会议记录", 1),
    ("询价比选（三家以上）", "村民委员会", "", "比价记录", None),
    ("采购并验收", "经办人、村务监督委员会", "", "验收单", None, {"required_documents": ["acceptance"]}),
    ("报账并公开", "村报账员", "当月", "财务公开", None, {"required_documents": ["invoice"]}),
]
APPLY = [
    ("村民提出申请", "申请人", "", "申请书", None),
    ("村民小组评议", "村民小组", "5个工作日", "评议意见", None),
    ("村“两委”审核", "村“两委”", "5个工作日", "审核意见", 1),
    ("村内公示", "村民委员会", "7天", "公示", 1),
    ("报镇审批", "镇政府", "10个工作日", "审批结果", 1),
    ("结果公开", "村民委员会", "3个工作日", "结果公告", None),
]
CERTIFY = [
    ("村民提出申请并提交材料", "申请人", "", "申请", None),
    ("核实情况", "村干部", "3个工作日", "核实记录", 1),
    ("村党组织书记审签", "村党组织书记", "1个工作日", "签字", 2),
    ("出具证明并登记", "村民委员会", "当日", "证明", None),
]
FINANCE = [
    ("经办人取得票据并注明用途", "经办人", "", "原始票据", None),
    ("村务监督委员会审核", "村务监督委员会", "3个工作日", "审核签字", 1),
    ("村党组织书记审批", "村党组织书记", "", "审批签字", 1, APPROVAL),
    ("镇农村会计委托代理服务中心记账", "镇会计中心", "当月", "记账凭证", 2),
    ("财务公开", "村民委员会", "次月10日前", "财务公开", None),
]
PARTY = [
    ("提出申请", "申请人", "", "申请书", None),
    ("党小组讨论", "党小组", "", "讨论意见", None),
    ("支部委员会研究", "村党组织", "", "会议记录", 1),
    ("公示", "村党组织", "5个工作日", "公示", 2),
    ("报镇党委审批", "镇党委", "", "批复", 3),
]
NEGATIVE = [
    ("发现线索", "任何村民", "", "举报", None),
    ("村务监督委员会核查", "村务监督委员会", "10个工作日", "核查意见", None),
    ("报镇纪委处理", "镇纪委", "", "处理决定", None),
    ("结果公开", "村务监督委员会", "", "结果公告", None),
]

POLICY = "《中华人民共和国村民委员会组织法》；《中国共产党农村基层组织工作条例》"
MATTERS = [
    # code, title, category, list, conditions, materials, steps
    ("JC-01", "村级重大事项“四议两公开”决策", "decisions", "positive", "涉及村民切身利益的重大事项", "提议方案\n会议记录\n决议", FOUR_TWO),
    ("JC-02", "村集体经济发展规划", "decisions", "positive", "制定或调整发展规划", "规划草案\n会议决议", FOUR_TWO),
    ("JC-03", "村规民约制定和修订", "decisions", "positive", "制定或修订村规民约", "村规民约草案\n会议决议", FOUR_TWO),
    ("JC-04", "村级年度财务预决算", "decisions", "positive", "每年年初和年末", "预算草案\n决算报告", FOUR_TWO),
    ("JC-05", "集体经济收益分配方案", "decisions", "positive", "有可分配收益时", "分配方案\n会议决议", FOUR_TWO),
    ("JC-06", "村级举债和对外担保", "decisions", "positive", "确需举债时", "举债方案\n镇审核意见", FOUR_TWO),
    ("GC-01", "村级小型工程项目建设（限额以下）", "engineering", "positive", "单项工程", "项目方案\n预算\n合同", PROJECT),
    ("GC-02", "村级工程项目招投标（限额以上）", "engineering", "positive", "达到招标限额的工程", "招标文件\n合同", PROJECT),
    ("GC-03", "一事一议筹资筹劳", "engineering", "positive", "村内公益事业", "议事方案\n筹资清单", FOUR_TWO),
    ("GC-04", "工程变更和追加投资", "engineering", "positive", "工程内容或金额变化", "变更申请\n会议决议", PROJECT),
    ("CG-01", "村级物资和服务采购", "procurement", "positive", "办公及公共服务采购", "采购申请\n比价记录\n发票", PROCURE),
    ("CG-02", "村级日常财务报销", "procurement", "positive", "日常开支", "发票\n审批单", FINANCE),
    ("CG-03", "村级非生产性开支", "procurement", "positive", "招待、差旅等", "发票\n审批单", FINANCE),
    ("ZC-01", "集体资产资源发包租赁", "assets", "positive", "集体土地、鱼塘、房屋等对外发包", "发包方案\n合同", FOUR_TWO),
    ("ZC-02", "集体资产处置", "assets", "positive", "报废、出售、置换", "评估报告\n会议决议", FOUR_TWO),
    ("ZC-03", "集体土地征收补偿款分配", "assets", "positive", "土地被征收", "征收文件\n分配方案", FOUR_TWO),
    ("ZC-04", "集体建设用地使用", "assets", "positive", "使用集体建设用地", "用地申请\n规划意见", APPLY),
    ("MS-01", "农村低保申请", "livelihood", "positive", "家庭人均收入低于当地低保标准", "申请书\n户口簿\n收入证明", APPLY),
    ("MS-02", "特困人员供养申请", "livelihood", "positive", "无劳动能力、无生活来源、无法定赡养人", "申请书\n身份证明", APPLY),
    ("MS-03", "临时救助申请", "livelihood", "positive", "遭遇突发困难", "申请书\n困难证明", APPLY),
    ("MS-04", "危房改造申请", "livelihood", "positive", "住房经鉴定为危房", "申请书\n房屋鉴定", APPLY),
    ("MS-05", "惠农补贴申报发放", "livelihood", "positive", "符合补贴政策的农户", "申报表\n一卡通账号", APPLY),
    ("MS-06", "宅基地申请", "livelihood", "positive", "符合一户一宅条件", "申请书\n户口簿\n用地位置图", APPLY),
    ("MS-07", "残疾人补贴申请", "livelihood", "positive", "持有残疾人证", "申请书\n残疾人证", APPLY),
    ("CW-01", "村级各类证明出具", "affairs", "positive", "村民因事需要证明", "申请\n身份证明", CERTIFY),
    ("CW-02", "村级印章使用", "affairs", "positive", "需要加盖村级印章", "用印申请\n用印材料", CERTIFY),
    ("CW-03", "村民户籍迁入", "affairs", "positive", "符合落户条件", "申请书\n迁移证明", APPLY),
    ("CW-04", "村级财务公开", "affairs", "positive", "每月", "收支明细\n凭证", FINANCE),
    ("CW-05", "矛盾纠纷调解", "affairs", "positive", "村民之间发生纠纷", "调解申请", CERTIFY),
    ("DW-01", "发展党员", "party", "positive", "年满18周岁、入党积极分子", "入党申请书\n培养考察材料", PARTY),
    ("DW-02", "党员组织关系转接", "party", "positive", "党员流动", "介绍信", CERTIFY),
    ("DW-03", "党费收缴使用", "party", "positive", "按月收缴", "收缴台账", FINANCE),
    ("FM-01", "不得违规决策重大事项", "decisions", "negative", "严禁个人或少数人决定重大事项", "", NEGATIVE),
    ("FM-02", "不得违规发包工程", "engineering", "negative", "严禁化整为零规避招标、指定施工方", "", NEGATIVE),
    ("FM-03", "不得截留挪用惠农资金", "livelihood", "negative", "严禁虚报冒领、优亲厚友", "", NEGATIVE),
    ("FM-04", "不得私设小金库", "assets", "negative", "严禁账外账、公款私存", "", NEGATIVE),
]


def working_days(limit):
    """The count of a limit written "7个工作日" (7); one in other words ("当月", "7天") has none."""
    match = re.fullmatch(r"(\d+)个工作日", limit)
    return int(match.group(1)) if match else None


@transaction.atomic
def import_default_catalogue(town):
    """Adds the matters the town does not have yet (by code); edited or extra matters are left alone.

    The default matters are published at once (they are the standard text); a town's changes are corrections.
    """
    existing = set(Matter.objects.filter(town=town).values_list("code", flat=True))
    now = timezone.now()
    added = 0
    for order, (code, title, category, list_type, conditions, materials, steps) in enumerate(MATTERS):
        if code in existing:
            continue
        matter = Matter.objects.create(
            town=town, code=code, title=title, category=category, list_type=ListType(list_type),
            policy_basis=POLICY, conditions=conditions, materials=materials, sort_order=order,
            status=MatterStatus.PUBLISHED, published_at=now, requires_four_two=steps is FOUR_TWO,
        )
        Step.objects.bulk_create(
            Step(matter=matter, sort_order=index, title=s_title, role=role, time_limit=limit, output=output, returns_to=back,
                 working_days=working_days(limit), **(needs[0] if needs else {}))
            for index, (s_title, role, limit, output, back, *needs) in enumerate(steps)
        )
        added += 1
    if added:
        from .search import reindex_later

        reindex_later(town)
    return added
