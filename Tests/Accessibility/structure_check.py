#!/usr/bin/env python3
"""Walks the structure tree and the page content of tagged PDFs and reports what PDF/UA-1 forbids, from outside
(pikepdf reads the objects, PDFium the text).

Usage: structure_check.py FILE.pdf...  ->  one JSON report per file, as a list, on standard output:
  {"file": PATH, "problems": {RULE: [messages]}, "counts": {...}}
Counts: untagged text and paint operators, artifacts, TH, Figure, links, headings, toc entries, the PDF/UA part the
XMP claims (0: none) and the structure elements by role ("roles").
Rules:
  untagged-text     a text-showing operator outside both an artifact and the marked content of a structure element
  untagged-paint    the same for painting operators (fills, strokes, images, shadings, forms)
  artifact          an artifact without /Type Pagination, Layout, Page or Background; tagged content inside an
                    artifact, or an artifact inside tagged content
  mcid              a marked-content identifier the parent tree does not lead back to (or an element naming one the
                    page does not have)
  th-scope          a TH element without /Scope (Column, Row or Both) in its attributes
  figure-alt        a Figure element without alternative text
  link-contents     a Link annotation without /Contents, or not reached from a Link element
  tabs              a page with annotations whose /Tabs is not /S
  headings          the headings, in structure order, differ from the table of contents (TOC element), or an entry
                    links to another page than its heading's
  document          /MarkInfo, /Lang, /DisplayDocTitle, the PDF/UA identification (and its PDF/A extension schema)
"""
import json, re, sys
import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

TEXT_OPERATORS = {"Tj", "TJ", "'", '"'}
PAINT_OPERATORS = {"f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "sh", "Do", "INLINE IMAGE"}
ARTIFACT_TYPES = {"/Pagination", "/Layout", "/Page", "/Background"}
HEADING = re.compile(r"^/H[1-6]$")
IGNORED_IN_TEXT = re.compile(r"[\s\u00a0\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufffe\uffff]")


class Element:
    def __init__(self, obj, role, page, index):
        self.obj, self.role, self.page, self.index = obj, role, page, index
        self.mcids = []        # (page objgen, mcid)
        self.annotations = []  # annotation objgens
        self.children = []


class Report:
    def __init__(self, path):
        self.path = path
        self.problems = {}
        self.counts = {}

    def add(self, rule, message, limit=20):
        found = self.problems.setdefault(rule, [])
        if len(found) < limit:
            found.append(message)
        elif len(found) == limit:
            found.append("…")

    def json(self):
        return {"file": self.path, "problems": self.problems, "counts": self.counts}


def objgen(obj):
    return tuple(obj.objgen) if obj is not None and obj.is_indirect else None


def structure(pdf, report):
    """The elements of the structure tree in document order, and (page objgen, mcid) -> element."""
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        report.add("document", "no /StructTreeRoot")
        return [], {}, {}
    role_map = root.get("/RoleMap", pikepdf.Dictionary())
    elements, owners, annotations = [], {}, {}

    def kids(node):
        k = node.get("/K")
        if k is None:
            return []
        return list(k) if isinstance(k, pikepdf.Array) else [k]

    def walk(node, page, depth):
        if depth > 200:
            report.add("mcid", "structure tree deeper than 200")
            return None
        role = str(node.get("/S", ""))
        role = str(role_map.get(role, role))
        element = Element(node, role, objgen(node.get("/Pg")) or page, len(elements))
        elements.append(element)
        for kid in kids(node):
            if isinstance(kid, int) or (isinstance(kid, pikepdf.Object) and kid._type_name == "integer"):
                key = (element.page, int(kid))
                element.mcids.append(key)
                owners.setdefault(key, []).append(element)
            elif isinstance(kid, pikepdf.Dictionary):
                kind = kid.get("/Type")
                if kind == "/MCR":
                    key = (objgen(kid.get("/Pg")) or element.page, int(kid.MCID))
                    element.mcids.append(key)
                    owners.setdefault(key, []).append(element)
                elif kind == "/OBJR":
                    element.annotations.append(objgen(kid.Obj))
                    annotations[objgen(kid.Obj)] = element
                else:
                    child = walk(kid, element.page, depth + 1)
                    if child is not None:
                        element.children.append(child)
        return element

    for kid in kids(root):
        if isinstance(kid, pikepdf.Dictionary):
            walk(kid, None, 0)
    return elements, owners, annotations


def parent_tree(pdf):
    """StructParents key -> value (an array of elements indexed by MCID, or an element) from the number tree."""
    entries = {}
    root = pdf.Root.get("/StructTreeRoot")
    if root is None or "/ParentTree" not in root:
        return entries

    def walk(node, depth=0):
        if depth > 50:
            return
        nums = node.get("/Nums")
        if nums is not None:
            for i in range(0, len(nums) - 1, 2):
                entries[int(nums[i])] = nums[i + 1]
        for kid in node.get("/Kids", []):
            walk(kid, depth + 1)

    walk(root.ParentTree)
    return entries


def check_content(pdf, report, owners, parents):
    """Every text and painting operator inside an artifact or an element's marked content; MCIDs lead back."""
    untagged_text = untagged_paint = artifacts = 0
    seen = set()
    for number, page in enumerate(pdf.pages, start=1):
        page_key = objgen(page.obj)
        tree = parents.get(int(page.obj.get("/StructParents", -1)))
        stack = []  # "artifact", ("mcid", n) or "other" per open marked-content sequence
        text_here = paint_here = 0
        for instruction in pikepdf.parse_content_stream(page):
            if isinstance(instruction, pikepdf.ContentStreamInlineImage):
                operator, operands = "INLINE IMAGE", []
            else:
                operator, operands = str(instruction.operator), instruction.operands
            if operator in ("BDC", "BMC"):
                tag = str(operands[0])
                properties = operands[1] if operator == "BDC" and len(operands) > 1 else None
                if isinstance(properties, pikepdf.Name):
                    properties = page.obj.Resources.Properties.get(properties)
                mcid = properties.get("/MCID") if isinstance(properties, pikepdf.Dictionary) else None
                in_artifact = "artifact" in stack
                in_tagged = any(isinstance(entry, tuple) for entry in stack)
                if tag == "/Artifact":
                    artifacts += 1
                    kind = properties.get("/Type") if isinstance(properties, pikepdf.Dictionary) else None
                    if str(kind) not in ARTIFACT_TYPES:
                        report.add("artifact", f"page {number}: artifact of type {kind}")
                    if in_tagged:
                        report.add("artifact", f"page {number}: artifact inside tagged content")
                    stack.append("artifact")
                elif mcid is not None:
                    if in_artifact:
                        report.add("artifact", f"page {number}: MCID {mcid} inside an artifact")
                    key = (page_key, int(mcid))
                    seen.add(key)
                    target = tree[int(mcid)] if isinstance(tree, pikepdf.Array) and int(mcid) < len(tree) else None
                    owner = owners.get(key, [])
                    if target is None or not isinstance(target, pikepdf.Dictionary):
                        report.add("mcid", f"page {number}: MCID {mcid} ({tag}) has no parent in the parent tree")
                    elif len(owner) != 1 or objgen(owner[0].obj) != objgen(target):
                        report.add("mcid", f"page {number}: MCID {mcid} ({tag}): the parent tree and the elements disagree")
                    stack.append(("mcid", int(mcid)))
                else:
                    stack.append("other")
            elif operator == "EMC":
                if stack:
                    stack.pop()
            else:
                covered = "artifact" in stack or any(isinstance(entry, tuple) for entry in stack)
                if operator in TEXT_OPERATORS and not covered:
                    text_here += 1
                elif operator in PAINT_OPERATORS and not covered:
                    paint_here += 1
        if text_here:
            report.add("untagged-text", f"page {number}: {text_here} text-showing operators")
        if paint_here:
            report.add("untagged-paint", f"page {number}: {paint_here} painting operators")
        untagged_text += text_here
        untagged_paint += paint_here
    for key in owners:
        if key not in seen:
            report.add("mcid", f"an element names MCID {key[1]}, which its page does not have")
    report.counts.update({"untagged text": untagged_text, "untagged paint": untagged_paint, "artifacts": artifacts})


def check_elements(report, elements):
    headers = figures = 0
    roles = {}
    for element in elements:
        roles[element.role] = roles.get(element.role, 0) + 1
        if element.role == "/TH":
            headers += 1
            attributes = element.obj.get("/A")
            attributes = list(attributes) if isinstance(attributes, pikepdf.Array) else [attributes]
            scopes = [str(a.get("/Scope")) for a in attributes if isinstance(a, pikepdf.Dictionary) and "/Scope" in a]
            if not scopes or scopes[0] not in ("/Column", "/Row", "/Both"):
                report.add("th-scope", f"TH #{element.index} has no /Scope")
        elif element.role == "/Figure":
            figures += 1
            alt = element.obj.get("/Alt")
            if alt is None or not str(alt).strip():
                report.add("figure-alt", f"Figure #{element.index} has no /Alt")
    report.counts.update({"TH": headers, "Figure": figures, "roles": roles})


def check_annotations(pdf, report, annotations):
    links = 0
    for number, page in enumerate(pdf.pages, start=1):
        annots = page.obj.get("/Annots")
        if annots is None or len(annots) == 0:
            continue
        if page.obj.get("/Tabs") != "/S":
            report.add("tabs", f"page {number} has annotations and /Tabs {page.obj.get('/Tabs')}")
        for annot in annots:
            if annot.get("/Subtype") != "/Link":
                continue
            links += 1
            contents = annot.get("/Contents")
            if contents is None or not str(contents).strip():
                report.add("link-contents", f"page {number}: a link annotation without /Contents")
            element = annotations.get(objgen(annot))
            if element is None or element.role != "/Link":
                report.add("link-contents", f"page {number}: a link annotation no Link element reaches")
    report.counts["links"] = links


def mcid_texts(path, pdf):
    """(page objgen, mcid) -> text PDFium reads in that marked content, in its reading order."""
    texts = {}
    document = pdfium.PdfDocument(path)
    for index in range(len(document)):
        page_key = objgen(pdf.pages[index].obj)
        textpage = document[index].get_textpage()
        mcid = None
        for char in range(textpage.count_chars()):
            obj = pdfium_c.FPDFText_GetTextObject(textpage.raw, char)
            if obj:
                mcid = pdfium_c.FPDFPageObj_GetMarkedContentID(obj)
            if mcid is not None and mcid >= 0:
                key = (page_key, mcid)
                texts[key] = texts.get(key, "") + chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, char))
    return texts


def element_text(element, texts):
    own = "".join(texts.get(key, "") for key in element.mcids)
    return own + "".join(element_text(child, texts) for child in element.children)


def comparable(text):
    return IGNORED_IN_TEXT.sub("", text)


def check_headings(path, pdf, report, elements):
    """The headings after the table of contents, in structure order, are its entries, in order, each linked to the
    heading's page."""
    headings = [e for e in elements if HEADING.match(e.role)]
    report.counts["headings"] = len(headings)
    tocs = [e for e in elements if e.role == "/TOC"]
    report.counts["toc entries"] = 0
    if not tocs:
        return
    texts = mcid_texts(path, pdf)
    pages = {objgen(page.obj): number for number, page in enumerate(pdf.pages, start=1)}
    destinations = named_destinations(pdf)
    toc = tocs[0]
    entries = [child for child in toc.children if child.role == "/TOCI"]
    report.counts["toc entries"] = len(entries)
    after = [h for h in headings if h.index > toc.index]
    texts_after = [comparable(element_text(h, texts)) for h in after]
    matches = []  # (entry title, index in `after`)
    position = 0
    for entry in entries:
        title = comparable(element_text(entry.children[0], texts)) if entry.children else ""
        match = next((i for i in range(position, len(after)) if texts_after[i] == title), None)
        if not title or match is None:
            report.add("headings", f"TOC entry «{title}» is not a heading after the previous entry's, in structure order")
            continue
        matches.append((title, match))
        target = link_target_page(entry, destinations, pages)
        if target != pages.get(after[match].page):
            report.add("headings", f"TOC entry «{title}» links to page {target}, its heading is on page {pages.get(after[match].page)}")
        position = match + 1
    # Every heading after the table as deep as those it lists is one of its entries.
    deepest = max((int(after[i].role[2]) for _, i in matches), default=0)
    listed = {i for _, i in matches}
    for i, heading in enumerate(after):
        if i not in listed and int(heading.role[2]) <= deepest:
            report.add("headings", f"heading «{texts_after[i]}» ({heading.role}) is not in the table of contents")


def named_destinations(pdf):
    found = {}
    names = pdf.Root.get("/Names")
    dests = names.get("/Dests") if names is not None else None

    def walk(node, depth=0):
        if node is None or depth > 50:
            return
        values = node.get("/Names")
        if values is not None:
            for i in range(0, len(values) - 1, 2):
                found[bytes(values[i])] = values[i + 1]
        for kid in node.get("/Kids", []):
            walk(kid, depth + 1)

    walk(dests)
    old = pdf.Root.get("/Dests")
    if old is not None:
        for key in old.keys():
            found[key[1:].encode()] = old[key]
    return found


def link_target_page(entry, destinations, pages):
    """The page number the first link annotation under a TOC entry goes to."""
    for annot in entry_annotations(entry):
        dest = annot.get("/Dest")
        if dest is None and "/A" in annot:
            dest = annot.A.get("/D")
        if isinstance(dest, (pikepdf.String, pikepdf.Name)):
            dest = destinations.get(bytes(dest) if isinstance(dest, pikepdf.String) else str(dest)[1:].encode())
        if isinstance(dest, pikepdf.Dictionary):
            dest = dest.get("/D")
        if isinstance(dest, pikepdf.Array) and len(dest) > 0:
            return pages.get(objgen(dest[0]))
    return None


def entry_annotations(element):
    kids = element.obj.get("/K")
    kids = list(kids) if isinstance(kids, pikepdf.Array) else ([kids] if kids is not None else [])
    for kid in kids:
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
            yield kid.Obj
    for child in element.children:
        yield from entry_annotations(child)


def check_document(pdf, report):
    root = pdf.Root
    mark_info = root.get("/MarkInfo")
    if mark_info is None or not mark_info.get("/Marked"):
        report.add("document", "/MarkInfo /Marked is not true")
    if not str(root.get("/Lang", "")).strip():
        report.add("document", "no /Lang")
    preferences = root.get("/ViewerPreferences")
    if preferences is None or not preferences.get("/DisplayDocTitle"):
        report.add("document", "/ViewerPreferences /DisplayDocTitle is not true")
    xmp = bytes(root.Metadata.read_bytes()).decode("utf-8") if "/Metadata" in root else ""
    part = re.search(r"<pdfuaid:part>\s*(\d+)\s*</pdfuaid:part>", xmp)
    report.counts["pdfua part"] = int(part.group(1)) if part else 0
    if part is None:
        report.add("document", "the XMP does not claim PDF/UA (pdfuaid:part)")
    elif "pdfaid:part" in xmp and "http://www.aiim.org/pdfua/ns/id/" not in re.sub(r"xmlns:pdfuaid=\"[^\"]*\"", "", xmp):
        report.add("document", "PDF/A file: the pdfuaid schema is not declared in a pdfaExtension:schemas entry")


def check(path):
    report = Report(path)
    with pikepdf.open(path) as pdf:
        elements, owners, annotations = structure(pdf, report)
        check_document(pdf, report)
        check_content(pdf, report, owners, parent_tree(pdf))
        check_elements(report, elements)
        check_annotations(pdf, report, annotations)
        check_headings(path, pdf, report, elements)
    return report.json()


if __name__ == "__main__":
    json.dump([check(path) for path in sys.argv[1:]], sys.stdout, ensure_ascii=False, indent=1)
