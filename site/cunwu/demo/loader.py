"""The demo: 西湖镇 ("Charming West Lake") with three villages, and 柳河镇 beside it, both in 瓜州县. Safe to run again."""

import datetime
import json

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.module_loading import import_string

from cunwu.pages.models import ArticlePage, SectionPage
from cunwu.plugins.registry import plugin_configs
from cunwu.plugins.sections import apply_sections
from cunwu.plugins.switch import set_plugin_enabled
from cunwu.towns.models import Role
from cunwu.search.index import rebuild_town
from cunwu.towns.services import create_town

from .cadres import cadre_logins, load_cadres
from .supervision import load_supervision, supervision_logins

DEMO_PASSWORD = "cunwu-demo-2026"
ADMIN_PASSWORD = "cunwu-admin-2026"

TOWNS = [
    {
        "name": "西湖镇",
        "slug": "xihu",
        "hostname": "localhost",
        "theme": "westlake",
        "villages": ["北沟村", "向阳村", "中沟村"],
        "default": True,
        "tagline": "魅力西湖 · 小微权力监督平台",
    },
    {
        "name": "柳河镇",
        "slug": "liuhe",
        "hostname": "liuhe.localhost",
        "theme": "default",
        "villages": ["柳河村", "东岗村"],
        "default": False,
        "tagline": "柳河镇村务监督",
    },
]

USERS = [
    # (username, town slug, role, village code or None)
    ("xihu-admin", "xihu", Role.TOWN_ADMIN, None),
    ("xihu-editor", "xihu", Role.TOWN_EDITOR, None),
    ("beigou-editor", "xihu", Role.VILLAGE_EDITOR, "beigoucun"),
    ("beigou-staff", "xihu", Role.VILLAGE_STAFF, "beigoucun"),
    ("xihu-supervisor", "xihu", Role.SUPERVISOR, None),
    ("liuhe-editor", "liuhe", Role.TOWN_EDITOR, None),
]

# Each town's notices name its own villages: {first} and {second} are the town's first two villages.
NOTICES = [
    ("2026年10月{first}财务收支公开", "{first}10月收入12,450元，支出9,870元，明细见财务公开。"),
    ("关于召开第四季度村务监督日的通知", "11月28日上午9时在{town}便民服务大厅召开，欢迎村民参加。"),
    ("{second}耕地地力保护补贴发放公示", "共发放345户，公示期7天，如有异议请联系村监委会。"),
    ("{town}2026年度低保救助对象公示", "经村民代表会议评议、镇人民政府审核，现将低保对象名单予以公示，公示期7天。"),
]


def _user(username, password, **extra):
    User = get_user_model()
    user, created = User.objects.get_or_create(username=username, defaults=extra)
    if created:
        user.set_password(password)
        user.save()
    return user


def _demo_user(username):
    user = _user(username, DEMO_PASSWORD)
    if not user.email:  # Wagtail's review notices go by e-mail (printed on the console under make run)
        user.email = f"{username}@localhost"
        user.save(update_fields=["email"])
    return user


def _notices(town):
    section = SectionPage.objects.descendant_of(town.root_page).filter(slug="cunwu-gongkai").first()
    if section is None:
        return
    existing = set(ArticlePage.objects.child_of(section).values_list("title", flat=True))
    names = [village.name for village in town.villages.all()[:2]]
    names += [town.name] * (2 - len(names))
    for offset, (title, text) in enumerate(NOTICES):
        title, text = (item.format(town=town.name, first=names[0], second=names[1]) for item in (title, text))
        if title in existing:
            continue
        page = ArticlePage(
            title=title,
            date=datetime.date(2026, 11, 20) - datetime.timedelta(days=offset * 7),
            summary=text,
            body=json.dumps([{"type": "rich_text", "value": f"<p>{text}</p>"}], ensure_ascii=False),
        )
        section.add_child(instance=page)
        page.save_revision().publish()


@transaction.atomic
def load_demo(stdout=None):
    towns = {}
    for spec in TOWNS:
        town, _created = create_town(
            name=spec["name"],
            hostname=spec["hostname"],
            theme=spec["theme"],
            villages=spec["villages"],
            slug=spec["slug"],
            is_default=spec["default"],
        )
        if not town.tagline:
            town.tagline = spec["tagline"]
            town.contact_phone = "0937-5521234"
            town.save(update_fields=["tagline", "contact_phone"])
        towns[spec["slug"]] = town
        for number, village in enumerate(town.villages.filter(contact_phone=""), start=1):
            village.contact_phone = f"0937-55230{number:02d}"
            village.save(update_fields=["contact_phone"])
        _notices(town)

    _user("admin", ADMIN_PASSWORD, is_superuser=True, is_staff=True, email="admin@localhost")
    for username, slug, role, village_code in USERS:
        town = towns[slug]
        user = _demo_user(username)
        user.groups.add(town.group_for(role))
        if village_code:
            town.villages.get(code=village_code).staff.add(user)
    load_cadres(list(towns.values()), _demo_user)
    load_supervision(list(towns.values()), _demo_user)

    for config in plugin_configs():
        for town in towns.values():
            set_plugin_enabled(town, config.label, True)
            # Towns made before the plugin declared its sections get them filled now (idempotent).
            apply_sections(town, config)
            if config.demo_loader:
                import_string(config.demo_loader)(town, list(town.villages.all()))
    for town in towns.values():
        rebuild_town(town)
    return towns


def demo_logins():
    lines = [f"  admin / {ADMIN_PASSWORD}  (platform operator, all towns)"]
    lines += [f"  {username} / {DEMO_PASSWORD}  ({slug}: {role.label})" for username, slug, role, _v in USERS]
    return lines + cadre_logins(TOWNS, DEMO_PASSWORD) + supervision_logins(TOWNS, DEMO_PASSWORD)
