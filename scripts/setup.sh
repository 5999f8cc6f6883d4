#!/usr/bin/env bash
# Installs what yusuan needs to build and test on a Debian machine with Go:
# the Debian packages listed in scripts/apt-packages.txt (skipped when all are
# present) and the Go modules. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v go >/dev/null || { echo "setup: Go is not installed (need the version go.mod names, go 1.26 or later)" >&2; exit 1; }

mapfile -t pkgs < <(grep -v '^\s*#' scripts/apt-packages.txt | awk 'NF{print $1}')
missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	echo "setup: installing ${missing[*]}"
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
go mod download
# DuckDB for the dataset tests (dataset/duckdb_test.go), from npm: the
# package ships DuckDB itself. Without npm the test skips and says so.
if command -v npm >/dev/null; then
	npm ci --prefix scripts/duckdb --no-audit --no-fund --loglevel=error >/dev/null ||
		echo "setup: npm ci in scripts/duckdb failed: the DuckDB check of the dataset will skip" >&2
else
	echo "setup: npm not found: the DuckDB check of the dataset will skip" >&2
fi
