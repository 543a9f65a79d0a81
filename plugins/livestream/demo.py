"""Demo broadcasts of each town: a past sunshine-report meeting with its replay and minutes, one live now, one coming up.

The live one and the replay play the short stream shipped in static/livestream/demo (see its README.txt), so the
demo needs no outside host and no ffmpeg. Safe to run again: missing broadcasts are added, and a live or upcoming
one whose time has passed since the last run is moved back to now, so `make run` always shows one playing.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

SCHEDULE_SLUG = "richeng"


def demo_media(name):
    """The unhashed static path: the playlist names its segments by their plain file names beside it."""
    return f"{settings.STATIC_URL}livestream/demo/{name}"


def _show_now_next(page, after=None):
    """Put the "now live / next" block on a page of the demo once (after the block type `after`, else last)."""
    import json

    if page is None or not hasattr(page, "body"):
        return
    raw = list(page.body.raw_data)
    if any(item["type"] == "livestream_now_next" for item in raw):
        return
    position = next((i + 1 for i, item in enumerate(raw) if item["type"] == after), len(raw))
    raw.insert(position, {"type": "livestream_now_next", "value": {"heading": "村务直播"}})
    page.body = json.dumps(raw, ensure_ascii=False)
    page.save_revision().publish()


def load_demo(town, villages):
    from .models import BroadcastIndexPage, BroadcastPage, Kind, SourceKind

    root = town.root_page.specific
    # The town blueprint's 直播 section (key "live", whatever an editor renamed it to) holds the schedule page.
    sections = root.get_children().specific()
    parent = next((page for page in sections if getattr(page, "section_key", "") == "live"), root)
    schedule = BroadcastIndexPage.objects.descendant_of(root).first()
    if schedule is None:
        schedule = BroadcastIndexPage(title="直播日程", slug=SCHEDULE_SLUG, intro="村民大会、阳光报告会和村务监督日，在外务工也能在手机上看。")
        parent.add_child(instance=schedule)
        schedule.save_revision().publish()
    _show_now_next(root, after="quick_links")
    now = timezone.now().replace(second=0, microsecond=0)
    names = [village.name for village in villages] or [town.name]
    live_village, replay_village = villages[:1], villages[-1:]
    specs = [
        dict(
            title=f"{names[-1]}第三季度阳光报告会", slug="q3-sunshine-report", kind=Kind.SUNSHINE_REPORT,
            starts_at=now - timedelta(days=20), ends_at=now - timedelta(days=20) + timedelta(hours=2),
            ended_at=now - timedelta(days=20) + timedelta(hours=2), replay_url=demo_media("stream.m3u8"),
            agenda=f"<ol><li>{names[-1]}村支书报告第三季度财务收支</li><li>监委会主任通报项目监督情况</li><li>现场答疑</li></ol>",
            minutes="<p>到会村民代表 46 人。通报第三季度收入 12.6 万元、支出 9.8 万元；道路硬化项目验收合格；村民提出的 3 个问题已当场答复。</p>",
            attendee_count=46, related_items="2026年7月—9月村级财务公开\n道路硬化项目（小微权力清单第 12 项）",
            villages=replay_village,
        ),
        dict(
            title=f"{names[0]}村务监督日现场直播", slug="supervision-day-live", kind=Kind.SUPERVISION_DAY,
            source_kind=SourceKind.HLS, source_url=demo_media("stream.m3u8"),
            agenda="<ul><li>公开本月惠民资金发放</li><li>村民现场提问</li></ul>", villages=live_village,
            **_live_window(now),
        ),
        dict(
            title=f"{town.name}冬季防火政策大喇叭广播", slug="winter-fire-safety", kind=Kind.LOUDSPEAKER,
            source_kind=SourceKind.AUDIO, source_url=demo_media("loudspeaker.ogg"),
            agenda="<p>冬季用火用电安全、秸秆禁烧政策解读。</p>", villages=[], **_upcoming_window(now),
        ),
    ]
    existing = {page.slug: page for page in BroadcastPage.objects.child_of(schedule)}
    for spec in specs:
        chosen = spec.pop("villages")
        page = existing.get(spec["slug"])
        if page is None:
            page = BroadcastPage(**spec)
            schedule.add_child(instance=page)
            page.villages.set(chosen)
            page.save_revision().publish()
        else:
            _keep_current(page, now)
    live = BroadcastPage.objects.child_of(schedule).get(slug="supervision-day-live")
    if not live.updates.exists():
        live.updates.create(town=town, body="监督日开始，村监委会主任介绍本月惠民资金发放情况。")
        live.questions.create(town=town, name="王大明", body="低保名单什么时候公示？", status="approved", answer="本月 28 日在村公开栏和本网站同时公示。", answered_at=now)
    return schedule


def _live_window(now):
    return {"starts_at": now - timedelta(minutes=20), "ends_at": now + timedelta(hours=1, minutes=30), "ended_at": None}


def _upcoming_window(now):
    return {"starts_at": now + timedelta(days=3), "ends_at": now + timedelta(days=3, minutes=30)}


def _keep_current(page, now):
    """A demo run days later still has one broadcast live and one coming up."""
    from . import state

    windows = {"supervision-day-live": (state.LIVE, _live_window), "winter-fire-safety": (state.UPCOMING, _upcoming_window)}
    if page.slug not in windows:
        return
    wanted, window = windows[page.slug]
    if page.state_at(now) == wanted:
        return
    for name, value in window(now).items():
        setattr(page, name, value)
    page.save_revision().publish()
