"""Server-side signature of a copy with the organisation's own certificate (optional; configured in the admin).

The appearance follows decree 30/2020 Appendix I for the organisation's signature on an electronic copy: top right
of page 1, the seal image (when uploaded) under the text, the organisation's name and the signing time in
Times New Roman (its metric twin Liberation Serif) 10 pt.
"""

import io
import shutil
import subprocess

from django.core.exceptions import ValidationError

from .issued import SERIF_FAMILY, current_version
from .models import SigningIdentity
from .signatures import outside_event_loop, signer_for, unseal

# Top right of an A4 page (points from the bottom left), in the top margin above the header: 70 x 19 mm.
STAMP_BOX = (372, 780, 570, 834)


def serif_font_file():
    if not shutil.which("fc-match"):
        return None
    try:
        found = subprocess.run(
            ["fc-match", "-f", "%{file}", SERIF_FAMILY], capture_output=True, text=True, timeout=10, check=False
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return found if found.lower().endswith((".ttf", ".otf")) and "liberation" in found.lower() else None


def appearance_image(identity, signer_name, when):
    """The visible signature as an image (pyHanko's own text layout spaces Vietnamese glyphs one em apart): the seal
    on the left over about a third of the box, then the organisation, the signer and the signing time in Liberation
    Serif (Times New Roman's metric twin) 10 pt, at 300 dpi."""
    from PIL import Image, ImageDraw, ImageFont

    font_file = serif_font_file()
    if font_file is None:
        raise ValidationError(
            "Chưa cài phông chữ Liberation Serif để in thời gian ký (sudo apt install fonts-liberation2)."
        )
    dpi = 300
    width = round((STAMP_BOX[2] - STAMP_BOX[0]) / 72 * dpi)
    height = round((STAMP_BOX[3] - STAMP_BOX[1]) / 72 * dpi)
    image = Image.new("RGBA", (width, height), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(font_file, round(10 / 72 * dpi))
    left = 0
    if identity.seal_image:
        seal = Image.open(io.BytesIO(unseal(identity.seal_image))).convert("RGBA")
        seal.thumbnail((height, height))
        image.alpha_composite(seal, (0, (height - seal.height) // 2))
        left = seal.width // 3 * 2  # the text starts over the seal's right third
    lines = [identity.organization.name, f"Ký bởi: {signer_name}", f"Thời gian ký: {when:%H:%M:%S ngày %d/%m/%Y}"]
    line_height = round(12 / 72 * dpi)
    top = (height - line_height * len(lines)) // 2
    for index, line in enumerate(lines):
        draw.text((left + 10, top + index * line_height), line, font=font, fill=(0, 0, 0, 255))
    return image


def sign_pdf(data, identity, *, field_name="ChuKyCoQuan"):
    from django.utils import timezone
    from pyhanko.pdf_utils.images import PdfImage
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import StaticStampStyle

    signer = signer_for(identity)
    common_name = signer.signing_cert.subject.native.get("common_name", "") or identity.subject
    when = timezone.localtime()
    style = StaticStampStyle(
        background=PdfImage(appearance_image(identity, common_name, when)), background_opacity=1.0, border_width=0
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(bytes(data)), strict=False)
    meta = signers.PdfSignatureMetadata(
        field_name=field_name, subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256"
    )
    pdf_signer = signers.PdfSigner(
        meta,
        signer=signer,
        stamp_style=style,
        new_field_spec=fields.SigFieldSpec(field_name, on_page=0, box=STAMP_BOX),
    )
    return outside_event_loop(lambda: pdf_signer.sign_pdf(writer).getvalue())


def sign_with_identity(document):
    identity = SigningIdentity.objects.filter(organization_id=document.issuer_id, active=True).first()
    if identity is None:
        raise ValidationError("Cơ quan chưa cấu hình chứng thư số (Quản trị → Chứng thư số của cơ quan).")
    version = current_version(document)
    if version is None:
        raise ValidationError("Văn bản chưa có bản in ban hành.")
    with version.file.storage.open(version.file.name, "rb") as handle:
        data = handle.read()
    return sign_pdf(data, identity)
