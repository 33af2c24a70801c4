#!/usr/bin/env bash
# ./test.sh   set up what is missing (as ./run.sh does, plus Chromium), build WritersRoom.sln once, run every
#             test project under tests/ and end with one line: "tests: N passed, N failed, N skipped".
#             Exits non-zero when anything failed. WR_TEST_TIMEOUT (default 15m) limits each test project;
#             extra arguments are passed to every test run (e.g. ./test.sh --filter-class 'X.*').
source "$(dirname "${BASH_SOURCE[0]}")/scripts/lib.sh"

wr_begin test
cd "$REPO"

external_pg=0
[[ -n ${ConnectionStrings__WritersRoom:-} ]] && external_pg=1

mapfile -t packages < <(wr_base_packages)
packages+=(libxml2-utils) # xmllint reads the TRX files
step "Check the .NET SDK" ensure_dotnet
step --hint "$APT_HINT" "Debian packages" ensure_apt "${packages[@]}"
step "Fonts" ensure_fonts
step "Chromium and ChromeDriver" ensure_chromium
step "nginx (load balancer of the scale-out test)" ensure_nginx
if ((external_pg)); then
  echo "==> PostgreSQL: using ConnectionStrings__WritersRoom (no private cluster)"
else
  step --hint "$PGVECTOR_HINT" "pgvector for PostgreSQL $PG_MAJOR" ensure_pgvector
  step "PostgreSQL cluster on 127.0.0.1:$WR_PG_PORT" ensure_cluster
fi
if [[ -n ${WR_TEST_REDIS:-} ]]; then
  echo "==> Redis: using WR_TEST_REDIS=$WR_TEST_REDIS"
else
  step "Redis on 127.0.0.1:$WR_REDIS_PORT" ensure_redis
fi
step "npm packages (WritersRoom.Web/ClientApp)" ensure_node_modules "$REPO/WritersRoom.Web/ClientApp"
step "dotnet local tools" ensure_dotnet_tools
build_solution() { cd "$REPO" && dotnet build WritersRoom.sln -c Debug -tl:off -nologo; }
step --hint "fix the compile errors above (full log in .data/logs/test/), then run ./test.sh again." \
  "Build WritersRoom.sln (Debug)" build_solution
echo "set-up and build done in $(wr_elapsed)"

# ------------------------------------------------------------------------------- what the tests get
WR_TEST_PG="${WR_TEST_PG:-$(wr_test_pg_connection)}"
WR_TEST_REDIS="${WR_TEST_REDIS:-127.0.0.1:$WR_REDIS_PORT}"
WR_CHROMIUM="${WR_CHROMIUM:-/usr/bin/chromium}"
WR_REPO="$REPO"
export WR_TEST_PG WR_TEST_REDIS WR_CHROMIUM WR_REPO
if [[ -z ${WR_FIXTURES:-} && -d $REPO/../shared/fixtures ]]; then
  WR_FIXTURES="$(cd "$REPO/../shared/fixtures" && pwd -P)"
fi
[[ -n ${WR_FIXTURES:-} ]] && export WR_FIXTURES

# ---------------------------------------------------------------------------------------- the tests
results="$REPO/TestResults"
rm -rf "$results"
mkdir -p "$results"

# _count TRX XPATH-PREDICATE: number of test results in TRX matching the predicate on @outcome.
_count() {
  xmllint --xpath "count(//*[local-name()='UnitTestResult']$2)" "$1" 2>/dev/null || echo 0
}

total_passed=0 total_failed=0 total_skipped=0 broken=0
shopt -s nullglob
projects=(tests/*/*.csproj)
((${#projects[@]} > 0)) || echo "note: no test projects under tests/"
for csproj in "${projects[@]}"; do
  name=$(basename "$csproj" .csproj)
  # Shared helpers (tests/WritersRoom.TestSupport) are libraries, not test projects.
  grep -q '<IsTestProject>false</IsTestProject>' "$csproj" && continue
  out="$results/$name"
  log="$WR_LOGS/test-$name.log"
  t0=$(_now_ms)
  set +e
  timeout -k 30s "${WR_TEST_TIMEOUT:-15m}" \
    dotnet test --project "$csproj" -c Debug --no-build --no-ansi --no-progress \
    --results-directory "$out" --report-xunit-trx --report-xunit-trx-filename "$name.trx" \
    "$@" </dev/null >"$log" 2>&1
  rc=$?
  set -e
  dt=$(_secs $(($(_now_ms) - t0)))
  trx="$out/$name.trx"
  passed=0 failed=0 skipped=0 total=0
  if [[ -f $trx ]]; then
    total=$(_count "$trx" "")
    passed=$(_count "$trx" "[@outcome='Passed' or @outcome='PassedButRunAborted']")
    failed=$(_count "$trx" "[@outcome='Failed' or @outcome='Error' or @outcome='Timeout' or @outcome='Aborted']")
    skipped=$((total - passed - failed))
  fi
  status=ok
  if ((rc == 8 && total == 0)); then
    status="no tests"
  elif ((rc != 0)) || [[ ! -f $trx ]]; then
    status="FAILED (exit code $rc)"
    ((rc == 124)) && status="TIMED OUT after ${WR_TEST_TIMEOUT:-15m}"
    # A crash, a timeout or a missing report counts as one failure, so the total never hides it.
    ((failed > 0)) || failed=1
    broken=1
  fi
  printf '    %-32s passed=%d failed=%d skipped=%d  %s (%s)\n' "$name" "$passed" "$failed" "$skipped" "$status" "$dt"
  if [[ $status != ok && $status != "no tests" ]]; then
    if [[ -f $trx ]]; then
      # Name and first message line of each failed test.
      xmllint --xpath "//*[local-name()='UnitTestResult'][@outcome='Failed' or @outcome='Error' or @outcome='Timeout' or @outcome='Aborted']/@testName" "$trx" 2>/dev/null |
        sed -E 's/^ *testName="(.*)"$/      failed: \1/' | head -n 30 || true
    fi
    echo "      last lines of $log:"
    tail -n 25 "$log" | sed 's/^/      | /'
  fi
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
  total_skipped=$((total_skipped + skipped))
done

echo "TRX reports: $results/<project>/<project>.trx; logs: $WR_LOGS; total time $(wr_elapsed)"
echo "tests: $total_passed passed, $total_failed failed, $total_skipped skipped"
if ((broken || total_failed > 0)); then exit 1; fi
exit 0
