# yusuan: Chinese budget disclosures → exact tables.
GO      ?= go
BIN     := bin/yusuan
SAMPLE  := fixtures/000_40af54efeba53a7c.txt
OUT     := out

.PHONY: all build test run bench fuzz clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/yusuan

# The whole suite; stays well under 10 minutes on 2 cores.
test:
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 10m ./...

# Extract the bundled sample into out/.
run: build
	./$(BIN) extract $(SAMPLE) -o $(OUT)
	@echo "tables written to $(OUT)/$(basename $(notdir $(SAMPLE)))/"

# First line: the real PDFs of ../shared/corpus against pdftotext (skipped
# without them); then the fixtures, the 500-document archive and the stages.
bench: build
	$(GO) test -run '^$$' -bench . -benchmem -benchtime 1x -timeout 90m ./cmd/yusuan/
	$(GO) test -run '^$$' -bench . -benchmem ./extract/... ./pipeline/ ./normalize/

# Short fuzzing of every parser of untrusted input (FUZZTIME per target).
FUZZTIME ?= 30s
fuzz:
	@$(GO) list ./... | while read p; do \
		for t in $$($(GO) test -list '^Fuzz' $$p | grep '^Fuzz'); do \
			echo "fuzz $$p $$t ($(FUZZTIME))"; \
			if ! $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) -parallel 2 -timeout 0 $$p > /tmp/yusuan-fuzz.log 2>&1; then \
				if grep -aq 'Failing input written to\|panic:' /tmp/yusuan-fuzz.log \
					|| ! grep -aq 'context deadline exceeded' /tmp/yusuan-fuzz.log; then \
					cat /tmp/yusuan-fuzz.log; exit 1; \
				fi; \
				echo "  (go test ended with 'context deadline exceeded' and no failing input: golang/go#75804, not a finding)"; \
			fi; \
			grep -aE '^(PASS|ok|fuzz: elapsed)' /tmp/yusuan-fuzz.log | tail -n 2 | head -n 1; \
		done; \
	done

clean:
	rm -rf bin $(OUT)
