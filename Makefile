# SPDX-License-Identifier: MIT
# Thin wrapper around CMake.
#   make run    install missing Debian packages, build, tag the samples
#   make test   install missing Debian packages, build, run every test
#               (plain build, then AddressSanitizer + UBSan build)
#   make format apply .clang-format to the C sources (needs clang-format)
#   make eval   topic figures on Reuters-21578 (needs ../shared/data)
BUILD ?= build
BUILD_SAN ?= build-san
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all deps build run test test-plain test-san clean format eval

all: build

deps:
	@tools/install-deps.sh

build: deps
	cmake -S . -B $(BUILD) -DISTH_WERROR=ON
	cmake --build $(BUILD) -j $(JOBS)

run: build
	$(BUILD)/isthmus tag data/samples/*.txt

test-plain: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-san: deps
	cmake -S . -B $(BUILD_SAN) -DISTH_WERROR=ON -DCMAKE_BUILD_TYPE=Debug \
	  -DISTH_SANITIZE=address,undefined
	cmake --build $(BUILD_SAN) -j $(JOBS)
	cd $(BUILD_SAN) && ASAN_OPTIONS=detect_leaks=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j $(JOBS)

test: test-plain test-san

C_SOURCES = $(wildcard src/*.[ch] src/cli/*.[ch] tests/*.[ch]) include/isthmus.h

format:
	clang-format -i $(C_SOURCES)

eval: build
	tools/eval_topics.py --isthmus $(BUILD)/isthmus \
	  ../shared/data/topics/reuters_train.jsonl

clean:
	rm -rf $(BUILD) $(BUILD_SAN)
