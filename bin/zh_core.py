"""Chinese for the core's messages. `make messages` extracts new msgids and fills in what this table knows."""

ZH = {
    "Can add %(model)s": "可添加%(model)s", "Can change %(model)s": "可修改%(model)s", "Can delete %(model)s": "可删除%(model)s",
    "Can view %(model)s": "可查看%(model)s", "Yes": "是", "No": "否", "Unknown": "未知",
    "Object permissions": "对象权限", "Name": "名称", "Delete": "删除", "Toggle all": "全部切换", "Other permissions": "其他权限",
    "Toggle all add permissions": "切换全部添加权限", "Toggle all change permissions": "切换全部修改权限",
    "Toggle all delete permissions": "切换全部删除权限", "Toggle all custom permissions": "切换全部自定义权限",
    "Demo town": "演示镇", "Notifications": "通知", "subject": "标题", "message": "内容", "link": "链接",
    "sent at": "发送时间", "read at": "阅读时间", "notification": "通知", "notifications": "通知",
    "Open": "打开", "No new notifications.": "没有新通知。", "Pages": "页面", "Body": "正文", "title": "标题",
    "subtitle": "副标题", "background image": "背景图片", "button": "按钮", "Hero banner": "横幅",
    "A large banner with the town's name or a slogan, at the top of a page.": "页面顶部的大横幅，展示镇名或标语。",
    "Text": "文字", "Paragraphs, headings, lists and links.": "段落、标题、列表和链接。", "image": "图片",
    "caption": "说明", "Image": "图片", "One picture with a caption.": "一张带说明的图片。", "images": "图片",
    "Image gallery": "图片集", "Several pictures in a grid, e.g. of a village meeting.": "多张图片网格展示，如村民会议照片。",
    "document": "文件", "documents": "文件", "Document list": "文件列表",
    "Files to download: notices, regulations, forms.": "可下载的文件：通知、制度、表格。", "name or office": "姓名或单位",
    "duty": "职责", "phone": "电话", "address": "地址", "office hours": "办公时间", "Contact card": "联系卡片",
    "Who to call and where to go, with a tap-to-call button.": "联系谁、去哪里办，带一键拨号按钮。", "question": "问题",
    "answer": "回答", "questions": "问题", "Questions and answers": "问答（折叠）",
    "Questions that open to show their answer; works without JavaScript.": "点击问题展开答案，无需 JavaScript。",
    "table": "表格", "Table": "表格", "A simple table, scrollable on phones.": "简单表格，手机上可左右滑动。",
    "text": "文字", "Call to action": "行动号召", "A box that invites villagers to do something, with one big button.": "邀请村民办事的醒目框，带一个大按钮。",
    "importance": "重要程度", "Information": "提示", "Attention": "注意", "Urgent": "紧急", "show until": "显示到",
    "Hidden after this day.": "过了这一天自动隐藏。", "Announcement banner": "公告横条",
    "A coloured strip for an urgent or important notice.": "用于紧急或重要通知的彩色横条。", "column": "栏", "columns": "栏",
    "Columns": "分栏", "Two to four columns side by side on wide screens, stacked on phones.": "宽屏并排两到四栏，手机上上下排列。",
    "Apply / I want to do": "我要办", "Finance": "财务", "Power list": "权力清单", "Report / complain": "投诉举报",
    "Ask": "咨询", "Livestream": "直播", "Village": "村", "Notice": "公告", "Phone": "电话", "Policy": "政策",
    "People": "人员", "Search": "搜索", "section": "栏目", "Leave empty for the pages under this page.": "留空则显示本页下的页面。",
    "how many": "条数", "show dates": "显示日期", "Notice list": "公告列表",
    "The newest pages of a section, e.g. the latest notices, newest first.": "某栏目最新的页面，如最新公告，新的在前。",
    "icon": "图标", "links": "链接", "per row": "每行个数", "Quick links": "快捷入口",
    "Big icon buttons like a WeChat menu: I want to do, finance, power list…": "像公众号菜单的大图标按钮：我要办、财务公开、权力清单……",
    "label": "名称", "figure": "数字", "show visits": "显示访问量", "show figures of enabled plugins": "显示已启用插件的数据",
    "more figures": "更多数据", "Statistics counters": "统计数据",
    "Counters such as visits, disclosed matters and handled appeals.": "访问量、公开事项、办结诉求等数字。", "page": "页面",
    "Leave empty for this page.": "留空则为本页。", "QR code": "二维码",
    "A QR code that opens a page on a phone, e.g. a village page for its notice board.": "手机扫码打开页面，如贴在公示栏的村页面二维码。",
    "video address": "视频地址",
    "A player address from an allowed video site, or a direct .mp4 / .m3u8 address on one.": "允许的视频网站的播放地址，或其上的 .mp4 / .m3u8 地址。",
    "Video": "视频", "A video from an allowed site; other sites are refused.": "来自允许网站的视频，其他网站会被拒绝。",
    "This site is not on the allowed list: %(hosts)s": "该网站不在允许名单中：%(hosts)s", "or web address": "或网址",
    "Choose a page or enter a web address.": "请选择一个页面或填写网址。",
    "The block “%(block)s” belongs to the plugin “%(plugin)s”, which this town has not enabled. Remove it or enable the plugin.": "区块“%(block)s”属于插件“%(plugin)s”，本镇尚未启用该插件。请删除该区块或启用插件。",
    "The video site of “%(url)s” is not allowed for this town. Allowed: %(hosts)s": "本镇不允许“%(url)s”所在的视频网站。允许的有：%(hosts)s",
    "content": "内容", "town home page": "镇首页", "town home pages": "镇首页", "introduction": "简介", "sections": "栏目",
    "date": "日期", "summary": "摘要", "article or notice": "文章或公告", "articles and notices": "文章和公告",
    "village list": "村列表", "village lists": "村列表", "village": "村", "village page": "村页面", "village pages": "村页面",
    "Skip to content": "跳到正文", "Village affairs": "村务", "Sections": "栏目", "Search this town": "搜索本镇",
    "Standard text": "标准字号", "Large text": "大字模式", "Small and micro power supervision platform": "小微权力监督平台",
    "Call": "拨打", "Address": "地址", "Office hours": "办公时间", "Nothing published yet.": "暂无内容。", "Visits": "访问量",
    "This video is from a site this town does not allow.": "该视频来自本镇不允许的网站。", "No villages yet.": "还没有村。",
    "One village, one code": "一村一码", "Scan to open the page of %(village)s.": "扫码打开%(village)s的页面。",
    "Printable A4 sign": "打印A4公示牌", "Download QR code": "下载二维码", "Village committee": "村委会",
    "supervision sign": "监督公示牌", "Village affairs supervision · scan the code": "村务监督 · 扫码查看",
    "Finance and village affairs disclosure": "财务和村务公开", "Small and micro power list": "小微权力清单",
    "Appeals, questions and reports": "诉求、咨询和举报", "Supervision hotline": "监督电话", "Print": "打印",
    "More results": "更多结果", "Nothing found for “%(query)s”.": "没有找到“%(query)s”。",
    "Type what you are looking for above.": "请在上方输入要查找的内容。", "Plugins": "插件", "Disclosure": "公开",
    "Services for villagers": "便民服务", "Supervision": "监督", "Media": "媒体", "Other": "其他", "plugin": "插件",
    "enabled": "已启用", "settings": "设置", "changed at": "修改时间", "plugin activation": "插件启用", "plugin activations": "插件启用",
    "Themes": "主题", "The settings of %(town)s were saved.": "%(town)s的设置已保存。",
    "The settings could not be saved. Please correct the errors below.": "设置未能保存，请更正下面的错误。",
    "The town %(town)s was created.": "已创建%(town)s。", "Towns": "乡镇", "theme": "主题", "enabled plugins": "启用的插件",
    "town name": "镇名", "host name": "域名", "e.g. liuhe.example.gov.cn": "例如 liuhe.example.gov.cn", "villages": "村",
    "One per line.": "每行一个。", "A site with this host name exists already.": "该域名的站点已存在。",
    "Town administrator": "镇管理员", "Town editor": "镇编辑", "Village editor": "村编辑", "Village staff": "村工作人员",
    "Discipline supervisor": "纪检监督员", "name": "名称", "short name": "简称", "elder mode by default": "默认大字模式",
    "Large text and high contrast unless a visitor turns it off.": "大字高对比度，访问者可以关闭。", "tagline": "标语",
    "contact phone": "联系电话", "contact address": "联系地址", "video hosts allowed": "允许的视频网站",
    "One host per line; empty means the platform's list. Only these hosts can be embedded.": "每行一个域名；留空则使用平台名单。只能嵌入这些网站的视频。",
    "media collection": "媒体库", "town": "镇", "towns": "镇", "role": "角色", "town group": "镇用户组", "town groups": "镇用户组",
    "code": "代码", "Used in addresses, e.g. beigoucun.": "用于网址，如 beigoucun。", "order": "顺序", "village staff": "村工作人员",
    "Staff and editors who work for this village.": "为本村工作的人员和编辑。", "Town": "镇", "Host name": "域名", "Theme": "主题",
    "Settings": "设置", "Add a town": "添加乡镇", "Create town": "创建乡镇", "Town settings": "本镇设置", "Save": "保存",
    "Villages": "村", "visits": "访问量", "visit count": "访问计数", "visit counts": "访问计数",
    "standard section": "标准栏目", "Contact": "联系方式", "%(village)s village committee": "%(village)s村民委员会",
    "Supervision and reports: discipline commission of %(town)s": "监督举报：%(town)s纪委", "plugins to switch on": "启用的插件",
    "Each fills its sections and seeds its defaults (appeal categories, the power list, the calendar).":
        "每个插件会填好自己的栏目并预置默认内容（诉求类别、权力清单、工作日历）。",
    # town boundary: lead
    "Beijing time (Asia/Shanghai)": "北京时间（上海）",
    "Xinjiang time (Asia/Urumqi)": "新疆时间（乌鲁木齐）",
    "Hong Kong time (Asia/Hong_Kong)": "香港时间",
    "Macau time (Asia/Macau)": "澳门时间",
    "Taipei time (Asia/Taipei)": "台北时间",
    "Coordinated Universal Time (UTC)": "协调世界时",
    "Town editors and the town administrator": "镇编辑和镇管理员",
    "The town administrator only": "仅镇管理员",
    "time zone": "时区",
    "page review": "页面审核",
    "Deadlines, monthly figures and reminders of this town are counted in this zone.": "本镇的办理时限、月度数据和提醒都按这个时区计算。",
    "Who approves the pages that village editors submit.": "村编辑提交的页面由谁审核通过。",
    # town boundary: h1 preserved blocks
    "This content comes from the plugin “%(type)s”, which is not installed. It will show again, unchanged, once the plugin is back; it cannot be edited here.":
        "此内容来自未安装的插件“%(type)s”，插件恢复后会原样显示；这里不能编辑。",
    "Plugin not installed: {type}": "未安装的插件：{type}",
    # town boundary: h2 authorisation
    # town boundary: h3 moderation and village rights
    "Page review": "页面审核", "Town approval": "镇审批",
    # town boundary: h4 time zone and links
    # town boundary: h5 operations
    # security: lead
    "Security": "安全", "audit entry": "审计记录", "audit trail": "审计日志", "user name": "用户名", "action": "操作",
    "object": "对象", "detail": "详情", "time": "时间", "town": "镇", "user": "用户", "Staff accounts": "工作人员账号",
    "Leave this field empty": "此项请留空", "Type the characters in the picture": "请输入图片中的字符",
    "This form could not be sent. Please try again.": "表单未能提交，请重试。",
    "Too many attempts from your connection. Please wait a while and try again.": "您的网络提交次数过多，请稍后再试。",
    "Please wait": "请稍候", "Back to the home page": "返回首页", "the file": "文件",
    "“%(name)s” is larger than %(size)d MB.": "“%(name)s”超过 %(size)d MB。",
    "“%(name)s” is not an allowed kind of file.": "“%(name)s”不是允许的文件类型。",
    "“%(name)s” contains scripts or embedded files and was refused.": "“%(name)s”含有脚本或嵌入文件，已拒收。",
    "“%(name)s” is not a readable PDF.": "“%(name)s”不是可读的 PDF 文件。",
    "The picture “%(name)s” is too large in pixels.": "图片“%(name)s”像素过大。",
    "The picture “%(name)s” cannot be read.": "图片“%(name)s”无法读取。",
    "The address contains characters that are not allowed.": "网址中含有不允许的字符。",
    # security: h3 staff accounts
    "Too many failed sign-ins for this account or from your connection. Sign-in is locked until %(time)s "
    "(about %(minutes)d minutes). Please try again then, or ask your town administrator to reset your password.":
        "此账号或您的网络登录失败次数过多，登录已锁定至 %(time)s（约 %(minutes)d 分钟）。请届时再试，或请镇管理员重置您的密码。",
    "Sign in": "登录", "Sign-in locked": "登录已锁定", "Back to sign in": "返回登录", "Two-step sign-in": "两步验证",
    "Enter your verification code": "请输入验证码",
    "Your password was right. Open the authenticator app on your phone and enter the code it shows for this site.":
        "密码正确。请打开手机上的身份验证器应用，输入它为本网站显示的验证码。",
    "Sign in as someone else": "以其他账号登录", "Set up two-step sign-in": "设置两步验证",
    "Your account must use two-step sign-in. Set it up now to continue.": "您的账号必须使用两步验证，请先完成设置再继续。",
    "Install an authenticator app on your phone (for example Microsoft Authenticator, Google Authenticator or the "
    "authenticator in a password manager).": "在手机上安装身份验证器应用（如微软身份验证器、谷歌身份验证器或密码管理器自带的验证器）。",
    "In the app, add an account and scan this QR code:": "在应用中添加账号并扫描此二维码：",
    "QR code for your authenticator app": "身份验证器应用的二维码",
    "If you cannot scan it, type this key instead:": "无法扫码时，可手动输入此密钥：",
    "Enter the 6-digit code the app now shows.": "输入应用当前显示的 6 位验证码。",
    "Turn on two-step sign-in": "开启两步验证", "Your backup codes": "您的备用验证码",
    "Two-step sign-in is on. If you lose your phone, each of these codes signs you in once instead of the app's code. "
    "Write them down or print them and keep them somewhere safe: they are shown only this once.":
        "两步验证已开启。手机丢失时，以下每个备用验证码可代替应用验证码登录一次。请抄下或打印并妥善保管：它们只显示这一次。",
    "I have kept them, continue": "已妥善保存，继续",
    "Two-step sign-in is on: after your password, the admin asks for the code from your authenticator app.":
        "两步验证已开启：输入密码后，后台还会要求输入身份验证器应用中的验证码。",
    "Make new backup codes": "重新生成备用验证码", "Turn off two-step sign-in": "关闭两步验证",
    "With two-step sign-in, a stolen password alone no longer opens your account: the admin also asks for a code "
    "from your phone.": "开启两步验证后，仅凭被盗的密码无法登录您的账号：后台还会要求输入手机上的验证码。",
    "Your account must use two-step sign-in.": "您的账号必须使用两步验证。",
    "For platform operators only": "仅限平台运维人员",
    "This part of the admin is only for the platform's operators. Your work is in the site admin.":
        "这部分后台仅供平台运维人员使用。您的工作请在网站后台进行。",
    "Go to the admin": "进入后台", "Unused backup codes left: %(counter)s": "剩余未使用的备用验证码：%(counter)s 个", "Verification code": "验证码",
    "The 6-digit code your authenticator app shows now, or one of your backup codes.": "身份验证器应用当前显示的 6 位验证码，或一个备用验证码。",
    "This code is not right, or it has been used already. Please try again.": "验证码不正确或已使用过，请重试。",
    "This code is not right. Check the time on your phone and try the newest code.": "验证码不正确。请检查手机时间，并输入最新的验证码。",
    "Two-step sign-in is required for your account and cannot be turned off.": "您的账号必须使用两步验证，不能关闭。",
    "Two-step sign-in is off. Only your password is asked when you sign in.": "两步验证已关闭。登录时只需输入密码。",
    "Ask for a code from your phone after the password when you sign in.": "登录时在密码之后再输入手机上的验证码。",
    # security: h4 csp
    # security: h5 uploads and documents
    "“%(name)s” is larger than %(size)s.": "“%(name)s”超过 %(size)s。",
    "“%(name)s” is not a JPEG, PNG, WebP or HEIC picture.": "“%(name)s”不是 JPEG、PNG、WebP 或 HEIC 格式的图片。",
    "“%(name)s” is protected by a password. Save it without the password and upload it again.":
        "“%(name)s”设有密码保护，请去掉密码后另存再上传。",
    "The content of “%(name)s” does not match its .%(extension)s name.": "“%(name)s”的内容与扩展名 .%(extension)s 不符。",
    "“%(name)s” unpacks to too many or too large files.": "“%(name)s”解压后文件过多或过大。",
    "“%(name)s” contains macros and was refused.": "“%(name)s”含有宏，已拒收。",
    "“%(name)s” looks like a web page or script and was refused.": "“%(name)s”像是网页或脚本，已拒收。",
    # security: h6 isolation and input
    "The form contains characters that are not allowed. Please check what you typed.": "表单中含有不允许的字符，请检查填写的内容。",
    "What you sent is too long. Please shorten it and try again.": "提交的内容太长，请缩短后重试。",
    "What you sent is too large. Please send a smaller file or less text.": "提交的内容太大，请换一个小一些的文件或减少文字。",
    "The form has too many fields. Please reload the page and try again.": "表单字段太多，请刷新页面后重试。",
    "The form could not be read. Please reload the page and try again.": "无法读取表单，请刷新页面后重试。",
    "A value you sent is not valid here. Please check it and try again.": "提交的某个值在这里无效，请检查后重试。",
    "The request could not be understood. Please go back and try again.": "无法识别此请求，请返回后重试。",
    "The request was refused": "请求未被受理",
    # security: h7 personal data
    "Export of appeals": "导出诉求", "Export of subsidy payments": "导出补贴发放", "Export of livestream sign-ups": "导出直播报名",
    "Audit trail read": "查阅审计日志", "Export of the audit trail": "导出审计日志", "Retention periods changed": "修改保留期限",
    "rule": "规则", "days kept": "保留天数", "retention period": "保留期限", "retention periods": "保留期限",
    "cut-off": "截止时间", "records": "记录数", "error": "错误", "dry run": "试运行", "retention run": "保留期限执行记录",
    "retention runs": "保留期限执行记录", "from": "起始日期", "to": "截止日期", "All actions": "全部操作",
    "Days after which the records lose their personal data (default %(days)d).": "超过此天数的记录将删除其中的个人信息（默认 %(days)d 天）。",
    "The retention periods of %(town)s were saved.": "%(town)s的保留期限已保存。",
    "Personal data retention": "个人信息保留期限", "Other towns:": "其他镇：",
    "Who exported or read personal data of this town, and when. Entries cannot be changed or deleted.":
        "记录本镇个人信息由谁、在何时导出或查阅。记录不能修改或删除。",
    "Filter": "筛选", "Download CSV": "下载 CSV", "No entries match.": "没有符合条件的记录。",
    "Every night, records older than their period lose the personal data named here (names, phone and ID numbers, addresses); the records themselves stay. At least %(min_days)s days.":
        "每天夜间，超过保留期限的记录将删除此处所列的个人信息（姓名、电话和身份证号、住址），记录本身保留。至少 %(min_days)s 天。",
    "Dry run: count what would be anonymised": "试运行：统计将被匿名化的记录数",
    "No plugin this town uses keeps personal data with a retention period.": "本镇启用的插件中没有需要设定保留期限的个人信息。",
    "Dry run": "试运行", "Nothing was changed.": "未做任何修改。", "Recent runs": "最近的执行记录", "No runs yet.": "尚无执行记录。",
    "failed (%(error)s)": "失败（%(error)s）", "yes": "是", "no": "否",
    "Page editor": "页面编辑", "Editor's guide": "使用帮助", "Layouts and reusable content": "页面版式和可复用内容",
    "Menu and footer": "菜单和页脚",
}
PLURALS = {
    "%(counter)s result for “%(query)s”": ["找到%(counter)s条“%(query)s”的结果"],
}


def _merge_parts():
    """Chinese kept beside the core's, one file per area (bin/zh_parts/<area>.py with a ZH dict): several people
    add messages at once without editing the same lines."""
    import importlib
    from pathlib import Path

    for path in sorted((Path(__file__).parent / "zh_parts").glob("*.py")):
        if path.stem != "__init__":
            ZH.update(importlib.import_module(f"zh_parts.{path.stem}").ZH)


_merge_parts()
