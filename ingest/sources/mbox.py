"""Mailing-list archives in mbox format: each thread as one record, with no e-mail address left.

Threads come from `In-Reply-To` and `References`: a message's parent is the message it replies
to, else the last message it references, counting only earlier messages of the archive (which
rules out cycles); a message without one starts a thread. Two passes keep memory small: the
first reads only headers and keeps per message its Message-ID and parent (a few hundred
bytes); the second reads one thread at a time through the mailbox's table of byte offsets.

Addresses are personal data the graph has no use for: an author is known by a hash of their
address (stable, so one sender is one person across threads) and a display name, and any
address or phone number left in a subject or body becomes `[address]` or `[phone]`
(ingest/sources/contacts.py: the patterns every reader scrubs with). Message-IDs, which
often embed a host or an address, are hashed into content ids.
"""

from __future__ import annotations

import email.errors
import hashlib
import mailbox
import re
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.header import decode_header, make_header
from email.message import EmailMessage, MIMEPart
from email.parser import BytesHeaderParser, BytesParser
from email.utils import parseaddr, parsedate_to_datetime
from pathlib import Path

from ingest.records import BodyFormat, RawContent, RawPerson, Reject, sole
from ingest.sources import Records, as_utc, check_post, encoding_problem, record_or_reject
from ingest.sources.contacts import address_local_parts, scrub_contacts

_MESSAGE_ID = re.compile(r"<[^<>\s]+>")
_PIPERMAIL_AT = re.compile(r"^\s*([\w.+-]+) at ([\w-]+(?:\.[\w-]+)+)")
_SUBJECT_PREFIX = re.compile(r"^\s*(?:(?:re|fwd?|aw|sv)\s*(?:\[\d+\])?\s*:|\[[^\]]*\])\s*", re.I)
_ATTRIBUTION = re.compile(r"(?:wrote|writes|schrieb|a écrit|เขียนว่า)\s*:\s*$", re.I)
_SIGNATURE = ("-- ", "--", "-----Original Message-----")
_PARSE_ERRORS = (email.errors.MessageError, ValueError, LookupError, IndexError)
"""What a malformed message can raise from the email package (a header parser's IndexError
included); `UnicodeError` is a `ValueError`."""


@dataclass(frozen=True)
class _Mail:
    title: str
    body: str
    body_format: BodyFormat
    author: RawPerson | None
    created_at: datetime | None


def read_mbox(path: Path, community: str | None = None, list_name: str | None = None) -> Records:
    """Read an mbox archive thread by thread.

    Args:
        path: The mbox file.
        community: Community of every thread.
        list_name: Name of the list, the namespace of its people; by default the file's stem.

    Yields:
        A `SourceRecord` per thread (kind "thread", its first readable message as document,
        the others as replies; position "message N", counted from 1); a `Reject` per message
        that cannot be decoded, has no text of its own, no sender (for a reply) or a repeated
        Message-ID.
    """
    box = mailbox.mbox(path, create=False)
    try:
        archive = _Archive(box, f"mbox:{list_name or path.stem}")
        for members in archive.threads().values():
            yield from archive.thread(members, community)
    finally:
        box.close()


class _Archive:
    def __init__(self, box: mailbox.mbox, source: str) -> None:
        self.box = box
        self.source = source
        self.keys = list(box.iterkeys())
        self.parents: list[int | None] = []
        self.message_ids: dict[int, str] = {}
        self.duplicates: set[int] = set()

    def threads(self) -> dict[int, list[int]]:
        """Pass 1: each message's parent from its headers; messages grouped by thread root."""
        numbers: dict[str, int] = {}
        roots: list[int] = []
        threads: dict[int, list[int]] = {}
        for number, key in enumerate(self.keys):
            headers = BytesHeaderParser().parsebytes(self._header_bytes(key))
            own = _MESSAGE_ID.findall(str(headers.get("Message-ID", "")))[:1]
            replied = _MESSAGE_ID.findall(str(headers.get("In-Reply-To", "")))[:1]
            referenced = _MESSAGE_ID.findall(str(headers.get("References", "")))[::-1]
            parent = next((numbers[ref] for ref in replied + referenced if ref in numbers), None)
            if own and own[0] in numbers:
                self.duplicates.add(number)
            elif own:
                numbers[own[0]] = number
                self.message_ids[number] = own[0]
            self.parents.append(parent)
            roots.append(number if parent is None else roots[parent])
            threads.setdefault(roots[number], []).append(number)
        return threads

    def thread(self, members: list[int], community: str | None) -> Records:
        """Pass 2: one thread's messages, read and decoded, as a record."""
        document: RawContent | None = None
        opening = ""
        posts: list[RawContent] = []
        for number in members:
            position = f"message {number + 1}"
            mail = "duplicate Message-ID" if number in self.duplicates else self._mail(number)
            if isinstance(mail, str) or not mail.body.strip():
                reason = mail if isinstance(mail, str) else "empty body"
                yield Reject(source=self.source, position=position, reason=reason)
                continue
            content = RawContent(
                id=self._content_id(number),
                kind="thread" if document is None else "reply",
                title=mail.title if document is None else "",
                body=mail.body,
                body_format=mail.body_format,
                authors=sole(mail.author),
                created_at=mail.created_at,
                reply_to=None if document is None else self._reply_to(number, document.id),
            )
            if document is None:
                document, opening = content, position
                continue
            checked = check_post(self.source, position, content)
            if isinstance(checked, Reject):
                yield checked
            else:
                posts.append(checked)
        if document is not None:
            yield record_or_reject(self.source, opening, document, posts, community)

    def _header_bytes(self, key: str) -> bytes:
        """A message's header block, read without its body."""
        lines: list[bytes] = []
        with self.box.get_file(key) as file:
            for line in iter(file.readline, b""):
                if not line.strip():
                    break
                lines.append(line)
        return b"".join(lines)

    def _content_id(self, number: int) -> str:
        message_id = self.message_ids.get(number, f"message {number + 1}")
        return f"{self.source}:{hashlib.sha256(message_id.encode()).hexdigest()[:16]}"

    def _reply_to(self, number: int, document_id: str) -> str:
        parent = self.parents[number]
        return document_id if parent is None else self._content_id(parent)

    def _mail(self, number: int) -> _Mail | str:
        """The message decoded, or why it cannot be."""
        try:
            message = BytesParser(policy=policy.default).parsebytes(
                self.box.get_bytes(self.keys[number])
            )
            subject = str(message.get("Subject", ""))
            part = message.get_body(preferencelist=("plain", "html"))
            text = _decode(part) if part is not None else ""
            author = _author(_raw_sender(message), self.source)
            created_at = _date(str(message.get("Date", "")))
        except _PARSE_ERRORS as error:
            return f"unreadable message: {error}"
        if isinstance(text, UnicodeDecodeError):
            return f"body is {encoding_problem(text)}"
        while (stripped := _SUBJECT_PREFIX.sub("", subject, count=1)) != subject:
            subject = stripped
        plain = part is None or part.get_content_subtype() == "plain"
        return _Mail(
            title=scrub_contacts(" ".join(subject.split())),
            body=scrub_contacts(_own_text(text) if plain else text),
            body_format="text" if plain else "html",
            author=author,
            created_at=created_at,
        )


def _decode(part: MIMEPart) -> str | UnicodeDecodeError:
    """The part's text: transfer encoding undone, then its charset decoded strictly, so a
    wrongly labelled body is reported instead of read as mojibake. No charset means ASCII,
    read as UTF-8 (its superset) since mailers often leave the label off."""
    payload = part.get_payload(decode=True)
    data = payload if isinstance(payload, bytes) else b""
    try:
        return data.decode(part.get_content_charset() or "utf-8")
    except UnicodeDecodeError as error:
        return error


def _raw_sender(message: EmailMessage) -> str:
    """The `From:` as written, encoded words decoded and raw 8-bit bytes read as UTF-8: the
    email package's own parse turns Pipermail's `alice at example.org (Alice)` into a name
    with no address."""
    raw = next((value for key, value in message.raw_items() if key.lower() == "from"), "")
    raw = raw.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return str(make_header(decode_header(raw)))


def _author(header: str, source: str) -> RawPerson | None:
    """The sender as a hash of their address and a name that is never the address; Pipermail's
    `alice at example.org` is read as the address it stands for."""
    name, address = parseaddr(_PIPERMAIL_AT.sub(r"\1@\2", header))
    if "@" not in address:
        return None
    handle = hashlib.sha256(address.strip().lower().encode()).hexdigest()[:16]
    name = " ".join(address_local_parts(name).split())
    return RawPerson(source=source, handle=handle, name=name or address.split("@")[0])


def _date(header: str) -> datetime | None:
    try:
        return as_utc(parsedate_to_datetime(header)) if header else None
    except (TypeError, ValueError):
        return None


def _own_text(text: str) -> str:
    """What the sender wrote: quoted lines (and the "... wrote:" line before them) and the
    signature dropped."""
    own: list[str] = []
    for line in text.splitlines():
        if line.rstrip("\r") in _SIGNATURE:
            break
        if not line.startswith(">"):
            own.append(line)
            continue
        while own and not own[-1].strip():
            own.pop()
        if own and _ATTRIBUTION.search(own[-1]):
            attribution = own.pop()
            if own and not attribution.startswith("On ") and own[-1].startswith("On "):
                own.pop()
    return "\n".join(own).strip()
