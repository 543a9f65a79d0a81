"""Chinese of the editor area (merged into bin/zh_core.py)."""

ZH = {
    "Page editor": "页面编辑",
    # history: an earlier version previewed or restored as a draft
    "Preview this version": "预览此版本",
    "Restore this version": "恢复为此版本",
    "Restore as a draft": "恢复为草稿",
    "Cancel": "取消",
    "The version of %(date)s is now the page's draft. It is not published until you publish it.":
        "已把 %(date)s 的版本恢复为本页草稿。发布之前，网站上的页面不变。",
    "The page's content becomes the version of %(date)s again, as a new draft. Nothing is published: the live page stays as it is until you publish.":
        "本页内容将恢复为 %(date)s 的版本，保存为一份新草稿。不会发布：在您发布之前，网站上的页面保持不变。",
    "This page is locked by someone else. It can be restored once it is unlocked.": "本页已被他人锁定，解锁后才能恢复。",
}
