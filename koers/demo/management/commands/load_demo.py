"""Load the demo workspace and print who can log in with which password."""

from django.core.management.base import BaseCommand

from koers.accounts.models import Role
from koers.demo.people import DEMO_PASSWORD, PEOPLE
from koers.demo.services import ensure_admin, load_demo


class Command(BaseCommand):
    help = "Create the demo workspace Bakkerij De Korenaar (kept as it is if it exists)."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="Delete and rebuild the demo.")

    def handle(self, *args, reset=False, **options):
        workspace = load_demo(reset=reset)
        ensure_admin(DEMO_PASSWORD)
        self.stdout.write(self.style.SUCCESS(f"Demo workspace: {workspace.name}"))
        self.stdout.write("Log in at http://127.0.0.1:8000/ with one of these accounts:")
        self.stdout.write(f"  {'username':<10} {'password':<20} role")
        for username, first, _last, role in PEOPLE:
            self.stdout.write(f"  {username:<10} {DEMO_PASSWORD:<20} {Role(role).label} ({first})")
        self.stdout.write(f"  {'admin':<10} {DEMO_PASSWORD:<20} Django admin (/admin/)")
