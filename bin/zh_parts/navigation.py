"""Chinese of the navigation area (merged into bin/zh_core.py)."""

ZH = {
    "Menu and footer": "菜单和页脚", "menu and footer": "菜单和页脚", "menus and footers": "菜单和页脚",
    "supervision hotline": "监督电话", "Supervision hotline": "监督电话",
    "Shown in the footer of every page, e.g. 0571-12345678.": "显示在每个页面的页脚，如 0571-12345678。",
    "Menu": "菜单", "menu item": "菜单项", "menu items": "菜单项",
    "Drag to reorder. Leave the label empty to use the page's title.": "拖动可调整顺序。名称留空则使用页面标题。",
    "Footer": "页脚", "footer line": "页脚行", "footer lines": "页脚行",
    "other website": "其他网站", "Only for a link outside this town's site.": "仅用于本镇网站以外的链接。",
    "Choose a page or enter an address, not both.": "请选择一个页面或填写一个网址，不要两个都填。",
    "Choose a page of this town or enter an address.": "请选择本镇的一个页面，或填写一个网址。",
    "Choose a page of this town.": "请选择本镇的页面。",
    "hidden": "隐藏", "Kept here but not shown in the menu.": "保留在这里，但不在菜单中显示。",
    "A link to another website needs a label.": "链接到其他网站时需要填写名称。",
    "e.g. the address, the office hours or a phone number.": "如地址、办公时间或联系电话。",
    "Optional: the line links to this page.": "可选：点这一行打开这个页面。",
    "The menu and footer of %(object)s were saved.": "%(object)s的菜单和页脚已保存。",
    "The menu and footer could not be saved. Please correct the errors below.": "菜单和页脚未能保存，请改正下面的错误。",
    "The menu and footer of %(town)s's public site. The sections of a plugin the town switched off are left out until it is switched on again.":
        "%(town)s公开网站的菜单和页脚。本镇关闭的插件，其栏目在重新启用之前不会出现在网站上。",
    "Other towns:": "其他镇：",
}
