#!/usr/bin/env python3
"""What PDF viewers' engines read back from a PDF: PDFium (Chrome, Edge) through pypdfium2, MuPDF through
PyMuPDF, poppler through pdftotext.

Usage: viewer_text.py REQUEST.json  ->  prints a JSON report on standard output.
REQUEST: {"pdf": PATH, "words": [Arabic words], "strings": [strings to be copied verbatim]}
Report:  {"pdfium": {"missing": [...]}, "mupdf": {"missing": [...], "unjoined": [...]}, "poppler": {...},
          "strings": {"pdfium": {"missing": [...]}, "mupdf": {...}, "poppler": {"missing": [...]}},
          "tatweels": {"pdfium": N, "mupdf": N, "poppler": N}}
("tatweels": how many U+0640 each engine's text holds, for text that must never gain one; MuPDF's "unjoined":
the words its text lacks even with white space taken out.)
Words count as found when PDFium's find (FPDFText_FindStart) finds them, when MuPDF's search_for finds them,
and for poppler when they are whole tokens of pdftotext's output. Strings are compared after whitespace
normalisation (all runs of white space, NBSP and U+202F included, become one space; bidi controls dropped)
on each page's text."""
import json, re, subprocess, sys
import pypdfium2 as pdfium
import pymupdf

BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
SPACE = re.compile(r"[\s\u00a0\u202f]+")
TOKEN_EDGE = "()[]«»:;,.،؛!?؟\"'-–—/"

def normalise(text):
    return SPACE.sub(" ", BIDI.sub("", text)).strip()

def pdfium_pages(path):
    document = pdfium.PdfDocument(path)
    pages = [document[i].get_textpage() for i in range(len(document))]
    return document, pages

def pdfium_missing(pages, words):
    missing = []
    for word in words:
        if not any(page.search(word, match_case=False).get_next() is not None for page in pages):
            missing.append(word)
    return missing

def mupdf_missing(document, words):
    return [w for w in words if not any(page.search_for(w) for page in document)]

def unjoined_missing(page_texts, words):
    """Words not in the text even once white space is taken out: letters lost, doubled or out of order, not only
    split by a space."""
    joined = [SPACE.sub("", BIDI.sub("", t)) for t in page_texts]
    return [w for w in words if not any(w in t for t in joined)]

def poppler_pages(path):
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")

def poppler_missing(pages, words):
    # pdftotext marks each change of direction with LRE/RLE ... PDF: word boundaries of its own.
    tokens = set()
    for page in pages:
        for token in normalise(BIDI.sub(" ", page)).split(" "):
            tokens.add(token.strip(TOKEN_EDGE))
    return [w for w in words if w not in tokens]

def strings_missing(page_texts, strings):
    normalised = [normalise(t) for t in page_texts]
    return [s for s in strings if not any(normalise(s) in t for t in normalised)]

def main():
    request = json.load(open(sys.argv[1], encoding="utf-8"))
    path, words, strings = request["pdf"], request.get("words", []), request.get("strings", [])
    document, pdfium_text_pages = pdfium_pages(path)
    pdfium_texts = [page.get_text_range() for page in pdfium_text_pages]
    mu = pymupdf.open(path)
    mupdf_texts = [page.get_text() for page in mu]
    poppler_texts = poppler_pages(path)
    report = {
        "pdfium": {"missing": pdfium_missing(pdfium_text_pages, words)},
        "mupdf": {"missing": mupdf_missing(mu, words), "unjoined": unjoined_missing(mupdf_texts, words)},
        "poppler": {"missing": poppler_missing(poppler_texts, words)},
        "strings": {"pdfium": {"missing": strings_missing(pdfium_texts, strings)},
                    "mupdf": {"missing": strings_missing(mupdf_texts, strings)},
                    "poppler": {"missing": strings_missing(poppler_texts, strings)}},
        "tatweels": {name: sum(text.count("\u0640") for text in texts)
                     for name, texts in [("pdfium", pdfium_texts), ("mupdf", mupdf_texts), ("poppler", poppler_texts)]},
    }
    json.dump(report, sys.stdout, ensure_ascii=False)

if __name__ == "__main__":
    main()
