"""Measuring official prints with pdfplumber: lines of words, phrases, rules, type sizes, margins (all in points;
`MM` converts). Shared by the position tests of every document type (tests/test_print_layout.py)."""

import io
from dataclasses import dataclass

import pdfplumber

MM = 72 / 25.4


@dataclass
class Line:
    """Words sharing one baseline (within 2 pt), left to right."""

    words: list

    @property
    def text(self):
        return " ".join(w["text"] for w in self.words)

    @property
    def x0(self):
        return min(w["x0"] for w in self.words)

    @property
    def x1(self):
        return max(w["x1"] for w in self.words)

    @property
    def top(self):
        return min(w["top"] for w in self.words)

    @property
    def bottom(self):
        return max(w["bottom"] for w in self.words)

    @property
    def bold(self):
        return all("Bold" in w["fontname"] for w in self.words)

    @property
    def size(self):
        return max(w["size"] for w in self.words)


def open_pdf(pdf_bytes):
    return pdfplumber.open(io.BytesIO(pdf_bytes))


def words(page):
    return page.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False, use_text_flow=False)


def lines(page, *, left=None, right=None):
    """The page's lines of text, top to bottom; words split into columns when `left`/`right` (x limits) are given."""
    chosen = [w for w in words(page) if (left is None or w["x0"] >= left) and (right is None or w["x1"] <= right)]
    chosen.sort(key=lambda w: (round(w["bottom"]), w["x0"]))
    out = []
    for word in chosen:
        if out and abs(out[-1].words[-1]["bottom"] - word["bottom"]) <= 2:
            out[-1].words.append(word)
        else:
            out.append(Line([word]))
    for line in out:
        line.words.sort(key=lambda w: w["x0"])
    return out


def body_lines(page):
    """Lines without the page number printed in the top margin of pages 2, 3, …"""
    return [line for line in lines(page) if not (line.top < 25 * MM and line.text.strip().isdigit())]


def phrase(page, text, *, nth=0):
    """The box of a phrase (words may be split across spans; spaces are matched loosely), or an AssertionError."""
    found = page.search(text, regex=False, case=True, return_chars=True)
    assert len(found) > nth, (text, [line.text for line in lines(page)][:30])
    return found[nth]


def sizes(match):
    """Rounded type sizes of the characters of a page.search match."""
    return {round(c["size"], 1) for c in match["chars"] if c["text"].strip()}


def is_bold(match):
    return all("Bold" in c["fontname"] for c in match["chars"] if c["text"].strip())


def rules(page, *, min_length=5):
    """Horizontal rules (drawn lines, or rectangles less than 2 pt high) as dicts x0, x1, top; text is never a rule."""
    found = []
    for obj in [*page.lines, *page.rects]:
        if abs(obj["bottom"] - obj["top"]) < 2 and obj["x1"] - obj["x0"] >= min_length:
            found.append({"x0": obj["x0"], "x1": obj["x1"], "top": (obj["top"] + obj["bottom"]) / 2})
    # A border drawn as a filled rect and stroked both ways may appear twice: keep one per position.
    unique = {(round(r["x0"]), round(r["x1"]), round(r["top"])): r for r in found}
    return sorted(unique.values(), key=lambda r: (r["top"], r["x0"]))


def rule_below(page, box, *, within=12):
    """The horizontal rule nearest under a text box (its top within `within` pt of the box's bottom), or None."""
    below = [r for r in rules(page) if 0 <= r["top"] - box["bottom"] <= within and r["x1"] > box["x0"] - 50]
    below = [r for r in below if r["x0"] < box["x1"] and r["x1"] > box["x0"]]
    return min(below, key=lambda r: r["top"] - box["bottom"]) if below else None


def text_extent(page):
    """(x0, x1, top, bottom) of every word on the page."""
    ws = words(page)
    return min(w["x0"] for w in ws), max(w["x1"] for w in ws), min(w["top"] for w in ws), max(w["bottom"] for w in ws)


def inside_margins(box, page, *, left_mm, right_mm, slack=0.5):
    """True when a box lies between the left and the right margin."""
    return box["x0"] >= left_mm * MM - slack and box["x1"] <= page.width - right_mm * MM + slack


def gap(left_box, right_box):
    """Horizontal distance between two boxes (negative when they overlap)."""
    return right_box["x0"] - left_box["x1"]
