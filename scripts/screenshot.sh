#!/usr/bin/env bash
# Render one sheet of a workbook to PNG the way a reader sees it printed:
# LibreOffice (headless, throw-away profile) -> PDF -> pdftoppm.
#   scripts/screenshot.sh WORKBOOK.xlsx PAGE OUT.png [DPI]
set -euo pipefail
book=$1 page=$2 out=$3 dpi=${4:-110}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
soffice --headless --norestore "-env:UserInstallation=file://$tmp/profile" --convert-to pdf --outdir "$tmp" "$book" >/dev/null 2>&1
pdftoppm -r "$dpi" -f "$page" -l "$page" -png -singlefile "$tmp/$(basename "${book%.*}").pdf" "${out%.png}"
echo "wrote $out"
