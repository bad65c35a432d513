#!/usr/bin/env bash
# A throw-away GANBoard server for SDK tests and benchmarks: the built application jar with a temporary
# GANBOARD_HOME, a free port and an embedded Kafka broker on a free port.
#
#   eval "$(scripts/sdk-server.sh start)"   # exports GANBOARD_TEST_URL, GANBOARD_TEST_API_KEY, GANBOARD_TEST_SERVER_PID,
#                                            # GANBOARD_TEST_HOME
#   ... run tests against it ...
#   scripts/sdk-server.sh stop               # stops it (SIGTERM, then SIGKILL after 30 s) and removes its home
#
# Extra JVM options for the server (e.g. a flight recording) go in GANBOARD_TEST_JAVA_OPTS.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/app/target/quarkus-app/quarkus-run.jar"

find_java() {
  local d
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then echo "$JAVA_HOME/bin/java"; return; fi
  for d in /usr/lib/jvm/temurin-2*-jdk*; do
    [[ -x "$d/bin/java" ]] && { echo "$d/bin/java"; return; }
  done
  command -v java
}

free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

start() {
  [[ -f "$JAR" ]] || { echo "sdk-server: $JAR is missing; build the app first" >&2; exit 2; }
  local home port java pid key i
  home="$(mktemp -d -t ganboard-sdk-server-XXXXXX)"
  port="$(free_port)"
  java="$(find_java)"
  # shellcheck disable=SC2086
  GANBOARD_HOME="$home" GANBOARD_PORT="$port" GANBOARD_KAFKA_PORT=0 GANBOARD_ADMIN_PASSWORD=sdk-test-password \
    nohup "$java" --enable-native-access=ALL-UNNAMED -Xmx2g ${GANBOARD_TEST_JAVA_OPTS:-} -jar "$JAR" \
    >"$home/server.log" 2>&1 &
  pid=$!
  for i in $(seq 1 480); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "sdk-server: the server exited; its log:" >&2; tail -50 "$home/server.log" >&2; exit 1
    fi
    if [[ -s "$home/admin-api-key" ]]; then
      key="$(cat "$home/admin-api-key")"
      if /usr/bin/python3 - "http://127.0.0.1:$port/api/v1/me" "$key" 2>/dev/null <<'PY'
import sys, urllib.request
req = urllib.request.Request(sys.argv[1], headers={"Authorization": "Bearer " + sys.argv[2]})
urllib.request.urlopen(req, timeout=5).read()
PY
      then
        echo "export GANBOARD_TEST_URL=http://127.0.0.1:$port GANBOARD_TEST_API_KEY=$key"
        echo "export GANBOARD_TEST_SERVER_PID=$pid GANBOARD_TEST_HOME=$home"
        return
      fi
    fi
    sleep 0.25
  done
  kill "$pid" 2>/dev/null || true
  echo "sdk-server: not up after 120 s; see $home/server.log" >&2
  exit 1
}

stop() {
  local pid="${GANBOARD_TEST_SERVER_PID:-}" home="${GANBOARD_TEST_HOME:-}" i
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for i in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  if [[ -n "$home" && "$home" == */ganboard-sdk-server-* ]]; then rm -rf "$home"; fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop   (see the comment at the top)" >&2; exit 2 ;;
esac
