"""Reading replies to the update request: a pure function, on real-looking replies."""

from email import message_from_bytes, policy

import pytest

from koers.meetings.replies import body_text, parse_reply

GMAIL_EN = """[A12] Open a webshop
did: Chose a platform
next: Build the shop
progress: 40%
colour: green

On Tue, 1 Dec 2026 at 10:00, Koers <updates+1-2-abc@example.org> wrote:
> [A12] Open a webshop
> did:
> progress: 10
"""

GMAIL_WRAPPED = """A12
same

On Tue, Dec 1, 2026 at 10:00 AM Koers <
updates+1-2-abc@example.org> wrote:

> did: old text
"""

GMAIL_NL = """[A12] Webshop openen
gedaan: Platform gekozen
volgende: De winkel bouwen
nodig: Budget van Olivia
voortgang: 35
kleur: oranje

Op di 1 dec 2026 om 10:00 schreef Koers <updates+1-2-abc@example.org>:
> [A12] Webshop openen
"""

OUTLOOK_EN = """[a12]
Did: Called the bank
Colour: Red

________________________________
From: Koers <updates+1-2-abc@example.org>
Sent: Tuesday, December 1, 2026 10:00
To: Mia
Subject: Your update

[A12] Open a webshop
did:
"""

OUTLOOK_NL = """[A12]
gedaan: Bank gebeld
-----Oorspronkelijk bericht-----
Van: Koers <updates+1-2-abc@example.org>
Verzonden: dinsdag 1 december 2026 10:00
[A12] progress: 99
"""

OUTLOOK_NO_RULE = """[A12]
did: Signed
From: Koers <updates+1-2-abc@example.org>
Sent: Tuesday, December 1, 2026 10:00
did: quoted
"""

APPLE_EN = """[A12] Open a webshop
next: Launch in May

Sent from my iPhone

> On 1 Dec 2026, at 10:00, Koers <updates+1-2-abc@example.org> wrote:
"""

APPLE_NL = """[A12]
ongewijzigd

Op 1 dec 2026 om 10:00 heeft Koers <updates+1-2-abc@example.org> het volgende geschreven:

> [A12] Open a webshop
"""

TWO_ITEMS_WITH_SIGNATURE = """[A12] Open a webshop
did: Chose a platform
and asked two shops how they did it
progress: 50

[S4] Online sales
did: On track
colour: groen

--
Mia Jansen | Acme Bakery
progress: 0
"""

LOOSE = """Finished the design, printing next week.

On Tue, 1 Dec 2026 at 10:00, Koers <updates@example.org> wrote:
> old
"""

NONSENSE = """[A12]
progress: lots
colour: purple
"""

CASES = {
    "gmail, English": (GMAIL_EN, {"a12": {"did": "Chose a platform", "next": "Build the shop",
                                           "progress": 40, "colour": "green"}}),
    "gmail, quote header wrapped": (GMAIL_WRAPPED, {"a12": {"same": True, "did": ""}}),
    "gmail, Dutch": (GMAIL_NL, {"a12": {"did": "Platform gekozen", "next": "De winkel bouwen",
                                         "need": "Budget van Olivia", "progress": 35,
                                         "colour": "orange"}}),
    "outlook, English": (OUTLOOK_EN, {"a12": {"did": "Called the bank", "colour": "red",
                                               "progress": None}}),
    "outlook, Dutch": (OUTLOOK_NL, {"a12": {"did": "Bank gebeld", "progress": None}}),
    "outlook without a rule": (OUTLOOK_NO_RULE, {"a12": {"did": "Signed"}}),
    "apple mail, English": (APPLE_EN, {"a12": {"next": "Launch in May", "did": ""}}),
    "apple mail, Dutch": (APPLE_NL, {"a12": {"same": True}}),
    "two items and a signature": (TWO_ITEMS_WITH_SIGNATURE, {
        "a12": {"did": "Chose a platform\nand asked two shops how they did it", "progress": 50},
        "s4": {"did": "On track", "colour": "green"},
    }),
    "not understood": (NONSENSE, {"a12": {"progress": None, "colour": None,
                                           "problems": [("progress", "lots"),
                                                        ("colour", "purple")]}}),
}  # fmt: skip


@pytest.mark.parametrize("name", CASES)
def test_a_reply_is_read_per_item(name):
    text, expected = CASES[name]
    reply = parse_reply(text)
    entries = {entry.key: entry for entry in reply.entries}
    assert set(entries) == set(expected)
    for key, fields in expected.items():
        for field_name, value in fields.items():
            assert getattr(entries[key], field_name) == value, (name, key, field_name)


def test_text_before_any_code_is_kept_apart_for_a_single_item():
    reply = parse_reply(LOOSE)
    assert reply.entries == []
    assert reply.loose.did == "Finished the design, printing next week."


def test_a_quote_alone_says_nothing():
    reply = parse_reply("> [A12]\n> did: everything\n")
    assert reply.entries == [] and reply.loose is None


def _message(raw: str):
    return message_from_bytes(raw.encode(), policy=policy.default)


HTML_ONLY = """From: Mia <mia@example.com>
To: updates+1-2-abc@example.org
Subject: Re: Your update
MIME-Version: 1.0
Content-Type: text/html; charset=utf-8

<html><head><style>p{color:red}</style></head><body><div>[A12] Open a webshop</div>
<div>did: Chose&nbsp;a platform<br>progress: 60</div>
<div class="gmail_quote"><div>On Tue wrote:</div><blockquote>[A12]<br>did: quoted</blockquote></div>
</body></html>
"""

WITH_ATTACHMENT = """From: Mia <mia@example.com>
To: updates+1-2-abc@example.org
Subject: Re: Your update
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: multipart/alternative; boundary="b2"

--b2
Content-Type: text/plain; charset=utf-8

[A12]
did: Sent the photos
--b2
Content-Type: text/html; charset=utf-8

<p>[A12]</p><p>did: html version</p>
--b2--
--b1
Content-Type: application/pdf; name="quote.pdf"
Content-Disposition: attachment; filename="quote.pdf"
Content-Transfer-Encoding: base64

JVBERi0xLjQKZGlkOiBmcm9tIHRoZSBhdHRhY2htZW50Cg==
--b1--
"""


def test_an_html_only_reply_is_read_without_its_quote():
    entry = parse_reply(body_text(_message(HTML_ONLY))).entries[0]
    assert (entry.key, entry.did, entry.progress) == ("a12", "Chose a platform", 60)


def test_the_plain_part_is_read_and_attachments_are_not():
    reply = parse_reply(body_text(_message(WITH_ATTACHMENT)))
    assert [(e.key, e.did) for e in reply.entries] == [("a12", "Sent the photos")]
