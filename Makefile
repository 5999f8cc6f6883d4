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

bench: build
	$(GO) test -run '^$$' -bench . -benchmem -benchtime 1x ./cmd/yusuan/
	$(GO) test -run '^$$' -bench . -benchmem ./extract/... ./pipeline/ ./normalize/

# Short fuzzing of every parser of untrusted input (FUZZTIME per target).
FUZZTIME ?= 30s
fuzz:
	@$(GO) list ./... | while read p; do \
		for t in $$($(GO) test -list '^Fuzz' $$p | grep '^Fuzz'); do \
			echo "fuzz $$p $$t ($(FUZZTIME))"; \
			$(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) -parallel 2 $$p > /tmp/yusuan-fuzz.log 2>&1 \
				|| { cat /tmp/yusuan-fuzz.log; exit 1; }; \
			tail -n 2 /tmp/yusuan-fuzz.log | head -n 1; \
		done; \
	done

clean:
	rm -rf bin $(OUT)
