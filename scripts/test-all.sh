#!/usr/bin/env bash
# Every test: the Java modules (unit, REST, Kafka, PostgreSQL, headless browser) and the Python SDK.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

"$ROOT/mvnw" -B install "$@"

if [[ -d "$ROOT/sdk/python/tests" ]]; then
  echo "== Python SDK tests =="
  # One throw-away server (temporary home, free ports) for the end-to-end tests, always stopped afterwards;
  # the server-restart test starts its own. Without it the tests start one themselves or skip.
  if SDK_SERVER_ENV="$("$ROOT/scripts/sdk-server.sh" start)"; then
    eval "$SDK_SERVER_ENV"
    trap '"$ROOT/scripts/sdk-server.sh" stop' EXIT
  fi
  (cd "$ROOT/sdk/python" && /usr/bin/python3 -m unittest discover -s tests -v)
fi
