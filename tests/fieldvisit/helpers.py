"""Shared steps of the field check-in tests: the admin menu's links and a check-in posted as the phone does."""

import json
import re

from django.core.files.uploadedfile import SimpleUploadedFile


def menu_href(html, label):
    """The URL of the sidebar's menu item `label` (Wagtail renders the sidebar from JSON props)."""
    props = re.search(r'<script[^>]*id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S).group(1)

    def walk(node):
        if isinstance(node, dict):
            if node.get("label") == label and node.get("url"):
                return node["url"]
            node = list(node.values())
        if isinstance(node, list):
            return next((found for found in map(walk, node) if found), None)
        return None

    return walk(json.loads(props))


def link(html, text):
    """The href of the link whose text is `text`."""
    match = re.search(r'<a[^>]*href="([^"]+)"[^>]*>\s*' + re.escape(text) + r"\s*</a>", html)
    assert match, f"no link {text!r}"
    return match.group(1)


def post_check_in(client, village, **fields):
    data = {"village": village.pk, "note": "", "visited": "", "latitude": "", "longitude": "", "accuracy_m": ""}
    data.update(fields)
    if isinstance(data.get("photo"), bytes):
        data["photo"] = SimpleUploadedFile(data.pop("photo_name", "photo.jpg"), data["photo"], "image/jpeg")
    return client.post("/admin/fieldvisit/check-in/", data)
