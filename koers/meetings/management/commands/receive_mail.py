"""`manage.py receive_mail < message.eml`: one reply to an update request, from a mail server's
pipe (e.g. Postfix `updates: "|/srv/koers/manage.py receive_mail"`). See koers.meetings.inbound.

It exits 0 for every message it has read, stored or refused (a refusal is logged), so the mail
server does not bounce forged mail back to whoever it claims to be from.
"""

import sys
from email import message_from_bytes, policy

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from koers.meetings import inbound


class Command(BaseCommand):
    help = "Read one RFC 822 reply to an update request from standard input and store it."

    def handle(self, *args, **options):
        raw = sys.stdin.buffer.read(settings.INBOUND_MAIL_MAX_BYTES + 1)
        if len(raw) > settings.INBOUND_MAIL_MAX_BYTES:
            raise CommandError("The message is larger than INBOUND_MAIL_MAX_BYTES.")
        if not raw.strip():
            raise CommandError("No message on standard input.")
        outcome = inbound.receive(message_from_bytes(raw, policy=policy.default))
        self.stdout.write(f"{outcome.status} {outcome.saved}")
