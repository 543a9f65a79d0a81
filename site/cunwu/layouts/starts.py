"""The blocks each layout's body starts with: Chinese placeholder text the editor overwrites.

Stored content, like the town blueprints (towns/blueprints/default.json), so it is written in Chinese rather than
translated: it becomes the town's own page text the moment the editor saves. Only blocks that validate as they
stand are used (no required link or picture left empty), so a page added from a layout can be published at once.
"""


def _text(html):
    return {"type": "rich_text", "value": html}


def _contact(name, role, hours="工作日 8:30–17:30"):
    return {"type": "contact", "value": {"name": name, "role": role, "phone": "", "address": "", "hours": hours}}


def _questions(title, pairs):
    items = [{"question": question, "answer": f"<p>{answer}</p>"} for question, answer in pairs]
    return {"type": "accordion", "value": {"title": title, "items": items}}


def topic_start():
    return [
        _text("<h2>专题简介</h2><p>（在这里用两三句话说明本专题的背景、目的和时间安排。）</p>"),
        _text("<h2>工作进展</h2><ul><li>（第一项进展）</li><li>（第二项进展）</li></ul>"),
        _questions("群众关心的问题", [("（常见问题一）", "（回答）"), ("（常见问题二）", "（回答）")]),
        _contact("（负责单位）", "专题咨询"),
    ]


def notice_start():
    return [
        _text(
            "<p>各村（社区）、各有关单位：</p>"
            "<p>（在这里写通知的事由、时间、地点和要求。）</p>"
            "<p>特此通知。</p>"
        ),
        _contact("（联系人）", "通知咨询"),
    ]


def village_intro_start():
    return [
        _text("<h2>村庄概况</h2><p>（地理位置、面积、户数和人口、村民小组个数。）</p>"),
        _text("<h2>历史沿革</h2><p>（村名由来和历史变迁。）</p>"),
        _text("<h2>特色产业</h2><p>（主导产业、合作社和特色产品。）</p>"),
        _text("<h2>村“两委”班子</h2><ul><li>党支部书记：（姓名）</li><li>村委会主任：（姓名）</li></ul>"),
        _contact("（村委会）", "村务咨询"),
    ]


def service_guide_start():
    return [
        _text("<h2>办理条件</h2><p>（谁可以办理，需要满足哪些条件。）</p>"),
        _text("<h2>所需材料</h2><ul><li>居民身份证原件</li><li>户口簿</li><li>（其他材料）</li></ul>"),
        _text("<h2>办理流程</h2><ol><li>提出申请</li><li>村委会受理审核</li><li>镇政府审批</li><li>领取结果</li></ol>"),
        _text("<h2>办理时限和收费</h2><p>（几个工作日内办结；是否收费。）</p>"),
        _questions("常见问题", [("（常见问题一）", "（回答）")]),
        _contact("（办理地点）", "办事咨询"),
    ]
