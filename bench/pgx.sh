#!/usr/bin/env bash
# Pharmacogenomics throughput and single-sample latency of `permed pgx call` (issue 4), against PharmCAT's
# figures measured on these machines (PharmCAT cannot be installed here: it is not in Maven Central or Debian):
#   one sample, start-up included: about 5–6 s CPU; each further sample in a warm batch: about 0.06 s CPU, and
#   PharmCAT re-reads the VCF for each sample.
# Targets: one sample from the command line, JVM start included, under 2 s wall; throughput on a multi-sample
# VCF at least 10x PharmCAT's.
#   bench/pgx.sh [--samples N] [--repeat R] [--batch-repeat B] [--work DIR] [--baseline LAUNCHER] [--mixed]
# The batch file is PharmCAT's 100-sample test file widened to N samples by repeating its columns, so it holds 100
#   distinct genotype sets. --mixed instead draws every record of every sample from a random column (seed 42): nearly
#   every sample is then unique at every gene with several variant sites, far more diverse than a real cohort (a stress
#   test of the per-gene memos, not a realistic one).
# --repeat: single-sample runs (median); --batch-repeat: runs of the whole file (median).
# --baseline LAUNCHER: also run LAUNCHER (a script taking permed's arguments, e.g. the app jar with an older pgx jar
#   first on the class path), alternating with the current launcher run by run, so that both see the same machine.
# PERMED_LAUNCHER=PATH drives another launcher than ./permed (e.g. when the app module cannot be rebuilt: a script
#   running the app jar with the current permed-pgx jar first on the class path).
# Every batch run writes into a new directory; the outputs are deleted only at the end. On a file system without a
#   journal (ext4 as on the build machines), creating files right after deleting thousands costs the kernel a scan of
#   the recently freed inodes per new file, which would charge the run for the previous run's clean-up.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
samples=2504; repeat=5; batch_repeat=1; work=""; baseline=""; mixed=0
while [ $# -gt 0 ]; do
  case "$1" in
    --samples) samples="$2"; shift 2 ;;
    --repeat) repeat="$2"; shift 2 ;;
    --batch-repeat) batch_repeat="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --baseline) baseline="$2"; shift 2 ;;
    --mixed) mixed=1; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
if [ -z "$work" ]; then work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT; fi
mkdir -p "$work"
permed="${PERMED_LAUNCHER:-$here/permed}"
"$permed" --version >/dev/null   # builds on first use; not measured
export PERMED_SKIP_BUILD=1

single="$here/capability/permed-pgx/src/test/resources/conformance/vcf/pharmcat/examples/pharmcat.example.vcf.gz"
suffix=""; if [ "$mixed" = 1 ]; then suffix="-mixed"; fi
multi="$work/pgx-$samples$suffix.vcf.gz"
if [ ! -f "$multi" ]; then
  python3 - "$here/bench/data/pharmcat-100samples.vcf.bgz" "$multi" "$samples" "$mixed" <<'PY'
import gzip, random, sys
src, dst, n, mixed = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1"
random.seed(42)
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
            pick = [random.randrange(len(calls)) for i in range(n)] if mixed else [i % len(calls) for i in range(n)]
            out.write("\t".join(fixed + [calls[k] for k in pick]) + "\n")
PY
fi

measure() {   # label, then the command; prints wall and CPU seconds
  local label="$1"; shift
  /usr/bin/time -f "%e %U %S" -o "$work/time.txt" "$@" >"$work/out.log" 2>"$work/err.log" || { cat "$work/err.log"; exit 1; }
  read -r wall user sys <"$work/time.txt"
  printf '%-18s wall %6.2f s   cpu %6.2f s (user %5.2f, sys %5.2f)   load %s\n' "$label" "$wall" "$(echo "$user + $sys" | bc -l)" \
    "$user" "$sys" "$(cut -d' ' -f1 /proc/loadavg)"
  echo "$wall $(echo "$user + $sys" | bc -l)" >>"$work/$label.txt"
}

batch() {   # label, launcher: one run over the whole file into a new directory, checked
  local label="$1" launcher="$2" out="$work/out-$1-$3"
  measure "$label" "$launcher" pgx call "$multi" --out "$out"
  local files
  files=$(find "$out" -name '*.pgx.json' | wc -l)
  [ "$files" -eq "$samples" ] || { echo "$label: expected $samples results, found $files"; exit 1; }
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1); $(date -u '+%Y-%m-%d %H:%M UTC'); load $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$work"/*.txt "$work"/out-*
for i in $(seq 1 "$repeat"); do
  rm -rf "$work/out1"
  measure single "$permed" pgx call "$single" --out "$work/out1"
done
for i in $(seq 1 "$batch_repeat"); do
  batch multi "$permed" "$i"
  if [ -n "$baseline" ]; then batch baseline "$baseline" "$i"; fi
done
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$work"/out-*

med() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
single_wall=$(awk '{print $1}' "$work/single.txt" | med)
single_cpu=$(awk '{print $2}' "$work/single.txt" | med)
pharmcat_cpu=$(echo "5.5 + 0.06 * ($samples - 1)" | bc -l)
echo
echo "one sample (pharmcat.example.vcf, median of $repeat): wall $single_wall s (target < 2 s), cpu $single_cpu s;"
echo "  PharmCAT about 5.5 s cpu: ratio $(echo "$single_cpu / 5.5" | bc -l | cut -c1-5)"
for label in multi baseline; do
  [ -f "$work/$label.txt" ] || continue
  multi_wall=$(awk '{print $1}' "$work/$label.txt" | med)
  multi_cpu=$(awk '{print $2}' "$work/$label.txt" | med)
  name="permed"; if [ "$label" = baseline ]; then name="baseline ($baseline)"; fi
  echo "$name, $samples samples in one file (median of $batch_repeat): wall $multi_wall s, cpu $multi_cpu s," \
    "$(echo "$multi_cpu * 1000 / $samples" | bc -l | cut -c1-6) ms cpu per sample"
  echo "  PharmCAT model 5.5 s + 0.06 s x $((samples - 1)) = $(printf '%.1f' "$pharmcat_cpu") s cpu:" \
    "$(echo "$pharmcat_cpu / $multi_cpu" | bc -l | cut -c1-5)x less cpu (target >= 10x)"
done
