"""The forgery of issue 15, done as an attacker would: swap two partners' shares of the first project in the data
attached to a dossier, rewrite the XMP fingerprint and the attachment's description to match the new data, save,
and recompute the seal (the SHA-256 /ID the file carries). Usage: forge.py IN.pdf OUT.pdf; prints the new fingerprint."""
import hashlib
import json
import re
import sys

import pikepdf

source, target = sys.argv[1], sys.argv[2]
pdf = pikepdf.open(source)
spec = pdf.Root.Names.EmbeddedFiles.Names[1]
stream = spec.EF.F
data = json.loads(stream.read_bytes())
old_json = stream.read_bytes()
old = hashlib.sha256(old_json).hexdigest()[:12]
lines = data["projects"][0]["financing"]
lines[0]["amount"], lines[1]["amount"] = lines[1]["amount"], lines[0]["amount"]
new_json = (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()
new = hashlib.sha256(new_json).hexdigest()[:12]
stream.write(new_json)
stream.Params.Size = len(new_json)
spec.Desc = pikepdf.String(str(spec.Desc).replace(old, new))
metadata = pdf.Root.Metadata
metadata.write(metadata.read_bytes().replace(old.encode(), new.encode()))
pdf.save(target, static_id=True)

# The seal: the first 32 hex digits of the SHA-256 of the file with both identifiers zeroed.
raw = bytearray(open(target, "rb").read())
match = list(re.finditer(rb"/ID \[<([0-9a-fA-F]{32})><([0-9a-fA-F]{32})>\]", raw))[-1]
for group in (1, 2):
    raw[match.start(group):match.end(group)] = b"0" * 32
seal = hashlib.sha256(bytes(raw)).hexdigest()[:32].encode()
for group in (1, 2):
    raw[match.start(group):match.end(group)] = seal
open(target, "wb").write(bytes(raw))
print(old, new)
