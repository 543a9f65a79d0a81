"""Demo broadcasts: a past sunshine-report meeting with its replay and minutes, one live now, one coming up."""

import io
import math
import struct
import wave
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

SCHEDULE_SLUG = "richeng"


def _tone_wav(seconds=3, rate=8000):
    """A short real recording stand-in, so the demo replay plays without any outside host."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"".join(struct.pack("<h", int(6000 * math.sin(2 * math.pi * 440 * n / rate))) for n in range(seconds * rate)))
    return buffer.getvalue()


def _replay_document(town):
    from wagtail.documents import get_document_model

    Document = get_document_model()
    title = f"{town.name} 阳光报告会录音"
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title)
        document.file.save(f"livestream-demo-{town.slug}.wav", ContentFile(_tone_wav()), save=False)
        document.save()
    return document


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
    # The town blueprint already has a "直播" section; the schedule goes under it when it is there.
    parent = (root.get_children().filter(slug="zhibo").first() or root).specific
    schedule = BroadcastIndexPage.objects.descendant_of(root).first()
    if schedule is None:
        schedule = BroadcastIndexPage(title="直播日程", slug=SCHEDULE_SLUG, intro="村民大会、阳光报告会和村务监督日，在外务工也能在手机上看。")
        parent.add_child(instance=schedule)
        schedule.save_revision().publish()
    _show_now_next(root, after="quick_links")
    _show_now_next(parent)
    if BroadcastPage.objects.child_of(schedule).exists():
        return schedule
    now = timezone.now().replace(second=0, microsecond=0)
    host = town.site.hostname
    first = villages[0] if villages else None
    specs = [
        dict(
            title="第三季度阳光报告会", slug="q3-sunshine-report", kind=Kind.SUNSHINE_REPORT,
            starts_at=now - timedelta(days=20), ends_at=now - timedelta(days=20) + timedelta(hours=2),
            ended_at=now - timedelta(days=20) + timedelta(hours=2), replay_document=_replay_document(town),
            agenda="<ol><li>村支书报告第三季度财务收支</li><li>监委会主任通报项目监督情况</li><li>现场答疑</li></ol>",
            minutes="<p>到会村民代表 46 人。通报第三季度收入 12.6 万元、支出 9.8 万元；道路硬化项目验收合格；村民提出的 3 个问题已当场答复。</p>",
            attendee_count=46, related_items="2026年7月—9月村级财务公开\n道路硬化项目（小微权力清单第 12 项）",
        ),
        dict(
            title="村务监督日现场直播", slug="supervision-day-live", kind=Kind.SUPERVISION_DAY,
            starts_at=now - timedelta(minutes=20), ends_at=now + timedelta(hours=1, minutes=30),
            source_kind=SourceKind.HLS, source_url=f"https://{host}/live/supervision-day.m3u8",
            agenda="<ul><li>公开本月惠民资金发放</li><li>村民现场提问</li></ul>",
        ),
        dict(
            title="冬季防火政策大喇叭广播", slug="winter-fire-safety", kind=Kind.LOUDSPEAKER,
            starts_at=now + timedelta(days=3), ends_at=now + timedelta(days=3, minutes=30),
            source_kind=SourceKind.AUDIO, source_url=f"https://{host}/live/loudspeaker.mp3",
            agenda="<p>冬季用火用电安全、秸秆禁烧政策解读。</p>",
        ),
    ]
    for spec in specs:
        page = BroadcastPage(**spec)
        schedule.add_child(instance=page)
        if first is not None:
            page.villages.set([first])
        page.save_revision().publish()
    live = BroadcastPage.objects.child_of(schedule).get(slug="supervision-day-live")
    live.updates.create(town=town, body="监督日开始，村监委会主任介绍本月惠民资金发放情况。")
    live.questions.create(town=town, name="王大明", body="低保名单什么时候公示？", status="approved", answer="本月 28 日在村公开栏和本网站同时公示。", answered_at=now)
    return schedule
