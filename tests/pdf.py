"""Reading PDFs that Chromium printed: their text, and whether CJK glyphs were really drawn."""

from __future__ import annotations

import io
import re
import unicodedata

from pypdf import PdfReader

from stages.templatetags.overdue import HAN_RUN

# CJK Radicals Supplement forms seen in our printouts, which NFKC leaves alone.
RADICALS = str.maketrans({"⺠": "民"})


def read(pdf_bytes: bytes) -> tuple[PdfReader, str]:
    """The PDF and its text without white space. pypdf reads some Noto CJK glyphs as radicals
    (⽇ for 日, ⺠ for 民); NFKC maps the Kangxi ones back, the table the rest."""
    pdf = PdfReader(io.BytesIO(pdf_bytes))
    text = "".join(page.extract_text() for page in pdf.pages)
    text = unicodedata.normalize("NFKC", text).translate(RADICALS)
    return pdf, re.sub(r"\s+", "", text)


def han(text: str) -> set[str]:
    return {ch for run in HAN_RUN.findall(text) for ch in run}


def glyph_outlines(pdf: PdfReader) -> int:
    """Distinct glyph outlines Chromium embedded (as Type3 fonts). Missing glyphs would all be the
    same box, so about one outline per distinct character means the characters were drawn."""
    outlines = set()
    for page in pdf.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            if font.get("/Subtype") == "/Type3":
                outlines |= {proc.get_object().get_data() for proc in font["/CharProcs"].values()}
    return len(outlines)
