#!/usr/bin/env bash
# Installs the Debian packages Dossier needs, only those that are missing.
set -euo pipefail
packages=(pkg-config libcairo2-dev libpango1.0-dev libharfbuzz-dev libqpdf-dev libcurl4-openssl-dev libssl-dev zlib1g-dev libdeflate-dev libmimalloc-dev fonts-hosny-amiri fonts-noto-core icc-profiles-free poppler-utils qpdf python3 python3-venv python3-aiosmtpd openssl chromium chromium-driver)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "installing: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# The email tests deliver to a local SMTP server: Python's aiosmtpd. Debian's package serves /usr/bin/python3;
# when another python3 comes first on PATH (pyenv), install it there from PyPI.
if command -v python3 >/dev/null && ! python3 -c "import aiosmtpd" 2>/dev/null; then
  python3 -m pip install -q aiosmtpd 2>/dev/null || echo "note: could not install aiosmtpd; the SMTP delivery test will be skipped"
fi

# The viewer-text tests read the dossiers back with PDFium (pypdfium2) and MuPDF (PyMuPDF), and the accessibility
# tests check them with pdfua and pikepdf, all from PyPI, in the project's own virtual environment.
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/.venv"
if ! "$venv/bin/python" -c "import pypdfium2, pymupdf, pikepdf, pdfua" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q -r "$root/Tests/ViewerText/requirements.txt" -r "$root/Tests/Accessibility/requirements.txt"
fi
# The signing tests check Dossier's signatures with an independent validator, pyHanko (from PyPI), and make their
# keys and certificates with openssl (in the packages above).
if ! [ -x "$venv/bin/pyhanko" ]; then
  "$venv/bin/pip" install -q -r "$(dirname "$0")/../Tests/Signing/requirements.txt"
fi
# The service test checks dossier serve against docs/openapi.yaml with schemathesis (from PyPI).
if ! [ -x "$venv/bin/schemathesis" ]; then
  "$venv/bin/pip" install -q -r "$root/Tests/DossierServiceTests/requirements.txt"
fi
# The web page's test drives Debian's chromium (through chromium-driver) with selenium (from PyPI).
if ! "$venv/bin/python" -c "import selenium" 2>/dev/null; then
  "$venv/bin/pip" install -q -r "$root/Tests/WebPage/requirements.txt"
fi
