"""Chinese of the blocks area (merged into bin/zh_core.py)."""

ZH = {
    # safe blocks
    "This block could not be shown; visitors do not see it.": "此区块显示出错，访客看不到它。",
    "Block: %(block)s. Check its settings, or ask the site's administrator.": "区块：%(block)s。请检查它的设置，或联系网站管理员。",
    "The block “%(block)s” could not be shown, so visitors do not see it. Check its settings, or ask the site's administrator.":
        "区块“%(block)s”显示出错，访客看不到它。请检查它的设置，或联系网站管理员。",
    # table
    "Insert a row above": "在上方插入一行", "Insert a row below": "在下方插入一行",
    "Insert a column on the left": "在左侧插入一列", "Insert a column on the right": "在右侧插入一列",
    "Delete this row": "删除这一行", "Delete this column": "删除这一列", "Undo": "撤销", "Redo": "重做",
    "Type into the cells as in a spreadsheet; right-click a cell to add or delete rows and columns. Choose below whether the first row or column holds the headings.":
        "像电子表格一样在格子里输入；在格子上点右键可以增删行和列。下面选择第一行或第一列是否作为表头。",
    "A simple table, e.g. subsidies by household or a duty roster; scrolls sideways on a phone.":
        "简单表格，如各户补贴明细、值班表；手机上可左右滑动查看。",
    # quick links
    "Automatic: from the link's text": "自动：按链接文字选择",
    "Leave on automatic to pick an icon that suits the link's text.": "选“自动”时，按链接文字配一个合适的图标。",
    # descriptions, for the block picker
    "A large banner at the top of a page: the town's name or a slogan, a background picture and a button.":
        "页面顶部的大横幅：镇名或标语，可配背景图片和一个按钮。",
    "Ordinary text: paragraphs, headings, lists, links and links to files.": "普通文字：段落、小标题、列表、链接和文件链接。",
    "One picture from the media library, with a line of text under it. Pictures are resized for phones by themselves.":
        "从图片库选一张图片，下面可加一行说明。图片会自动适配手机。",
    "Several pictures in a grid, e.g. of a village meeting or a finished project; each can have a line of text.":
        "多张图片排成网格，如村民会议、完工项目的照片；每张可加一行说明。",
    "Files villagers can download: notices, regulations, application forms. Upload them to the document library first, then choose them here.":
        "村民可下载的文件：通知、制度、申请表。先上传到文档库，再在这里选择。",
    "Who to call and where to go: office, duty, phone, address and hours; on a phone the number is called with one tap.":
        "找谁办、去哪办：单位、职责、电话、地址和办公时间；手机上点一下号码就能拨打。",
    "Common questions; a villager taps a question to open its answer. Good for how-to guides.":
        "常见问题，点一下问题就展开答案，适合做办事指南。",
    "A box that asks villagers to do one thing (report a problem, look up progress) with one big button to the page where they do it.":
        "醒目的提示框，请村民去做一件事（反映问题、查询进度），带一个大按钮直达办理页面。",
    "A coloured strip for an urgent or important notice; it can hide itself after a chosen day.":
        "紧急或重要通知的彩色横条，可设置到期后自动隐藏。",
    "Two to four columns side by side on a computer, one under another on a phone; each column holds text, a picture, a contact card, a button or files.":
        "电脑上两到四栏并排，手机上上下排列；每栏可放文字、图片、联系卡片、按钮或文件。",
    "The newest pages of a section, newest first, e.g. the latest notices. It updates by itself when a page is published there.":
        "某个栏目下最新的页面，最新的在前，如最新公告；栏目里发布新页面后自动更新。",
    "Big icon buttons like a WeChat menu (I want to do, finance, power list…), each to a page of the site or an address.":
        "像微信菜单一样的大图标按钮（我要办、财务公开、权力清单……），每个按钮链接到本站页面或网址。",
    "Figures that count themselves (visits, disclosed matters, handled appeals) and any figures you type in.":
        "自动统计的数字（访问量、公开事项、已办结诉求），也可以自己填写数字。",
    "A QR code that opens a page on a phone, e.g. to print for a village's notice board.":
        "手机扫码打开某个页面的二维码，可打印贴在村务公开栏上。",
    "A video from a video site the town allows (paste its player address); other sites are refused.":
        "本镇允许的视频网站上的视频（粘贴播放器地址）；其他网站的视频不能使用。",
    # pickers (cunwu.plugins.pickers)
    "Only a %(item)s of this town can be chosen.": "只能选择本镇的%(item)s。",
}
