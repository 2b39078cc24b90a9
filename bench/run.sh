#!/usr/bin/env bash
# Runs one benchmark against the suite started with ./crm up; prints the figures.
#   bench/run.sh customers | complaints | analytics | intake | gateway | proxies
#   (proxies: the gateway beside nginx, which it starts itself; Debian: apt-get install -y nginx-light wrk)
#   BENCH_JAVA_OPTS="-Dthreads=16 -Dcalls=10000" bench/run.sh gateway   (pins processes to CPUs with taskset for a while)
#   BENCH_JAVA_OPTS="-Drates=300,600,1000 -Dseconds=20 -Dconnections=200" bench/run.sh intake   (open loop, fixed rates)
#   BENCH_JAVA_OPTS="-Dparts=drain -Dbacklog=50000" bench/run.sh analytics   (parts: rates,drain,query, all by default)
# (bench/startup.sh measures the suite's time to ready and memory.)
set -euo pipefail
cd "$(dirname "$0")/.."
jar=$(ls bench/target/bench-*.jar 2>/dev/null | head -n1 || true)
if [[ -z "$jar" || -n "$(find bench/src -newer "$jar" -type f -print -quit)" ]]; then
  ./mvnw -q -B package -DskipTests -pl bench -am >/dev/null
  jar=$(ls bench/target/bench-*.jar | head -n1)
fi
if [[ ( "${1:-}" == gateway || "${1:-}" == proxies || "${1:-}" == intake ) && -z "${CRM_BENCH_API_KEY:-}" ]]; then
  ./crm keys revoke bench-admin >/dev/null 2>&1 || true
  CRM_BENCH_API_KEY=$(./crm keys create --client bench-admin --role admin | sed -n 2p)
  export CRM_BENCH_API_KEY
  sleep 1.5 # the gateway re-reads the key file every second
fi
# shellcheck disable=SC2086
exec java ${BENCH_JAVA_OPTS:-} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -jar "$jar" "$@"
