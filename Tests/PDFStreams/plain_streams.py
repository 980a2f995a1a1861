"""Lists the streams of each PDF given that are stored without a filter (but the XMP metadata, which PDF/A readers
want plain) and those that do not decode, as JSON: {file: ["object 12: page 3's content", ...]}.

Cairo is made to write page contents, ToUnicode maps and forms plain; the finishing and the draft step compress
them (DossierArchive/CairoStreams.swift). Read with pikepdf (libqpdf), as a reader would."""
import json
import sys

import pikepdf


def roles(pdf):
    """What each stream is, by object number, for the report."""
    named = {}
    for number, page in enumerate(pdf.pages, 1):
        contents = page.obj.get("/Contents")
        for stream in (contents if isinstance(contents, pikepdf.Array) else [contents]):
            if stream is not None:
                named[stream.objgen] = f"page {number}'s content"
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary) and "/ToUnicode" in obj:
            named[obj.ToUnicode.objgen] = f"the ToUnicode map of {obj.get('/BaseFont')}"
    return named


def check(path):
    problems = []
    with pikepdf.open(path) as pdf:
        named = roles(pdf)
        for obj in pdf.objects:
            if not isinstance(obj, pikepdf.Stream):
                continue
            what = named.get(obj.objgen) or f"{obj.get('/Type')} {obj.get('/Subtype')}"
            try:
                obj.read_bytes()
            except pikepdf.PdfError as error:
                problems.append(f"object {obj.objgen[0]} ({what}) does not decode: {error}")
            if "/Filter" not in obj and obj.get("/Type") != "/Metadata":
                problems.append(f"object {obj.objgen[0]} ({what}) is not compressed")
    return problems


print(json.dumps({path: check(path) for path in sys.argv[1:]}, ensure_ascii=False))
