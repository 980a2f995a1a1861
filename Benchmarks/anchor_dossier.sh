#!/usr/bin/env bash
# anchor_dossier.sh - our adapter for the shared anchor benchmark (../shared/bench), used by bench.py as an
# EXTRA_TOOLS renderer: the same arguments as the bench's renderers/dossier_render.sh, which it runs.
#
# Why a wrapper: since validation limits texts to what fits where they are printed, the bench's converted data
# (gen/emit_dossier.py) is refused: its partners have long names and no short_name for the narrow columns of
# the financing matrix. Before the shared adapter runs, the converted file gets a short_name for each partner
# whose name is longer than 24 characters: its leading words up to 24 characters. The conversion is redone only
# when the bench's input is newer, so it falls in the bench's untimed first pass, as the shared adapter's does.
#
# Env: ANCHORS (the bench folder whose renderers/ and gen/ to use), DOSSIER_BIN, DOSSIER_HOME, DOSSIER_JOBS.
set -euo pipefail
args=("$@")
in=${args[$(( ${#args[@]} - 2 ))]}
conv=${in%.json}.dossier.json
if [ ! -s "$conv" ] || [ "$in" -nt "$conv" ]; then
    "${PYTHON:-python3}" "$ANCHORS/gen/emit_dossier.py" "$in" "$conv"
    "${PYTHON:-python3}" - "$conv" <<'PY'
import json, sys
path = sys.argv[1]
with open(path, encoding="utf-8") as f:
    data = json.load(f)
for partner in data.get("partners", []):
    name = partner.get("name", "")
    if len(name) > 24 and not partner.get("short_name"):
        short = ""
        for word in name.split():
            if len(short) + len(word) + (1 if short else 0) > 24:
                break
            short = f"{short} {word}" if short else word
        partner["short_name"] = short or name[:24]
with open(path, "w", encoding="utf-8") as f:
    json.dump(data, f, ensure_ascii=False, indent=1)
PY
fi
exec bash "$ANCHORS/renderers/dossier_render.sh" "$@"
