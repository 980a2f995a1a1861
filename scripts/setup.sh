#!/usr/bin/env bash
# Installs the Debian packages Dossier needs, only those that are missing.
set -euo pipefail
packages=(pkg-config libcairo2-dev libpango1.0-dev libharfbuzz-dev libqpdf-dev fonts-hosny-amiri fonts-noto-core icc-profiles-free poppler-utils qpdf)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "installing: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
