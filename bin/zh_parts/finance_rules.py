"""Chinese of "finance follows power" (plugins/disclosure: record_citation, finance_rules, the ledger line's record,
the import column and the finance-warning settings). Filled from this dict into the plugin's own .po (English:
msgstr = msgid), which `make messages` keeps."""

ZH = {
    "The power record of the village this line pays for, if any.": "本笔收支所依据的本村权力运行记录（如有）。",
    "Power record tracking code": "运行记录编号",
    "“%(value)s” is not the tracking code of a power record of this village.": "“%(value)s”不是本村的权力运行记录编号。",
    "This power record belongs to another village; cite one of %(village)s.": "该运行记录属于其他村，请引用%(village)s的运行记录。",
    "Power record": "权力运行记录",
    "Large expense from (yuan)": "大额支出标准（元）",
    "An expense above this amount must cite a power record or a meeting resolution; payments under it that add up to "
    "more are flagged as possibly split.":
        "超过此金额的支出须注明所依据的运行记录或会议决议；单笔低于此金额但合计超过的付款将被提示为疑似拆分支付。",
    "“Just under” band (%)": "“略低于”幅度（%）",
    "Payments this close below the large-expense amount count as just under it.": "低于大额支出标准不超过此比例的付款，视为“略低于”标准。",
    "Split payments within (days)": "拆分支付的统计期间（天）",
    "An expense of %(amount)s yuan, above the large-expense amount of %(limit)s yuan, cites neither a power record nor "
    "a meeting resolution.":
        "支出 %(amount)s 元，超过大额支出标准 %(limit)s 元，但既未注明所依据的运行记录，也未注明会议决议。",
    "%(n)s payments to the same counterparty within %(days)s days, each just under (within %(band)s%% of) the "
    "large-expense amount of %(limit)s yuan, %(total)s yuan together: a payment possibly split to stay under the limit.":
        "%(days)s 天内向同一对象付款 %(n)s 笔，每笔都略低于大额支出标准 %(limit)s 元（差距在 %(band)s%% 以内），"
        "合计 %(total)s 元：疑似为规避标准而拆分支付。",
    "%(n)s payments to the same counterparty within %(days)s days, each under the large-expense amount of %(limit)s "
    "yuan, add up to %(total)s yuan: a payment possibly split to stay under the limit.":
        "%(days)s 天内向同一对象付款 %(n)s 笔，每笔都低于大额支出标准 %(limit)s 元，合计 %(total)s 元，"
        "超过大额支出标准：疑似为规避标准而拆分支付。",
    "In %(year)s-%(month)02d the same counterparty was paid under %(n)s different power records (%(codes)s).":
        "%(year)s-%(month)02d 同一对象分别以 %(n)s 条不同的权力运行记录（%(codes)s）收款。",
    "Finance warnings": "财务预警",
    "Published expenses of the past year: large ones without a power record or resolution, payments possibly split to "
    "stay under the limit, one counterparty paid under several records in a month.":
        "近一年已公开的支出：未注明运行记录或会议决议的大额支出、疑似拆分支付、同一对象同月以多条运行记录收款。",
    "Nothing flagged.": "无预警。",
}
