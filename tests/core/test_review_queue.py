"""The town's review queue on the dashboard: a village editor submits, the town editor approves one page and
returns another with a comment from the dashboard's links, the village editor reads the Chinese notice."""

import re
from html import unescape

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cunwu.notifications.models import Notification
from cunwu.pages.models import ArticlePage, VillagePage
from cunwu.towns.models import Role


def submit(client, user, page, title):
    client.force_login(user)
    data = nested_form_data(
        {"title": title, "slug": page.slug, "date": "2026-12-01", "summary": "", "body": streamfield([]),
         "comments": inline_formset([]), "action-submit": "submit"}
    )
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302, response.content[:2000]


def panel(html):
    match = re.search(r'<section class="w-panel cunwu-review".*?</section>', html, re.S)
    return match.group(0) if match else ""


def forms_of(panel_html, title):
    """The approve and return forms of the row showing `title`."""
    row = next(row for row in re.findall(r"<tr data-review-item.*?</tr>", panel_html, re.S) if title in row)
    return [unescape(action) for action in re.findall(r'<form method="post" action="([^"]+)"', row)]


@pytest.fixture
def xihu(town, other_town, make_user):
    beigou = town.villages.get(name="北沟村")
    village_page = VillagePage.objects.get(village=beigou)
    notices = [village_page.add_child(instance=ArticlePage(title=title, slug=slug, live=False)) for title, slug in
               (("北沟村冬季防火通知", "fanghuo"), ("北沟村道路维修公告", "daolu"))]
    return {
        "town": town,
        "editor": make_user("xihu-editor", town, Role.TOWN_EDITOR),
        "village": make_user("beigou-editor", town, Role.VILLAGE_EDITOR, beigou, email="beigou@xihu.test"),
        "liuhe": make_user("liuhe-editor", other_town, Role.TOWN_EDITOR),
        "notices": notices,
    }


def test_town_editor_approves_and_returns_from_the_dashboard(client, xihu):
    fire, road = xihu["notices"]
    submit(client, xihu["village"], fire, "北沟村冬季防火通知")
    submit(client, xihu["village"], road, "北沟村道路维修公告")

    client.force_login(xihu["editor"])
    dashboard = client.get("/admin/")
    queue = panel(dashboard.text)
    assert "村里送审的页面 (2)" in queue and "北沟村冬季防火通知" in queue and "北沟村道路维修公告" in queue
    assert "beigou-editor" in queue and "北沟村" in queue

    approve_url, _reject_url = forms_of(queue, "北沟村冬季防火通知")
    response = client.post(approve_url, follow=True)
    assert "“北沟村冬季防火通知”已审核通过并公开。" in response.text
    fire.refresh_from_db()
    assert fire.live and not fire.workflow_in_progress
    assert client.get(fire.url, HTTP_HOST="localhost").status_code == 200

    _approve_url, reject_url = forms_of(panel(response.text), "北沟村道路维修公告")
    refused = client.post(reject_url, {"comment": " "}, follow=True)
    assert "请写明需要修改的地方" in refused.text
    response = client.post(reject_url, {"comment": "请补上施工期间的绕行路线"}, follow=True)
    assert "已把“北沟村道路维修公告”连同您的意见退回给村编辑。" in response.text
    road.refresh_from_db()
    assert not road.live and "北沟村道路维修公告" not in panel(response.text)

    notices = {n.subject: n.body for n in Notification.objects.filter(recipient=xihu["village"])}
    assert notices["已审核通过并公开：北沟村冬季防火通知"] == "镇里已批准您提交的页面，村民现在就能看到。"
    assert notices["退回修改：北沟村道路维修公告"] == "镇里审核人员请您修改：请补上施工期间的绕行路线"
    client.force_login(xihu["village"])
    inbox = client.get("/admin/").text
    assert "退回修改：北沟村道路维修公告" in inbox and "请补上施工期间的绕行路线" in inbox
    assert "村里送审的页面" not in inbox  # a village editor reviews nothing: no empty panel


def test_another_towns_editor_never_sees_or_acts_on_the_submission(client, xihu):
    fire, _road = xihu["notices"]
    submit(client, xihu["village"], fire, "北沟村冬季防火通知")
    client.force_login(xihu["editor"])
    approve_url, _ = forms_of(panel(client.get("/admin/").text), "北沟村冬季防火通知")

    client.force_login(xihu["liuhe"])
    assert "北沟村冬季防火通知" not in client.get("/admin/").text
    refused = client.post(approve_url)  # Wagtail answers a refusal in the admin with a redirect to the dashboard
    assert refused.status_code in (302, 403, 404) and "/login" not in refused.get("Location", "")
    fire.refresh_from_db()
    assert fire.workflow_in_progress and not fire.live
