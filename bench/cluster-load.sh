#!/usr/bin/env bash
# One node vs three on one PostgreSQL: live own-wallet orders and historical battles with the
# clients spread round robin over the nodes (docs/benchmarks.md, "Several nodes: one vs three").
# Unlike the other drivers this one runs the packaged server (battle-api/target/battle-api.jar) in
# a JVM per node, so the build packages it as well (online, as bench/build-classpath.sh; set
# BENCH_MAVEN_OPTS=-o on a warm machine). Each ring size gets a fresh embedded PostgreSQL, or a
# fresh database on the server of BATTLES_DB_URL (+ BATTLES_DB_USER / BATTLES_DB_PASSWORD; the
# user needs CREATEDB). Extra arguments go to the driver's JVM, e.g. -Dbench.nodes=1,2,3
# -Dbench.agents=40 -Dbench.agent.orders=150 -Dbench.warmup.orders=20 -Dbench.battles=4 -Dbench.batch.steps=6000
# -Dbench.single.steps=300 -Dbench.node.heap=768m -Dbench.data=/path/to/shared/data.
# Set BENCH_SKIP_BUILD=1 to reuse the last build.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${BENCH_SKIP_BUILD:-}" != 1 ]]; then
  ./mvnw -B -q ${BENCH_MAVEN_OPTS:-} -pl battle-api -am package -DskipTests
  bench/build-classpath.sh
fi
jar="$PWD/battle-api/target/battle-api.jar"
if [[ ! -f "$jar" ]]; then
  echo "no server jar at $jar: run without BENCH_SKIP_BUILD=1 once" >&2
  exit 2
fi
BENCH_SKIP_BUILD=1 exec bench/run-driver.sh ClusterLoadDriver -Dbench.server.jar="$jar" "$@"
