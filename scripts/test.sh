#!/usr/bin/env bash
# Every test of the project: the Swift unit and end-to-end tests (including the PyJWT
# cross-check, whose Python environment scripts/python-venv.sh makes), then the browser tests
# (Selenium driving headless Chromium against the real server). Installs what they need.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== swift test"
swift build --build-tests
swift test --skip-build 2>&1 | tee .build/swift-test.log

echo "== browser tests"
bash scripts/browser-tests.sh
