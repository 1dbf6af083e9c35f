#!/usr/bin/env bash
# Measures how long `./permed serve --demo` takes from process start until /ready answers 200,
# embedded PostgreSQL included: once on a fresh data directory (initdb, migrations, demo data)
# and then on warm restarts of the same directory. Also measures the SIGTERM shutdown time.
# Target (issue 2): under 5 s after the build.
#   bench/ready-time.sh [RESTARTS]     (default 5)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
restarts="${1:-5}"
"$here/permed" --version >/dev/null            # builds on first use; not part of the measurement
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"

now_ms() { date +%s%3N; }

run_once() {
  local label="$1" start ready pid stop_start stop_end
  start=$(now_ms)
  PERMED_SKIP_BUILD=1 "$here/permed" serve --demo --port "$port" --data "$work/data" >"$work/out.log" 2>"$work/err.log" &
  pid=$!
  for _ in $(seq 1 600); do
    if curl -fs "http://127.0.0.1:$port/ready" >/dev/null 2>&1; then break; fi
    if ! kill -0 "$pid" 2>/dev/null; then echo "permed exited early:"; cat "$work/err.log"; exit 1; fi
    sleep 0.02
  done
  ready=$(now_ms)
  stop_start=$(now_ms); kill -TERM "$pid"; wait "$pid" || true; stop_end=$(now_ms)
  printf '%-8s ready %6d ms   stop %5d ms\n' "$label" $((ready - start)) $((stop_end - stop_start))
  echo $((ready - start)) >>"$work/$2"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
run_once cold cold.txt
for i in $(seq 1 "$restarts"); do run_once "warm-$i" warm.txt; done
median=$(sort -n "$work/warm.txt" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "cold start (fresh data directory): $(cat "$work/cold.txt") ms"
echo "warm restart median of $restarts: $median ms   (target: under 5000 ms)"
