#!/usr/bin/env bash
# Pharmacogenomics throughput and single-sample latency of `permed pgx call` (issue 4), against PharmCAT's
# figures measured on these machines (PharmCAT cannot be installed here: it is not in Maven Central or Debian):
#   one sample, start-up included: about 5–6 s CPU; each further sample in a warm batch: about 0.06 s CPU, and
#   PharmCAT re-reads the VCF for each sample.
# Targets: one sample from the command line, JVM start included, under 2 s wall; throughput on a multi-sample
# VCF at least 10x PharmCAT's.
#   bench/pgx.sh [--samples N] [--repeat R] [--work DIR]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
samples=2504; repeat=5; work=""
while [ $# -gt 0 ]; do
  case "$1" in
    --samples) samples="$2"; shift 2 ;;
    --repeat) repeat="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
if [ -z "$work" ]; then work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT; fi
mkdir -p "$work"
"$here/permed" --version >/dev/null   # builds on first use; not measured
export PERMED_SKIP_BUILD=1

single="$here/capability/permed-pgx/src/test/resources/conformance/vcf/pharmcat/examples/pharmcat.example.vcf.gz"
multi="$work/pgx-$samples.vcf.gz"
if [ ! -f "$multi" ]; then
  python3 - "$here/bench/data/pharmcat-100samples.vcf.bgz" "$multi" "$samples" <<'PY'
import gzip, sys
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
with gzip.open(src, "rt") as f, gzip.open(dst, "wt", compresslevel=6) as out:
    for line in f:
        if line.startswith("##"):
            out.write(line); continue
        cols = line.rstrip("\n").split("\t")
        fixed, calls = cols[:9], cols[9:]
        if line.startswith("#"):
            names = ["S%05d" % (i + 1) for i in range(n)]
            out.write("\t".join(fixed + names) + "\n")
        else:
            out.write("\t".join(fixed + [calls[i % len(calls)] for i in range(n)]) + "\n")
PY
fi

measure() {   # label, then the command; prints wall and CPU seconds
  local label="$1"; shift
  /usr/bin/time -f "%e %U %S" -o "$work/time.txt" "$@" >"$work/out.log" 2>"$work/err.log" || { cat "$work/err.log"; exit 1; }
  read -r wall user sys <"$work/time.txt"
  printf '%-34s wall %6.2f s   cpu %6.2f s\n' "$label" "$wall" "$(echo "$user + $sys" | bc -l)"
  echo "$wall $(echo "$user + $sys" | bc -l)" >>"$work/$label.txt"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
rm -f "$work"/*.txt
for i in $(seq 1 "$repeat"); do
  rm -rf "$work/out1"
  measure single "$here/permed" pgx call "$single" --out "$work/out1"
done
rm -rf "$work/outN"
measure multi "$here/permed" pgx call "$multi" --out "$work/outN"
files=$(find "$work/outN" -name '*.pgx.json' | wc -l)
[ "$files" -eq "$samples" ] || { echo "expected $samples results, found $files"; exit 1; }

med() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
single_wall=$(awk '{print $1}' "$work/single.txt" | med)
single_cpu=$(awk '{print $2}' "$work/single.txt" | med)
read -r multi_wall multi_cpu <"$work/multi.txt"
pharmcat_cpu=$(echo "5.5 + 0.06 * ($samples - 1)" | bc -l)
echo
echo "one sample (pharmcat.example.vcf, median of $repeat): wall $single_wall s (target < 2 s), cpu $single_cpu s;"
echo "  PharmCAT about 5.5 s cpu: ratio $(echo "$single_cpu / 5.5" | bc -l | cut -c1-5)"
echo "$samples samples in one file: wall $multi_wall s, cpu $multi_cpu s, $(echo "$multi_cpu * 1000 / $samples" | bc -l | cut -c1-6) ms cpu per sample"
echo "  PharmCAT model 5.5 s + 0.06 s x $((samples - 1)) = $(printf '%.1f' "$pharmcat_cpu") s cpu: permed is $(echo "$pharmcat_cpu / $multi_cpu" | bc -l | cut -c1-5)x faster (target >= 10x)"
