"""Chinese of the guide area (merged into bin/zh_core.py)."""

ZH = {
    "Editor's guide": "编辑使用帮助",
    "Help for editors": "使用帮助",
    "Account": "帐号",  # the dashboard's account summary, overridden to link this guide
    "Step by step, for each task of a town's website. The buttons and menu items are named as the admin shows them.":
        "按任务一步一步说明怎样维护本镇网站。文中的按钮和菜单名称与后台上显示的完全一样。",
    "All topics": "全部帮助",
    "Other topics": "其他帮助",
    "Not sure how? Each task, step by step:": "不知道怎么操作？每项工作都有一步一步的说明：",
    "Open the guide": "打开使用帮助",
    "Sent by the villages for review": "村里送审的页面",
    "Page": "页面",
    "Sent by": "提交人",
    "Sent at": "提交时间",
    "Decision": "审核",
    "Preview": "预览",
    "Open in the editor": "在编辑器中打开",
    "Approve and publish": "审核通过并公开",  # the same words as the finance review (one catalogue entry for both)
    "What should change": "需要修改的地方",
    "Return with comment": "退回修改",
    "Say what should change: the village editor reads it.": "请写明需要修改的地方，村编辑会看到您的意见。",
    "Nothing is waiting: the villages' pages you approve will appear here when they are sent.":
        "目前没有待审核的页面。村编辑提交审核后，页面会出现在这里。",
    "“%(title)s” was returned to the village editor with your comment.": "已把“%(title)s”连同您的意见退回给村编辑。",
    "“%(title)s” is approved and published.": "“%(title)s”已审核通过并公开。",
    "Approved and published: %(title)s": "已审核通过并公开：%(title)s",
    "The town approved the page you submitted; villagers can see it now.": "镇里已批准您提交的页面，村民现在就能看到。",
    "Returned for changes: %(title)s": "退回修改：%(title)s",
    "The town's reviewer asks for changes: %(comment)s": "镇里审核人员请您修改：%(comment)s",
}
