"""The sections of the town's site this plugin fills (see cunwu.plugins.sections): blocks that need no setting."""

SECTIONS = [
    {
        "key": "disclosure",
        "title": "村务公开",
        "slug": "cunwu-gongkai",
        "intro": "{town}各村每月财务收支、惠农补贴发放和集体资产资源公开。",
        "body": [{"type": "disclosure_overview", "value": {"title": "各村本月财务公开"}}],
    },
    {
        "key": "powerlist",
        "title": "小微权力清单",
        "slug": "quanli-qingdan",
        "intro": "{town}村级小微权力清单：每项事项的办理依据、条件和流程图。",
        "body": [{"type": "disclosure_power_catalogue", "value": {"title": ""}}],
    },
]
