#!/usr/bin/env bash
# Debian packages the build and the tests need, beyond Python. Installs only what is missing.
#   bash scripts/install-system-deps.sh           everything (tests, benchmark)
#   bash scripts/install-system-deps.sh booklet   only what the PDF booklet needs (make site)
# The booklet: WeasyPrint draws text with Pango (HarfBuzz, fontconfig) and sets it in
# DejaVu (overrides/booklet/booklet.css). The tests: Chromium; a Java runtime (the
# Nu HTML Checker); Node; poppler-utils (pdftoppm turns booklet pages into images to
# read their QR codes back).
set -euo pipefail
missing=()
has_deb() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed"; }
for package in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core; do
  has_deb "$package" || missing+=("$package")
done
if [ "${1:-all}" != "booklet" ]; then
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
  command -v node >/dev/null 2>&1 || missing+=(nodejs npm)
  command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing Debian packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
