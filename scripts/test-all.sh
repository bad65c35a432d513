#!/usr/bin/env bash
# Every test: the Java modules (unit, REST, Kafka, PostgreSQL, headless browser) and the Python SDK.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

"$ROOT/mvnw" -B install "$@"

if [[ -d "$ROOT/sdk/python/tests" ]]; then
  echo "== Python SDK tests =="
  (cd "$ROOT/sdk/python" && /usr/bin/python3 -m unittest discover -s tests -v)
fi
