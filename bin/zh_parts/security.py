"""Chinese of the security area (merged into bin/zh_core.py)."""

ZH = {
    "This page was open too long, or your browser did not keep its cookie. Please reload the page and send the form again.":
        "页面打开时间过长，或浏览器没有保存 Cookie。请刷新页面后重新提交。",
    # The group permission screens (towns/templates/wagtailusers, wagtailadmin/permissions): msgmerge had guessed
    # "Add" -> 地址 and "Custom permissions" -> 监督; these follow Wagtail's own catalogue.
    "Collection": "文件夹", "Add": "新增", "Change": "更改", "Custom permissions": "自定义权限",
    "The filter in the address does not apply here; the whole list is shown.": "网址中的筛选条件在此不适用，已显示全部记录。",
}
