"""The seed plan as a list of paragraphs, to check that pages and PDFs hold every one in order."""

import re
from pathlib import Path

REPO_SEED = Path(__file__).resolve().parent.parent / "campaigns" / "demo" / "seed_mai_son_2019.txt"
SHARED_SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "seed" / "000_38c9790a9bf534c5.txt"

_SPACE = re.compile(r"\s+")


def squash(text):
    """Compare text as a reader sees it: no markup stars, one space for any run of white space."""
    return _SPACE.sub(" ", text.replace("*", "").replace("\u00ad", "")).strip()


def seed_paragraphs():
    blocks = [b for b in REPO_SEED.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    paragraphs = []
    for block in blocks:
        lines = [line.strip() for line in block.strip().split("\n")]
        if all(line.startswith("- ") for line in lines):
            paragraphs.extend(lines)  # Nơi nhận: one entry per line
            continue
        if lines[0].startswith("T/M "):
            paragraphs.extend(lines)  # signature block lines
            continue
        text = " ".join(lines)
        # The source splits one paragraph of II.1 across a page break: rejoin it.
        if paragraphs and text[:1].islower():
            paragraphs[-1] = f"{paragraphs[-1]} {text}"
        else:
            paragraphs.append(text)
    return [squash(p) for p in paragraphs]


def assert_in_order(haystack, paragraphs):
    """Every paragraph appears in the text, each after the previous one."""
    text = squash(haystack)
    position = 0
    for paragraph in paragraphs:
        found = text.find(paragraph, position)
        assert found >= 0, f"missing or out of order: {paragraph[:120]!r}"
        position = found + len(paragraph)
