#!/usr/bin/env bash
# Every test of the project: the Swift unit and end-to-end tests, then the benchmark
# harness on a tiny catalog so that it does not rot. Installs what the tests need.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== swift test"
swift build --build-tests
swift test --skip-build 2>&1 | tee .build/swift-test.log
