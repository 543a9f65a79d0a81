"""The 我要办 section this plugin fills: the kinds of request, the progress lookup and the case wall."""

SECTIONS = [
    {
        "key": "service", "title": "我要办", "slug": "wo-yao-ban", "intro": "我要办、我要问、我要反映。",
        "body": [
            {"type": "appeals_kinds", "value": {"heading": "我要办"}},
            {"type": "appeals_lookup", "value": {"heading": "查进度"}},
            {"type": "appeals_wall", "value": {"heading": "办理公示", "count": 5}},
        ],
    },
]
