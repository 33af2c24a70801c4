#!/usr/bin/env bash
# ./bench.sh [options]   the reference benchmark of shared/design/PERFORMANCE.md: seeds the data set (once), then runs
#                        the reference workload through the app's own services against PostgreSQL and a loopback
#                        model with fixed latencies; writes bench-results/report.json and prints a Markdown table.
#   --short              CI's mode: a few seconds, two scripts
#   --seed-scenario      the first incident's shape (one 148-scene script, many attaches while chats run),
#                        printed beside the incident's numbers
#   --warmup 45s         unmeasured load first, until the JIT has settled (default 45 s)
#   --duration 60s --writers 50 --chats 10 --scripts 100 --scenes 15000   the reference workload's defaults
#   --connection "Host=…;Database=…"   any PostgreSQL with pgvector (default: this checkout's cluster, database
#                        writersroom_bench, created on first use)
#   --out DIR            where report.json goes (default bench-results)
source "$(dirname "${BASH_SOURCE[0]}")/scripts/lib.sh"

case ${1:-} in
  -h | --help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac

wr_begin bench
cd "$REPO"

given_connection=0
for arg in "$@"; do [[ $arg == --connection ]] && given_connection=1; done

mapfile -t packages < <(wr_base_packages)
step "Check the .NET SDK" ensure_dotnet
if ((given_connection)); then
  echo "==> PostgreSQL: using --connection (no private cluster)"
elif [[ -n ${ConnectionStrings__WritersRoom:-} ]]; then
  echo "==> PostgreSQL: using ConnectionStrings__WritersRoom"
  # The benchmark gets its own database on that server; writersroom's data stays untouched.
  set -- --connection "$(wr_test_pg_connection | sed -E 's/Database=postgres/Database=writersroom_bench/')" "$@"
else
  step --hint "$APT_HINT" "Debian packages" ensure_apt "${packages[@]}"
  step --hint "$PGVECTOR_HINT" "pgvector for PostgreSQL $PG_MAJOR" ensure_pgvector
  step "PostgreSQL cluster on 127.0.0.1:$WR_PG_PORT" ensure_cluster
fi
# Release: the figures are for the code as shipped, not a debug build. Always asked for (the build stamp of
# lib.sh ignores tests/); dotnet's incremental build makes an unchanged one quick.
build_bench() { cd "$REPO" && dotnet build tests/WritersRoom.Benchmark/WritersRoom.Benchmark.csproj -c Release -tl:off -nologo; }
step "Build the benchmark (Release)" build_bench

commit=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n $(git -C "$REPO" status --porcelain --untracked-files=no 2>/dev/null) ]]; then commit="$commit+dirty"; fi
if [[ -z ${WR_FIXTURES:-} && -d $REPO/../shared/fixtures ]]; then
  WR_FIXTURES="$(cd "$REPO/../shared/fixtures" && pwd -P)"
  export WR_FIXTURES
fi
export WR_PG_PORT
echo "==> Benchmark (set-up took $(wr_elapsed))"
exec dotnet "$REPO/tests/WritersRoom.Benchmark/bin/Release/net10.0/WritersRoom.Benchmark.dll" --commit "$commit" "$@"
