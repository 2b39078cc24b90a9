#!/usr/bin/env bash
# Faults under load, then a check that nothing acknowledged was lost or counted twice (exit 1 if it was).
#   bench/faults.sh          2 replicas per service; each replica killed (SIGKILL) and restarted, twice round;
#                            then Kafka, MongoDB and PostgreSQL stopped 20 s each (./crm infra stop|start)
#   bench/faults.sh kills=1 stop:mongodb=120 reject:kafka=60 drop:postgresql=60 kill:complaint-service#2=10
#                            chosen faults; reject:SERVER (connections reset) and drop:SERVER (packets lost, as in a
#                            network partition) need root and iptables (apt-get install -y iptables)
# Starts the suite itself (FAULTS_REPLICAS, default 2) on a fresh data directory (.crm/faults-data), with a
# 60-second SLA target so warnings and breaches happen during the run; stops it afterwards unless
# FAULTS_KEEP_RUNNING=1.
set -euo pipefail
cd "$(dirname "$0")/.."
export CRM_DATA_DIR="${CRM_DATA_DIR:-$PWD/.crm/faults-data}"
export CRM_SLA_DEFAULT_TARGET="${CRM_SLA_DEFAULT_TARGET:-PT60S}"
if [[ " $* " == *" reject:"* || " $* " == *" drop:"* ]] && ! command -v iptables >/dev/null; then
  echo "reject:SERVER and drop:SERVER faults need iptables (apt-get install -y iptables) and root" >&2
  exit 2
fi
./crm down >/dev/null
rm -rf "$CRM_DATA_DIR"
./crm up --replicas "${FAULTS_REPLICAS:-2}"
jar=$(ls bench/target/bench-*.jar 2>/dev/null | head -n1 || true)
if [[ -z "$jar" || -n "$(find bench/src -newer "$jar" -type f -print -quit)" ]]; then
  ./mvnw -q -B package -DskipTests -pl bench -am >/dev/null
  jar=$(ls bench/target/bench-*.jar | head -n1)
fi
./crm keys revoke faults-admin >/dev/null 2>&1 || true
CRM_BENCH_API_KEY=$(./crm keys create --client faults-admin --role admin | sed -n 2p)
export CRM_BENCH_API_KEY
sleep 1.5 # the gateway re-reads the key file every second
status=0
java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.org.apache.kafka=error -jar "$jar" faults "$@" || status=$?
if [[ "${FAULTS_KEEP_RUNNING:-0}" != 1 ]]; then ./crm down >/dev/null; fi
exit $status
