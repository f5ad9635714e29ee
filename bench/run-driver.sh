#!/usr/bin/env bash
# bench/run-driver.sh <DriverClass> [JVM options…] — builds the load drivers' classpath
# (bench/build-classpath.sh; skipped with BENCH_SKIP_BUILD=1) and runs one driver of
# com.agentbattles.api.bench in a JVM of its own: the one way every bench/*.sh starts its driver.
set -euo pipefail
cd "$(dirname "$0")/.."
driver="$1"
shift
if [[ "${BENCH_SKIP_BUILD:-}" != 1 ]]; then
  bench/build-classpath.sh
fi
exec java -Xms1g -Xmx1g "$@" \
  -cp "battle-api/target/test-classes:battle-api/target/classes:$(cat battle-api/target/test-classpath.txt)" \
  "com.agentbattles.api.bench.$driver"
