"""Per-town page review and village page rights, through the admin as the staff would use it."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from wagtail.models import GroupPagePermission, Workflow, WorkflowPage
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cunwu.pages.models import ArticlePage, VillagePage
from cunwu.towns.access import user_villages
from cunwu.towns.models import Moderation, Role
from cunwu.towns.moderation import reviewer_groups, town_workflow
from cunwu.towns.services import add_village, create_town


@pytest.fixture
def xihu(town, make_user):
    """西湖镇 with the demo's staff: each has an e-mail address, so Wagtail's notices can reach them."""
    beigou = town.villages.get(name="北沟村")
    users = {
        "admin": make_user("xihu-admin", town, Role.TOWN_ADMIN, email="admin@xihu.test"),
        "editor": make_user("xihu-editor", town, Role.TOWN_EDITOR, email="editor@xihu.test"),
        "village": make_user("beigou-editor", town, Role.VILLAGE_EDITOR, beigou, email="beigou@xihu.test"),
        "staff": make_user("beigou-staff", town, Role.VILLAGE_STAFF, beigou, email="staff@xihu.test"),
    }
    return town, users


def village_page(town, name):
    return VillagePage.objects.get(village__town=town, village__name=name)


def denied(response):
    return response.status_code in (302, 403, 404) and "/admin/login" not in response.get("Location", "")


def submit(client, user, page):
    """What the editor's "Submit for review" button posts."""
    client.force_login(user)
    data = nested_form_data(
        {
            "title": page.title + "（更新）",
            "slug": page.slug,
            "village": page.village_id,
            "body": streamfield([]),
            "comments": inline_formset([]),
            "action-submit": "submit",
        }
    )
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302, response.content[:2000]
    page.refresh_from_db()
    assert page.workflow_in_progress
    return page.current_workflow_task_state


def approve(client, user, page, task_state):
    client.force_login(user)
    return client.post(f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/", {"comment": ""})


def offers_approval(html, page, task_state):
    """The edit view links "approve with comment" (collect_action_data), the dashboard "approve" (action)."""
    return re.search(rf"/admin/pages/workflow/[a-z_]+/{page.pk}/approve/{task_state.pk}/", html) is not None


@pytest.mark.sqlite
def test_village_editors_submission_reaches_that_towns_reviewers_only(client, xihu, other_town, make_user):
    town, users = xihu
    liuhe_editor = make_user("liuhe-editor", other_town, Role.TOWN_EDITOR, email="editor@liuhe.test")
    page = village_page(town, "北沟村")
    mail.outbox.clear()

    task_state = submit(client, users["village"], page)

    assert sorted(address for message in mail.outbox for address in message.to) == ["admin@xihu.test", "editor@xihu.test"]
    client.force_login(users["editor"])
    edit = client.get(f"/admin/pages/{page.pk}/edit/")
    assert edit.status_code == 200
    assert offers_approval(edit.text, page, task_state)
    dashboard = client.get("/admin/")
    assert offers_approval(dashboard.text, page, task_state)

    client.force_login(liuhe_editor)
    assert not offers_approval(client.get("/admin/").text, page, task_state)
    assert denied(approve(client, liuhe_editor, page, task_state))
    page.refresh_from_db()
    assert page.workflow_in_progress and page.title == "北沟村"

    assert approve(client, users["editor"], page, task_state).status_code == 302
    page.refresh_from_db()
    assert not page.workflow_in_progress and page.live and page.title == "北沟村（更新）"


def test_wagtails_global_moderators_have_no_power_over_a_town(client, xihu, make_user):
    town, users = xihu
    moderator = make_user("global-moderator", email="moderator@example.test")
    moderator.groups.add(Group.objects.get(name="审核员"))  # Wagtail's "Moderators", renamed by towns 0002
    page = village_page(town, "北沟村")
    mail.outbox.clear()

    task_state = submit(client, users["village"], page)

    assert "moderator@example.test" not in [address for message in mail.outbox for address in message.to]
    client.force_login(moderator)
    assert not offers_approval(client.get("/admin/").text, page, task_state)
    assert denied(approve(client, moderator, page, task_state))
    assert denied(client.get(f"/admin/pages/{page.pk}/edit/"))
    assert denied(client.get(f"/admin/pages/{town.root_page.pk}/edit/"))
    assert not Workflow.objects.filter(active=True, workflow_pages__page__depth=1).exists()
    page.refresh_from_db()
    assert page.workflow_in_progress


def test_with_review_by_the_town_admin_only_the_admin_gets_it(client, xihu):
    town, users = xihu
    town.moderation = Moderation.TOWN_ADMIN
    town.save()
    page = village_page(town, "北沟村")
    mail.outbox.clear()

    task_state = submit(client, users["village"], page)

    assert [message.to for message in mail.outbox] == [["admin@xihu.test"]]
    client.force_login(users["editor"])
    assert not offers_approval(client.get("/admin/").text, page, task_state)
    assert denied(approve(client, users["editor"], page, task_state))
    client.force_login(users["admin"])
    assert offers_approval(client.get("/admin/").text, page, task_state)
    assert approve(client, users["admin"], page, task_state).status_code == 302
    page.refresh_from_db()
    assert page.live and not page.workflow_in_progress

    town.moderation = Moderation.TOWN_EDITORS
    town.save(update_fields=["moderation"])
    assert set(reviewer_groups(town)) == {town.group_for(Role.TOWN_EDITOR), town.group_for(Role.TOWN_ADMIN)}


def test_town_editor_publishes_directly(client, xihu):
    town, users = xihu
    page = village_page(town, "向阳村")
    client.force_login(users["editor"])
    data = nested_form_data(
        {
            "title": "向阳村（新）",
            "slug": page.slug,
            "village": page.village_id,
            "body": streamfield([]),
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
    )
    assert client.post(f"/admin/pages/{page.pk}/edit/", data).status_code == 302
    page.refresh_from_db()
    assert page.title == "向阳村（新）" and not page.workflow_in_progress


@pytest.mark.sqlite
def test_village_editor_edits_only_their_own_village(client, xihu):
    town, users = xihu
    editor = users["village"]
    own, other = village_page(town, "北沟村"), village_page(town, "向阳村")
    client.force_login(editor)

    assert client.get(f"/admin/pages/{own.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/add/cunwu_pages/articlepage/{own.pk}/").status_code == 200
    assert denied(client.get(f"/admin/pages/{other.pk}/edit/"))
    assert denied(client.get(f"/admin/pages/add/cunwu_pages/articlepage/{other.pk}/"))
    assert denied(client.get(f"/admin/pages/{own.get_parent().pk}/edit/"))
    assert list(user_villages(editor)) == [own.village]

    child = own.add_child(instance=ArticlePage(title="北沟村通知", slug="tongzhi"))
    assert client.get(f"/admin/pages/{child.pk}/edit/").status_code == 200

    own.village.staff.remove(editor)
    assert denied(client.get(f"/admin/pages/{own.pk}/edit/"))
    assert denied(client.get(f"/admin/pages/{child.pk}/edit/"))
    assert list(user_villages(editor)) == []

    editor.villages.add(other.village)  # from the user's side this time
    assert client.get(f"/admin/pages/{other.pk}/edit/").status_code == 200
    assert denied(client.get(f"/admin/pages/{own.pk}/edit/"))


def test_village_rights_follow_the_role_group_and_new_villages(client, xihu):
    town, users = xihu
    editor, staff = users["village"], users["staff"]
    own = village_page(town, "北沟村")

    client.force_login(staff)  # village staff without the editor role: no page rights
    assert denied(client.get(f"/admin/pages/{own.pk}/edit/"))

    role_group = town.group_for(Role.VILLAGE_EDITOR)
    editor.groups.remove(role_group)  # no longer a village editor (nor admin staff at all)
    assert not own.permissions_for_user(type(editor).objects.get(pk=editor.pk)).can_edit()
    role_group.user_set.add(editor)  # from the group's side
    client.force_login(editor)
    assert client.get(f"/admin/pages/{own.pk}/edit/").status_code == 200

    assert not GroupPagePermission.objects.filter(group=role_group).exists()

    village = add_village(town, "新建村")
    village.staff.add(editor)
    new_page = village_page(town, "新建村")
    assert client.get(f"/admin/pages/{new_page.pk}/edit/").status_code == 200

    group_ids = list(village.groups.values_list("group_id", flat=True))
    assert [group.name for group in Group.objects.filter(pk__in=group_ids)] == [f"西湖镇 · 新建村 · 村编辑 (xihu/{village.code})"]
    new_page.delete()
    village.delete()
    assert not Group.objects.filter(pk__in=group_ids).exists()


def test_create_town_twice_makes_one_workflow(xihu):
    town, _users = xihu
    again, created = create_town(name="西湖镇", hostname="localhost", villages=("北沟村",), plugins=())
    assert again == town and not created
    assert Workflow.objects.filter(name="西湖镇 · 页面审核").count() == 1
    assert WorkflowPage.objects.filter(page=town.root_page).count() == 1
    workflow = town_workflow(town)
    assert workflow.active and workflow.tasks.count() == 1
    assert town.groups.filter(role=Role.VILLAGE_EDITOR).exclude(village=None).count() == town.villages.count()
