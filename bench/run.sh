#!/usr/bin/env bash
# Runs one benchmark against the suite started with ./crm up: bench/run.sh customers|complaints|analytics|gateway
set -euo pipefail
cd "$(dirname "$0")/.."
jar=$(ls bench/target/bench-*.jar 2>/dev/null | head -n1 || true)
if [[ -z "$jar" || -n "$(find bench/src -newer "$jar" -type f -print -quit)" ]]; then
  ./mvnw -q -B package -DskipTests -pl bench -am >/dev/null
  jar=$(ls bench/target/bench-*.jar | head -n1)
fi
exec java ${BENCH_JAVA_OPTS:-} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -jar "$jar" "$@"
