# SPDX-License-Identifier: MIT
# Thin wrapper around CMake.
#   make run    install missing Debian packages, build, tag the samples
#   make test   install missing Debian packages, build, run every test
#               (plain build; AddressSanitizer + UBSan build; the thread
#               tests under ThreadSanitizer; a 20 s smoke of each fuzz
#               target, clang builds)
#   make fuzz   fuzz each libFuzzer target for FUZZ_SECONDS (default 300)
#   make format apply .clang-format to the C sources (needs clang-format)
#   make eval   topic figures on Reuters-21578 (needs ../shared/data)
BUILD ?= build
BUILD_SAN ?= build-san
BUILD_TSAN ?= build-tsan
BUILD_FUZZ ?= build-fuzz
FUZZ_SECONDS ?= 300
FUZZ_SMOKE_SECONDS ?= 20
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all deps deps-test build run test test-plain test-san test-tsan \
        test-fuzz build-fuzz fuzz clean format eval

all: build

deps:
	@tools/install-deps.sh

deps-test:
	@tools/install-deps.sh --test

build: deps
	cmake -S . -B $(BUILD) -DISTH_WERROR=ON
	cmake --build $(BUILD) -j $(JOBS)

run: build
	$(BUILD)/isthmus tag data/samples/*.txt

test-plain: deps-test build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-san: deps-test
	cmake -S . -B $(BUILD_SAN) -DISTH_WERROR=ON -DCMAKE_BUILD_TYPE=Debug \
	  -DISTH_SANITIZE=address,undefined
	cmake --build $(BUILD_SAN) -j $(JOBS)
	cd $(BUILD_SAN) && ASAN_OPTIONS=detect_leaks=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j $(JOBS)

# ThreadSanitizer (clang): the tests that run threads, a race fails them.
test-tsan: deps-test
	@if command -v clang >/dev/null; then \
	  CC=clang cmake -S . -B $(BUILD_TSAN) -DISTH_WERROR=ON \
	    -DISTH_SANITIZE=thread && \
	  cmake --build $(BUILD_TSAN) -j $(JOBS) && \
	  cd $(BUILD_TSAN) && TSAN_OPTIONS=halt_on_error=1 \
	    ctest --output-on-failure -j $(JOBS) \
	    -R '^(unit_threads|cli_threads|cli_limits)$$'; \
	else echo "test-tsan: skipped (no clang)"; fi

build-fuzz: deps-test
	CC=clang cmake -S . -B $(BUILD_FUZZ) -DISTH_FUZZ=ON \
	  -DISTH_BUILD_TESTS=OFF -DISTH_BUILD_CLI=OFF
	cmake --build $(BUILD_FUZZ) -j $(JOBS)

# Every fuzz target for FUZZ_SMOKE_SECONDS after its regression inputs.
test-fuzz: build
	@if command -v clang >/dev/null; then \
	  $(MAKE) --no-print-directory build-fuzz && \
	  tests/fuzz/run.sh $(BUILD_FUZZ) $(BUILD)/isthmus $(FUZZ_SMOKE_SECONDS); \
	else echo "test-fuzz: skipped (no clang)"; fi

fuzz: build build-fuzz
	tests/fuzz/run.sh $(BUILD_FUZZ) $(BUILD)/isthmus $(FUZZ_SECONDS)

test: test-plain test-san test-tsan test-fuzz

C_SOURCES = $(wildcard src/*.[ch] src/cli/*.[ch] tests/*.[ch] tests/fuzz/*.[ch]) \
  include/isthmus.h

format:
	clang-format -i $(C_SOURCES)

eval: build
	tools/eval_topics.py --isthmus $(BUILD)/isthmus \
	  ../shared/data/topics/reuters_train.jsonl

clean:
	rm -rf $(BUILD) $(BUILD_SAN) $(BUILD_TSAN) $(BUILD_FUZZ)
