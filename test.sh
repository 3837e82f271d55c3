#!/usr/bin/env bash
# The whole test suite, as CI runs it: starts the loopback PostgreSQL the persistence tests use
# (installing it on a fresh Debian machine) and Debian's chromium for the web console's browser specs (installed
# when missing), then runs every test project.
#   ./test.sh                      everything
#   ./test.sh --filter Category!=Slow   any extra arguments go to `dotnet test`
set -euo pipefail
cd "$(dirname "$0")"

scripts/chromium.sh
export ACTORSYNC_TEST_POSTGRES="$(scripts/postgres.sh start)"
echo "PostgreSQL for tests: ${ACTORSYNC_TEST_POSTGRES%%;Username*}"

log="$(mktemp)"
set +e
dotnet test ActorSync.sln -c Release "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line across all projects, e.g. "Tests: 120 passed, 0 failed, 1 skipped".
awk '/(Passed|Failed)! +- Failed:/ {
       for (i = 1; i <= NF; i++) { gsub(",", "", $(i+1));
         if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit "$status"
