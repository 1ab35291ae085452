"""Sealed council ballots: a choice is kept only as an opaque, fixed-length ciphertext until the sitting closes.

What a ballot row holds while the sitting is open: session, nomination, a random UUID and
`AES-GCM(key, random nonce, "<session>:<nomination>:<0|1>")`. No member, no time (unlike Fernet, AES-GCM
tokens carry no timestamp), and every ciphertext of a nomination has the same length whatever the choice.
The session and nomination ids are inside the sealed text and checked when it is opened, so a ciphertext
copied to another nomination does not count. The key is derived from `BALLOT_KEY` (default: `SECRET_KEY`):
a database reader without it learns nothing from the rows; `close_session` opens them, writes the
tallies and deletes the ballots in one transaction.
"""

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

from .enums import VoteChoice

_CODES = {VoteChoice.YES: "1", VoteChoice.NO: "0"}
_CHOICES = {code: choice for choice, code in _CODES.items()}


class BallotError(Exception):
    """A sealed ballot that does not open (wrong key, altered, or moved to another nomination)."""


def _cipher():
    material = (getattr(settings, "BALLOT_KEY", "") or settings.SECRET_KEY).encode()
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"thidua council ballots v1").derive(material)
    return AESGCM(key)


def _plain(session_id, nomination_id, code):
    return f"{session_id}:{nomination_id}:{code}".encode()


def seal(session_id, nomination_id, choice):
    if choice not in _CODES:
        raise ValueError(choice)
    nonce = os.urandom(12)
    return nonce + _cipher().encrypt(nonce, _plain(session_id, nomination_id, _CODES[choice]), None)


def unseal(session_id, nomination_id, sealed):
    sealed = bytes(sealed)
    try:
        text = _cipher().decrypt(sealed[:12], sealed[12:], None).decode()
    except (InvalidTag, ValueError) as exc:
        raise BallotError("Phiếu kín không mở được (khóa phiếu đã đổi hoặc phiếu bị sửa).") from exc
    s_id, n_id, code = text.split(":")
    if (int(s_id), int(n_id)) != (session_id, nomination_id) or code not in _CHOICES:
        raise BallotError("Phiếu kín không thuộc đề nghị này.")
    return _CHOICES[code]
