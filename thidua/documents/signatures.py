"""Digital signatures (ký số) on issued documents: verify an uploaded signed PDF (PAdES/CMS, pyHanko) against the
administrator's trusted CA certificates and the stored issued version; sign copies with the organisation's own
certificate (PKCS#12 kept encrypted with DOCUMENT_SIGNING_KEY).

``verify_signed_pdf(data, roots)`` -> ``SignatureCheck``: ``outcome`` is one of
  "trusted"      every signature intact and cryptographically valid, nothing changed after the last one, and the
                 signer's certificate chains to a trusted root;
  "untrusted"    the same, but the signer is not in the trusted list (reported apart from "invalid");
  "invalid"      a signature is broken (bytes changed after signing, wrong signature value, unreadable CMS) or the
                 file was changed after signing beyond adding signatures / form filling;
  "unsigned"     no signature in the file.
``check_content(data, version_pdf, reference)``: the signed file holds the same text as the stored issued version
(and so the same number).
"""

from __future__ import annotations

import base64
import io
import logging
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

from .text import normalize, same_text

logger = logging.getLogger(__name__)

TRUSTED, UNTRUSTED, INVALID, UNSIGNED = "trusted", "untrusted", "invalid", "unsigned"


@dataclass
class SignatureCheck:
    outcome: str
    message: str
    subject: str = ""
    serial: str = ""
    issuer: str = ""
    signed_at: object = None

    @property
    def trusted(self):
        return self.outcome == TRUSTED


def load_certificate(data):
    """A CA certificate from PEM or DER bytes -> (asn1crypto certificate, DER bytes). ValueError if unreadable."""
    from asn1crypto import pem, x509

    data = bytes(data)
    if pem.detect(data):
        _type, _headers, data = pem.unarmor(data)
    try:
        cert = x509.Certificate.load(data)
        cert.native  # noqa: B018 - parse it all now, not later inside the validator
    except Exception as exc:  # noqa: BLE001 - asn1crypto raises many types on junk
        raise ValueError("not an X.509 certificate") from exc
    return cert, cert.dump()


def trusted_roots():
    from .models import TrustedRoot

    return [load_certificate(bytes(r.certificate))[0] for r in TrustedRoot.objects.filter(active=True)]


def _name(cert):
    return cert.subject.human_friendly


def outside_event_loop(function, *args):
    """pyHanko's synchronous API calls asyncio.run(): in a thread that already runs a loop, run it in another."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args)
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(function, *args).result()


def verify_signed_pdf(data, roots):
    return outside_event_loop(_verify_signed_pdf, data, roots)


def _verify_signed_pdf(data, roots):
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext
    from pyhanko_certvalidator.authority import CertTrustAnchor
    from pyhanko_certvalidator.registry import SimpleTrustManager

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
    except Exception as exc:  # noqa: BLE001 - whatever the file is, it is not a signed PDF we can read
        logger.info("signed upload unreadable: %s", exc)
        return SignatureCheck(INVALID, "Không đọc được tệp PDF đã ký.")
    if not signatures:
        return SignatureCheck(UNSIGNED, "Tệp không có chữ ký số nào.")
    first = None
    all_trusted = True
    for index, embedded in enumerate(signatures):
        context = ValidationContext(
            trust_manager=SimpleTrustManager.build(trust_roots=[CertTrustAnchor(c) for c in roots]),
            allow_fetching=False,
            revocation_mode="soft-fail",
        )
        try:
            status = validate_pdf_signature(embedded, context)
        except Exception as exc:  # noqa: BLE001 - a malformed signature is an invalid one
            logger.info("signature %s did not validate: %s", index, exc)
            return SignatureCheck(INVALID, "Chữ ký số không hợp lệ (không kiểm tra được chữ ký trong tệp).")
        if not status.intact:
            return SignatureCheck(INVALID, "Chữ ký số không hợp lệ: nội dung tệp đã bị thay đổi sau khi ký.")
        if not status.valid:
            return SignatureCheck(INVALID, "Chữ ký số không hợp lệ: giá trị chữ ký không khớp chứng thư người ký.")
        level = status.modification_level
        changed = status.coverage not in (SignatureCoverageLevel.ENTIRE_FILE, SignatureCoverageLevel.ENTIRE_REVISION)
        if not changed and status.coverage == SignatureCoverageLevel.ENTIRE_REVISION:
            changed = level is None or level > ModificationLevel.FORM_FILLING or status.docmdp_ok is False
        if changed:
            return SignatureCheck(
                INVALID, "Chữ ký số không hợp lệ: tệp đã bị sửa đổi sau khi ký (ngoài việc thêm chữ ký)."
            )
        all_trusted = all_trusted and status.trusted
        if first is None:
            cert = status.signing_cert
            signed_at = status.signer_reported_dt
            if status.timestamp_validity is not None:
                signed_at = status.timestamp_validity.timestamp
            first = {
                "subject": _name(cert)[:512],
                "serial": format(cert.serial_number, "X")[:128],
                "issuer": cert.issuer.human_friendly[:512],
                "signed_at": signed_at,
            }
    if all_trusted:
        return SignatureCheck(TRUSTED, "Chữ ký số hợp lệ; người ký thuộc danh sách tin cậy.", **first)
    return SignatureCheck(
        UNTRUSTED,
        "Chữ ký số hợp lệ về mặt kỹ thuật nhưng chứng thư người ký không thuộc danh sách tổ chức chứng thực tin cậy "
        "(quản trị viên thêm chứng thư gốc CA tại Quản trị → Văn bản chính thức → Chứng thư gốc tin cậy).",
        **first,
    )


def check_content(data, issued_pdf, reference):
    """None when the signed file holds the issued version's text and number, else the reason (Vietnamese)."""
    from .text import pdf_text

    text = pdf_text(data)
    if text is None:
        return "Không đọc được nội dung chữ của tệp đã ký."
    if reference and normalize(reference) not in text:
        return f"Tệp đã ký không mang số {reference} của văn bản này."
    if not same_text(text, pdf_text(issued_pdf) or ""):
        return "Nội dung tệp đã ký khác với bản đã ban hành lưu trong hệ thống (có thể là văn bản khác)."
    return None


# --- the organisation's own certificate (PKCS#12, kept encrypted) -----------------------------------------------


def _cipher():
    secret = (getattr(settings, "DOCUMENT_SIGNING_KEY", "") or settings.SECRET_KEY).encode()
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"thidua-signing", info=b"pkcs12").derive(secret)
    return AESGCM(key)


def seal(data):
    import os

    nonce = os.urandom(12)
    return nonce + _cipher().encrypt(nonce, bytes(data), b"thidua-pkcs12")


def unseal(data):
    data = bytes(data)
    return _cipher().decrypt(data[:12], data[12:], b"thidua-pkcs12")


def describe_pkcs12(pkcs12, passphrase):
    """(subject, serial) of a PKCS#12's certificate; ValueError if it does not open with the passphrase."""
    from cryptography.hazmat.primitives.serialization import pkcs12 as p12

    try:
        key, cert, _extra = p12.load_key_and_certificates(bytes(pkcs12), passphrase.encode() or None)
    except Exception as exc:  # noqa: BLE001
        raise ValueError("PKCS#12 không mở được với mật khẩu đã nhập") from exc
    if key is None or cert is None:
        raise ValueError("Tệp PKCS#12 phải chứa khóa bí mật và chứng thư")
    return cert.subject.rfc4514_string()[:512], format(cert.serial_number, "X")


def signer_for(identity):
    from pyhanko.sign import signers

    pkcs12 = unseal(identity.pkcs12_sealed)
    passphrase = unseal(identity.passphrase_sealed)
    return signers.SimpleSigner.load_pkcs12_data(pkcs12, other_certs=[], passphrase=passphrase or None)


def b64(data):
    return base64.b64encode(bytes(data)).decode()
