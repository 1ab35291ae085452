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
from .signatures import signer_for, unseal

# Top right of an A4 page (points from the bottom left): about 70 x 25 mm inside the 15-20 mm right margin.
STAMP_BOX = (370, 752, 570, 822)


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


def sign_pdf(data, identity, *, field_name="ChuKyCoQuan"):
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.images import PdfImage
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import TextStampStyle

    font = serif_font_file()
    if font is None:
        raise ValidationError(
            "Chưa cài phông chữ Liberation Serif để in thời gian ký (sudo apt install fonts-liberation2)."
        )
    background = None
    if identity.seal_image:
        from PIL import Image

        background = PdfImage(Image.open(io.BytesIO(unseal(identity.seal_image))))
    style = TextStampStyle(
        stamp_text=f"{identity.organization.name}\nKý bởi: %(signer)s\nThời gian ký: %(ts)s",
        timestamp_format="%d/%m/%Y %H:%M:%S %z",
        text_box_style=TextBoxStyle(font=GlyphAccumulatorFactory(font, font_size=10)),
        background=background,
        background_opacity=1.0,
        border_width=0,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(bytes(data)), strict=False)
    meta = signers.PdfSignatureMetadata(
        field_name=field_name, subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256"
    )
    pdf_signer = signers.PdfSigner(
        meta,
        signer=signer_for(identity),
        stamp_style=style,
        new_field_spec=fields.SigFieldSpec(field_name, on_page=0, box=STAMP_BOX),
    )
    return pdf_signer.sign_pdf(writer).getvalue()


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
