#!/usr/bin/env bash
# Prints the suite's time to ready (from built jars) and each process's resident memory.
# Usage: bench/startup.sh   (stops a running suite first; leaves the suite running afterwards)
set -euo pipefail
cd "$(dirname "$0")/.."
./crm down >/dev/null
./mvnw -q -B package -DskipTests >/dev/null   # jars up to date, so the timing below is start-up only
start=$(date +%s%3N)
./crm up >/tmp/crm-bench-up.log
end=$(date +%s%3N)
grep -E "ready in" /tmp/crm-bench-up.log | grep -v "since"
printf '\ntime to ready (./crm up, jars built): %.1f s\n\n' "$(echo "($end - $start) / 1000" | bc -l)"

rss_kb() { awk '/VmRSS/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
printf '%-20s %10s\n' PROCESS "RSS (MB)"
total=0
for name in infra-kafka infra-mongodb infra-postgresql customer-service complaint-service analytics-service gateway; do
  pid=$(cat ".crm/run/$name.pid")
  kb=$(rss_kb "$pid")
  if [[ $name == infra-postgresql ]]; then
    # PostgreSQL runs as child processes of its JVM
    pg=0
    for child in $(pgrep -f "postgres -D" || true); do pg=$((pg + $(rss_kb "$child"))); done
    printf '%-20s %10d\n' "infra-postgresql (JVM)" $((kb / 1024))
    printf '%-20s %10d\n' "postgres processes" $((pg / 1024))
    kb=$((kb + pg))
  else
    printf '%-20s %10d\n' "$name" $((kb / 1024))
  fi
  total=$((total + kb))
done
printf '%-20s %10d\n' total $((total / 1024))
