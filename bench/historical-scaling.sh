#!/usr/bin/env bash
# How the cost of historical battles grows (docs/benchmarks.md "How the cost grows"): 1, 4, 16 battles at once
# (2 agents each) and 2, 10, 50 agents in one battle, each battle driven by a thread of its own, /step and step/batch.
# Starts the real application in the driver's JVM on a fresh temp data dir (embedded PostgreSQL),
# or on BATTLES_DB_URL (+ BATTLES_DB_USER / BATTLES_DB_PASSWORD) if set.
# Extra arguments go to the JVM, e.g. -Dbench.battles=1,4,16 -Dbench.agents=2,10,50 -Dbench.seconds=15
# -Dbench.data=/path/to/shared/data. Set BENCH_SKIP_BUILD=1 to reuse the last build.
exec "$(dirname "$0")/run-driver.sh" HistoricalScalingLoadDriver "$@"
