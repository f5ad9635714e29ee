#!/usr/bin/env bash
# Compiles battle-api with its test sources (where the load drivers live) and writes their runtime
# classpath to battle-api/target/test-classpath.txt, for the bench/*.sh scripts.
# Online, so that it works on a fresh machine: Maven fetches what the local repository lacks. The
# dependency plugin is the version Spring Boot's parent manages (no version pinned here), and
# -pl … -am makes sibling modules resolve to their target/classes, never to ~/.m2.
# Add -o yourself (BENCH_MAVEN_OPTS=-o) on a machine whose local repository is known to be warm.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q ${BENCH_MAVEN_OPTS:-} -pl battle-api -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
