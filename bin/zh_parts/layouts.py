"""Chinese of the layouts area (merged into bin/zh_core.py)."""

ZH = {
    "Layouts and reusable content": "页面布局和可复用内容",
    "banner picture": "横幅图片",
    "special topic page": "专题页",
    "special topic pages": "专题页",
    "A campaign or theme on one page: a large picture with the title on it, then text, questions and contacts.":
        "把一项活动或一个主题集中在一页：标题印在大图上，下面是文字、问答和联系方式。",
    "Empty: the day it is first published.": "留空则为首次发布的日期。",
    "issued by": "发布单位",
    "e.g. the town government's office": "例如：镇人民政府办公室",
    "notice": "通知公告",
    "notices": "通知公告",
    "A dated announcement with the office that issues it, e.g. a meeting or a deadline for villagers.":
        "注明发布单位和日期的告知，如会议安排、缴费截止时间。",
    "village introduction": "村情介绍",
    "village introductions": "村情介绍",
    "Overview, history, industries and committee members of a village, with its contact.":
        "一个村的概况、历史沿革、特色产业和村“两委”班子，附联系方式。",
    "service guide": "办事指南",
    "service guides": "办事指南",
    "Who may apply, which papers to bring, the steps, the time limit and where to go.":
        "谁可以办、要带哪些材料、办理流程、时限和办理地点。",
    "For finding it in the list; not shown on pages.": "用于在列表中查找，不在页面上显示。",
    "last changed": "最后修改",
    "reusable content": "可复用内容",
    "reusable contents": "可复用内容",
    "Reusable content": "可复用内容",
    "A contact card or box kept once for the town under “Reusable content”: edit it there and every page showing it changes.":
        "在“可复用内容”中为全镇保存一份的联系卡片或提示框：在那里修改一次，所有用到它的页面一起更新。",
    "Block to copy": "要复制的区块",
    "Copy to page": "复制到页面",
    "Choose a page": "请选择页面",
    "Only pages of this town that you may edit. The block is added at the end of the page's draft.":
        "只列出本镇您可以编辑的页面。区块会加在该页面草稿的末尾。",
    "This page is locked or you may not edit it.": "该页面已被锁定，或您无权编辑。",
    "The block was added at the end of the draft of “%(page)s”. Check it there and publish when it is ready.":
        "区块已加到《%(page)s》草稿的末尾。请到该页面检查，确认无误后再发布。",
    "Edit that page": "编辑该页面",
    "Copy a block to another page": "把区块复制到其他页面",
    "Copy to another page": "复制到其他页面",
    "Copy to the draft of that page": "复制到该页面的草稿",
    "Cancel": "取消",
    "This page has no blocks yet.": "本页还没有区块。",
    "Choose one of the town's contents kept under “Reusable content” in the menu, e.g. the contact card. To change what it says, edit it there: every page showing it changes at once.":
        "从菜单“可复用内容”中本镇保存的内容里选择一项，如联系卡片。要修改其中的文字，请到那里编辑，所有用到它的页面会同时更新。",
    # descriptions of the core's page types on the "add page" screen
    "A part of the site such as village affairs or the service guide: an introduction and blocks, then the pages put under it, newest first.":
        "网站的一个版块，如村务公开、办事指南：上方是简介和区块，下面列出放在它下面的页面，最新的在前。",
    "News, a report or an announcement with its date and a short summary; its section lists it with the newest first.":
        "新闻、工作报道或公告，带日期和简短摘要，在所在版块中按最新在前列出。",
}
