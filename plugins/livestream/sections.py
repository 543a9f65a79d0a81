"""The 直播 section this plugin fills: the schedule (live now, coming up, recent replays)."""

SECTIONS = [
    {
        "key": "live", "title": "直播", "slug": "zhibo", "intro": "村务监督日、阳光述职会直播和回放。",
        "body": [{"type": "livestream_schedule", "value": {"heading": "直播日程", "count": 3}}],
    },
]
