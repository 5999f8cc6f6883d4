#!/usr/bin/env bash
# Typeset the seed disclosure as PDFs for the PDF reader's golden tests.
#
#   scripts/seedpdf/make.sh [SEED.txt [OUTDIR]]
#
# Defaults: SEED = fixtures/000_40af54efeba53a7c.txt (the seed, as checked
# in), OUTDIR = fixtures/pdf/seed. Writes four PDFs:
#   ruled-portrait-lo.pdf          LibreOffice, A4 portrait, all cells ruled
#   ruled-landscape-narrow-lo.pdf  LibreOffice, A4 landscape, narrow code /
#                                  unit / project columns (codes wrap)
#   unruled-portrait-lo.pdf        LibreOffice, A4 portrait, no rules
#   ruled-portrait-chromium.pdf    headless Chromium, WenQuanYi Zen Hei,
#                                  header rows repeated by <thead>
# Installs (Debian bookworm, via apt-get, only when missing):
#   libreoffice-writer-nogui (or libreoffice-writer), chromium,
#   fonts-noto-cjk, fonts-wqy-zenhei, poppler-utils.
# Set SEEDPDF_KEEP_HTML=DIR to keep the generated HTML there.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
seed=${1:-$root/fixtures/000_40af54efeba53a7c.txt}
out=${2:-$root/fixtures/pdf/seed}

# ------------------------------------------------------------ dependencies
need=()
command -v soffice >/dev/null 2>&1 || need+=(office)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdfinfo >/dev/null 2>&1 || need+=(poppler-utils)
command -v python3 >/dev/null 2>&1 || need+=(python3)
fonts=$(fc-list : family 2>/dev/null || true)
case $fonts in *'Noto Sans CJK SC'*) ;; *) need+=(fonts-noto-cjk) ;; esac
case $fonts in *'WenQuanYi Zen Hei'*) ;; *) need+=(fonts-wqy-zenhei) ;; esac
if ((${#need[@]})); then
	sudo=
	[ "$(id -u)" = 0 ] || sudo=sudo
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update
	pkgs=()
	for n in "${need[@]}"; do
		case $n in
		office)
			if apt-cache show libreoffice-writer-nogui >/dev/null 2>&1; then
				pkgs+=(libreoffice-writer-nogui)
			else
				pkgs+=(libreoffice-writer)
			fi
			;;
		*) pkgs+=("$n") ;;
		esac
	done
	$sudo apt-get install -y --no-install-recommends "${pkgs[@]}" fontconfig
	fc-cache -f >/dev/null 2>&1 || true
fi

# ------------------------------------------------------------ HTML
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
html=${SEEDPDF_KEEP_HTML:-$work/html}
mkdir -p "$html" "$out" "$work/pdf"
python3 "$here/seedhtml.py" "$seed" "$html"

# ------------------------------------------------------------ PDF
# fixed, not the wall clock: LibreOffice and Chromium stamp dates that
# fixpdf.py then overwrites in place
export TZ=UTC SOURCE_DATE_EPOCH=1735689600
export HOME=$work/home
mkdir -p "$HOME"

# Import as a Writer document ("HTML (StarWriter)"): the default Writer/Web
# import loops forever laying out the landscape variant (LibreOffice 7.4).
soffice -env:UserInstallation="file://$work/lo-profile" \
	--headless --norestore --infilter="HTML (StarWriter)" \
	--convert-to pdf:writer_pdf_Export --outdir "$work/pdf" \
	"$html/ruled-portrait-lo.html" \
	"$html/ruled-landscape-narrow-lo.html" \
	"$html/unruled-portrait-lo.html" >"$work/soffice.log" 2>&1 ||
	{ cat "$work/soffice.log" >&2; exit 1; }

chromium --headless --no-sandbox --disable-gpu --no-first-run \
	--disable-background-networking --disable-component-update \
	--disable-sync --user-data-dir="$work/chromium-profile" \
	--no-pdf-header-footer \
	--print-to-pdf="$work/pdf/ruled-portrait-chromium.pdf" \
	"file://$html/ruled-portrait-chromium.html" >"$work/chromium.log" 2>&1 ||
	{ cat "$work/chromium.log" >&2; exit 1; }

for name in ruled-portrait-lo ruled-landscape-narrow-lo unruled-portrait-lo \
	ruled-portrait-chromium; do
	f=$work/pdf/$name.pdf
	[ -s "$f" ] || { echo "seedpdf: $name.pdf not written" >&2; exit 1; }
	python3 "$here/fixpdf.py" "$f" "$out/$name.pdf"
	printf '%-32s %3s pages %8s bytes\n' "$name.pdf" \
		"$(pdfinfo "$out/$name.pdf" | awk '/^Pages:/{print $2}')" \
		"$(stat -c %s "$out/$name.pdf")"
done
