"""scrub_contacts: contact details out, figures that only look like them kept (the patterns
every reader that scrubs uses: chat, forum, wiki)."""

from __future__ import annotations

import pytest

from ingest.sources.contacts import scrub_contacts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mail malee@example.org now", "mail [address] now"),
        ("call 081-234-5678", "call [phone]"),
        ("call +66 81 234 5678.", "call [phone]."),
        ("โทร 0812345678 ครับ", "โทร [phone] ครับ"),
        ("(02) 123 4567, ext. 12", "[phone], ext. 12"),
        ("link ?t=xoxe-1234567890abc", "link ?t=[token]"),
        ("met on 2024-01-15 at 10:30", "met on 2024-01-15 at 10:30"),
        ("version 3.14.159 and 28919.8689279", "version 3.14.159 and 28919.8689279"),
        ("1,000,000 baht in 2566", "1,000,000 baht in 2566"),
        ("see https://example.org/a/0812345678/b", "see https://example.org/a/0812345678/b"),
        ("call me on 081-234-5678.", "call me on [phone]."),
        ("โทร 02 123 4567 นะคะ", "โทร [phone] นะคะ"),
        ("mail nok.k@hospital.go.th", "mail [address]"),
        (
            "https://files.slack.com/f?t=xoxe-1234567890-abcdef",
            "https://files.slack.com/f?t=[token]",
        ),
        (
            "energy 28919.8689279 at 00:57:37.230937  1537",
            "energy 28919.8689279 at 00:57:37.230937  1537",
        ),
        ("version 0.27.0 on 2024-01-15, 45 days", "version 0.27.0 on 2024-01-15, 45 days"),
    ],
)
def test_scrub_contacts(text: str, expected: str) -> None:
    assert scrub_contacts(text) == expected
