#!/usr/bin/env bash
# Live battles: snapshot + ranking of 100 agents (or each size of -Dbench.live.agents) per clock tick, through Axon + PostgreSQL (docs/benchmarks.md).
# Starts the real application in the driver's JVM on a fresh temp data dir (embedded PostgreSQL),
# or on BATTLES_DB_URL (+ BATTLES_DB_USER / BATTLES_DB_PASSWORD) if set.
# Extra arguments go to the JVM, e.g. -Dbench.ticks=120, -Dbench.live.agents=10,100,1000 (default 100). Set BENCH_SKIP_BUILD=1 to reuse the last build.
exec "$(dirname "$0")/run-driver.sh" LiveSnapshotLoadDriver "$@"
