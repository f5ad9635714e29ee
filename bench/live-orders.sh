#!/usr/bin/env bash
# Live trading: market orders on the agents' own wallets (1 agent, then 40 at once) and append -> every projection (docs/benchmarks.md).
# Starts the real application in the driver's JVM on a fresh temp data dir (embedded PostgreSQL),
# or on BATTLES_DB_URL (+ BATTLES_DB_USER / BATTLES_DB_PASSWORD) if set.
# Extra arguments go to the JVM, e.g. -Dbench.orders=5000 -Dbench.agents=40 -Dbench.agent.orders=250 -Dbench.appends=300 -Dbench.warmup.seconds=60. Set BENCH_SKIP_BUILD=1 to reuse the last build.
exec "$(dirname "$0")/run-driver.sh" LiveOrderLoadDriver "$@"
