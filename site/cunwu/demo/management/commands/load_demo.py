from django.core.management.base import BaseCommand
from django.utils import translation

from cunwu.demo.loader import demo_logins, load_demo


class Command(BaseCommand):
    help = "Load the demo towns 西湖镇 and 柳河镇 with villages, pages, staff and plugin content. Safe to repeat."

    def handle(self, *args, **options):
        with translation.override("zh-hans"):
            towns = load_demo()
            self.stdout.write(self.style.SUCCESS("Demo towns ready: " + ", ".join(t.name for t in towns.values())))
            self.stdout.write("Demo logins for /admin/:")
            for line in demo_logins():
                self.stdout.write(line)
