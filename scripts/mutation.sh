#!/usr/bin/env bash
# Mutation testing (Stryker.NET, a local dotnet tool: .config/dotnet-tools.json) over the pure projects, each with its
# own tests (issue 16). Reports (HTML and JSON) go to artifacts/mutation/<project>/, which git ignores.
#
#   scripts/mutation.sh [domain|channels|servicelayer|all]          every mutant of the project(s) (default: all)
#   scripts/mutation.sh --since <commit> [--break <pct>] [project]  only the mutants in source files changed since
#                                                                   <commit>; exits non-zero when a project's score
#                                                                   on them is below <pct> (default 85); exits 0 at
#                                                                   once when no mutable file changed
#   --concurrency <n>   test runners in parallel (default 2)
#
# Each project's configuration is the stryker-config.json beside its tests (equivalent mutants are excluded there or
# with "// Stryker disable once <Mutator> : <reason>" in the source, always with the reason).
set -euo pipefail
cd "$(dirname "$0")/.."

since=""
break_at=85
concurrency=2
targets=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --since) since="${2:?--since needs a commit}"; shift 2 ;;
    --break) break_at="${2:?--break needs a percentage}"; shift 2 ;;
    --concurrency) concurrency="${2:?--concurrency needs a number}"; shift 2 ;;
    domain|channels|servicelayer) targets+=("$1"); shift ;;
    all) targets+=(domain channels servicelayer); shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "mutation: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[[ ${#targets[@]} -gt 0 ]] || targets=(domain channels servicelayer)

# project name -> source folder, test folder
source_dir() { case "$1" in domain) echo src/ActorSync.Domain ;; channels) echo src/ActorSync.Channels ;; servicelayer) echo src/ActorSync.ServiceLayer ;; esac; }
test_dir() { case "$1" in domain) echo tests/ActorSync.Domain.Tests ;; channels) echo tests/ActorSync.Channels.Tests ;; servicelayer) echo tests/ActorSync.ServiceLayer.Tests ;; esac; }
# The Service Layer client is mostly transport; only its pure parts are mutated (its stryker-config.json says which).
in_scope() {
  case "$1" in
    servicelayer) [[ "$2" == src/ActorSync.ServiceLayer/Errors/* || "$2" == src/ActorSync.ServiceLayer/Batching/BatchResponseReader.cs ]] ;;
    *) true ;;
  esac
}

if [[ -n "$since" ]]; then
  git rev-parse --verify --quiet "$since^{commit}" >/dev/null || { echo "mutation: '$since' is not a commit here" >&2; exit 2; }
fi

tool_ready=0
results=()
status=0
for project in "${targets[@]}"; do
  src=$(source_dir "$project")
  tests=$(test_dir "$project")
  args=()
  if [[ -n "$since" ]]; then
    mapfile -t changed < <(git diff --name-only --diff-filter=AMR "$since" -- "$src" | grep -E '\.cs$' || true)
    files=()
    for f in "${changed[@]}"; do in_scope "$project" "$f" && files+=("$f"); done
    if [[ ${#files[@]} -eq 0 ]]; then
      results+=("$project: no mutable file changed since $since")
      continue
    fi
    for f in "${files[@]}"; do args+=(--mutate "**/${f#"$src"/}"); done
    args+=(--break-at "$break_at")
  fi

  if [[ $tool_ready -eq 0 ]]; then
    dotnet tool restore >/dev/null
    tool_ready=1
  fi
  out="$PWD/artifacts/mutation/$project"
  rm -rf "$out"
  mkdir -p "$out"
  echo "mutation: $project (${args[*]:-every file})"
  set +e
  (cd "$tests" && dotnet stryker --concurrency "$concurrency" --output "$out" "${args[@]}") 2>&1 | tee "$out/stryker.log"
  code=${PIPESTATUS[0]}
  set -e
  score=$(grep -o 'The final mutation score is [0-9.]* %' "$out/stryker.log" | tail -1 | grep -o '[0-9.]* %' || true)
  html=$(find "$out" -name 'mutation-report.html' | head -1)
  results+=("$project: ${score:-no score} (report ${html:-missing})")
  if [[ $code -ne 0 ]]; then
    status=1
    results+=("$project: FAILED (exit $code$([[ -n "$since" ]] && echo ", break at $break_at %"))")
  fi
done

echo
echo "Mutation scores (killed + timeout over all tested and uncovered mutants):"
printf '  %s\n' "${results[@]}"
exit $status
