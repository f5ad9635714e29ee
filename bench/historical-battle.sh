#!/usr/bin/env bash
# Historical battle throughput through Axon + PostgreSQL (docs/benchmarks.md).
# Starts the real application in the driver's JVM on a fresh temp data dir (embedded PostgreSQL),
# or on BATTLES_DB_URL (+ BATTLES_DB_USER / BATTLES_DB_PASSWORD) if set.
# Extra arguments go to the JVM, e.g. -Dbench.b.steps=5000 -Dbench.a.battles=2 -Dbench.c.restarts=5
# -Dbench.data=/path/to/shared/data. Set BENCH_SKIP_BUILD=1 to reuse the last build.
exec "$(dirname "$0")/run-driver.sh" HistoricalBattleLoadDriver "$@"
