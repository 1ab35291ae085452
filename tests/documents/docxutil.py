"""Helpers for tests of Word copies: read a .docx back with python-docx, convert it with LibreOffice headless."""

import io
import shutil
import subprocess

from docx import Document


def read(content):
    return Document(io.BytesIO(content))


def blocks(document):
    """Every paragraph's text in document order, table cells included (row by row, cell by cell)."""
    texts = []

    def walk(container):
        for child in container.iter_inner_content():
            if hasattr(child, "rows"):
                for row in child.rows:
                    seen = set()
                    for cell in row.cells:
                        if id(cell._tc) in seen:  # a merged cell is returned once per grid column
                            continue
                        seen.add(id(cell._tc))
                        walk(cell)
            else:
                texts.append(child.text)

    walk(document)
    return texts


def docx_text(content):
    return "\n".join(blocks(read(content)))


def to_pdf(content, tmp_path):
    """The .docx converted by LibreOffice (`soffice --headless --convert-to pdf`), with a profile of its own."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is needed: sudo apt install libreoffice-writer-nogui"
    source = tmp_path / "document.docx"
    source.write_bytes(content)
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return (tmp_path / "document.pdf").read_bytes()
