#!/usr/bin/env bash
# Makes the scanned-page fixtures in fixtures/scan/ from the typeset seed PDFs
# (fixtures/pdf/seed/, made by scripts/seedpdf): pages of 附件 2 rasterised
# at 200 or 300 dpi, turned slightly, speckled, saved as JPEG q75 and wrapped
# back into image-only PDFs; one multi-page bilevel TIFF of the unruled
# variant; one mixed PDF (text-layer pages, then scanned ones). Needs
# poppler-utils, imagemagick, img2pdf.
#
#   scripts/scanfixtures/make.sh            # writes fixtures/scan/seed-*
set -euo pipefail
cd "$(dirname "$0")/../.."
seed=fixtures/pdf/seed
out=fixtures/scan
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
IM=/usr/bin/convert

# scan PDF DPI NAME PAGE:ANGLE...: pages degraded like a scan (turned a
# little, speckled, softened, JPEG q75) and wrapped as one image-only PDF.
scan() {
	local pdf=$1 dpi=$2 name=$3
	shift 3
	local jpgs=()
	for pa in "$@"; do
		local page=${pa%%:*} angle=${pa#*:}
		pdftoppm -r "$dpi" -f "$page" -l "$page" -gray -singlefile "$pdf" "$tmp/p"
		# turn, speckle (salt and pepper on ~1% of pixels), soften, JPEG q75
		$IM "$tmp/p.pgm" -background white -rotate "$angle" +repage \
			-seed "$page" -attenuate 0.1 +noise Impulse -blur 0x0.6 \
			-units PixelsPerInch -density "$dpi" -quality 75 "$tmp/$name-$page.jpg"
		jpgs+=("$tmp/$name-$page.jpg")
	done
	img2pdf --imgsize "${dpi}dpi" -o "$out/$name.pdf" "${jpgs[@]}"
}

# 附件 1 (a two-sided summary over two pages) and 附件 2 at 200 dpi;
# 附件 3 (economic codes, over two pages) at 300 dpi.
scan $seed/ruled-portrait-lo.pdf 200 seed-a1-a2-200dpi 4:1.2 5:-0.4 6:1.2 7:0.3
scan $seed/ruled-portrait-lo.pdf 300 seed-a3-300dpi 8:-0.7 9:0.5

# Multi-page TIFF, bilevel (G4), of the unruled variant at 200 dpi.
for p in 6 7; do
	pdftoppm -r 200 -f $p -l $p -gray -singlefile $seed/unruled-portrait-lo.pdf "$tmp/u$p"
	$IM "$tmp/u$p.pgm" -background white -rotate 0.5 +repage -seed 3 -attenuate 0.15 +noise Impulse \
		-threshold 55% "$tmp/u$p.png"
done
$IM "$tmp/u6.png" "$tmp/u7.png" -units PixelsPerInch -density 200 -compress Group4 \
	"$out/seed-a2-unruled-200dpi.tif"

# A mixed document: 附件1 from the text layer (pages 4-5 of the ruled seed),
# 附件2 scanned (pages 3-4 of the 200-dpi scan above).
pdfseparate -f 4 -l 5 $seed/ruled-portrait-lo.pdf "$tmp/t%d.pdf"
pdfseparate -f 3 -l 4 "$out/seed-a1-a2-200dpi.pdf" "$tmp/s%d.pdf"
pdfunite "$tmp/t4.pdf" "$tmp/t5.pdf" "$tmp/s3.pdf" "$tmp/s4.pdf" "$out/seed-mixed-a1-text-a2-scan.pdf"
ls -la "$out"
