#!/bin/sh
# measure.sh BIN OUT PDF... — extract the PDFs with BIN (-no-ocr), then
# check amounts (amtcheck) and table starts (boundcheck) against poppler.
# The last line is the total: title pages found/continued/merged/missed,
# clean pages judged garbled, amounts lost/extra, unclaimed pages.
set -e
bin=$1 out=$2
shift 2
"$bin" extract -no-ocr -workers 2 -o "$out" "$@" 2>"$out.log" || true
go run ./scripts/amtcheck "$out" "$@" >"$out.amt.txt" 2>&1 || true
go run ./scripts/boundcheck -v -amt "$out.amt.txt" "$out" "$@" >"$out.bound.txt"
tail -1 "$out.bound.txt"
