#!/usr/bin/env bash
# Issue 7 targets: a single-variant count query over HTTP with 64 concurrent clients — p99 at most 5 ms and at least
# 10,000 requests/s on 2 cores — and in-process lookups under 1 ms. Starts `./permed serve --demo` (the 1000 Genomes
# chr22 cohort, 2,504 samples, GRCh37), waits until the frequency register has counted, and runs wrk (Debian's
# package, installed here if missing) against:
#   1. /beacon/g_variants, a count-granularity sequence query (the Beacon's hot path), anonymous (public tier)
#   2. /api/frequencies/{variant}, the register's JSON line, anonymous (public tier)
# The query budgets are raised for the run (beacon.privacy), otherwise one client would get 429 after 1,000 queries:
# the benchmark measures the server, not the budget. wrk runs on the same 2 cores as permed, so the figures are a
# lower bound of what a separate load generator would see.
#   bench/beacon.sh [SECONDS] [CONNECTIONS]      (defaults 20 and 64)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-20}"
connections="${2:-64}"
if ! command -v wrk >/dev/null; then
  echo "installing wrk from Debian's packages"; (apt-get install -y wrk >/dev/null 2>&1 || sudo apt-get install -y wrk >/dev/null)
fi
"$here/permed" --version >/dev/null            # builds on first use; not part of the measurement
work="$(mktemp -d)"; trap 'kill "$pid" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
big=100000000
PERMED_BEACON_PRIVACY="beacon.public.query-budget=$big,beacon.registered.query-budget=$big" \
  PERMED_SKIP_BUILD=1 "$here/permed" serve --demo --port "$port" --data "$work/data" >"$work/out.log" 2>"$work/err.log" &
pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 900); do
  if curl -fs "$base/api/frequencies" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then echo "permed exited early:"; tail -20 "$work/err.log"; exit 1; fi
  sleep 0.1
done
beacon="$base/beacon/g_variants?assemblyId=GRCh37&referenceName=22&start=16054739&referenceBases=A&alternateBases=G&requestedGranularity=count"
frequency="$base/api/frequencies/22-16054740-A-G?assembly=GRCh37"
for url in "$beacon" "$frequency"; do
  code=$(curl -s -o "$work/body.json" -w '%{http_code}' "$url")
  if [ "$code" != 200 ]; then echo "warm-up request to $url answered $code:"; cat "$work/body.json"; exit 1; fi
done
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1), $(wrk --version 2>&1 | head -1 | cut -c1-40)"
run() {
  local label="$1" url="$2"
  wrk -t2 -c"$connections" -d5s "$url" >/dev/null            # JIT warm-up, not measured
  wrk -t2 -c"$connections" -d"${seconds}s" --latency "$url" >"$work/wrk.txt"
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/{print $2}' "$work/wrk.txt")
  p50=$(awk '$1=="50%"{print $2}' "$work/wrk.txt")
  p99=$(awk '$1=="99%"{print $2}' "$work/wrk.txt")
  errors=$(awk '/Non-2xx/{print $5}' "$work/wrk.txt"); errors=${errors:-0}
  printf '%-44s %10s req/s   p50 %8s   p99 %8s   non-2xx %s\n' "$label" "$rps" "$p50" "$p99" "$errors"
}
echo "wrk -t2 -c$connections -d${seconds}s, anonymous (public tier):"
run "/beacon/g_variants (count, one variant)" "$beacon"
run "/api/frequencies/{variant}" "$frequency"
echo "targets: at least 10000 req/s, p99 at most 5 ms"
kill -TERM "$pid"; wait "$pid" || true
echo "in-process lookup (permed freq lookup --repeat, same demo data directory):"
PERMED_SKIP_BUILD=1 "$here/permed" freq lookup --data "$work/data" --repeat 100000 GRCh37-22-16054740-A-G | tail -1
