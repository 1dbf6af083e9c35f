#!/usr/bin/env bash
# Polygenic score benchmark: `permed prs` side by side with `plink2 --score` on the same VCF and scoring file.
#
# Input: a simulated cohort of --samples N (default 2,504) x --sites N (default 66,000) biallelic chr22 sites,
# `permed simulate` from the 10k chr22 1000 Genomes phase 3 file (GRCh37), and a scoring file generated from the
# simulated sites (PGS Catalog format 2.0: chr_name chr_position effect_allele other_allele effect_weight): every
# SNP at a position with one record that is not strand-ambiguous, so that permed, which drops A/T and C/G sites as pgsc_calc does, and plink2 score
# the same variants; the effect allele is REF or ALT at random, the weight normal(0, 0.01), fixed seed).
#
# Timed (wall clock and CPU, user + system, by /usr/bin/time; each command once per --repeat, alternating, the medians
# shown):
#   permed   ./permed prs --score S --vcf V --out F            (a whole JVM process: start, read, match, sum, write;
#            the launcher runs prs with -XX:TieredStopAtLevel=1 -XX:+UseSerialGC unless PERMED_JAVA_OPTS is set)
#   plink2   plink2 --vcf V --set-all-var-ids '@:#:$r:$a' --score S 1 2 3 header-read cols=+scoresums,+denom --threads T
#            (reads the same VCF; the score file names the variants chr:pos:ref:alt)
#   plink2/pgen  the same --score on a .pgen made beforehand (untimed --make-pgen): plink2's best case
# ratio = permed / plink2 (below 1: permed faster). Target (issue 8): permed <= plink2 on the VCF. The machine is
# shared: the load average before and after is printed, and CPU seconds are a steadier comparison than wall time.
# The sums are then compared (largest |permed - plink2| / max(|plink2|, 0.1)): a benchmark of wrong answers is useless.
#
# Usage: bench/prs.sh [--samples N] [--sites N] [--seed S] [--repeat R] [--threads T] [--work DIR] [--shared DIR]
# Needs plink2 (apt-get install -y plink2), awk, bc, /usr/bin/time, the 1000 Genomes chr22 file in ../shared/data/genotypes.
# PERMED_SKIP_BUILD=1 uses the jar as it is; PERMED_LAUNCHER=PATH drives another launcher than ./permed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

samples=2504; sites=66000; seed=7; repeat=3; threads=2; work=""; shared="$(cd "$here/.." && pwd)/shared/data"
while [ $# -gt 0 ]; do
  case "$1" in
    --samples) samples="$2"; shift 2 ;;
    --sites) sites="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --repeat) repeat="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --shared) shared="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

command -v plink2 >/dev/null || { echo "plink2 missing: apt-get install -y plink2" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time missing: apt-get install -y time" >&2; exit 2; }
panel="$shared/genotypes/10k.chr22.phase3_shapeit2_mvncall_integrated_v5.20130502.genotypes.vcf.gz"
[ -f "$panel" ] || { echo "reference panel $panel missing" >&2; exit 2; }
if [ -z "$work" ]; then work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT; fi
mkdir -p "$work"
permed="${PERMED_LAUNCHER:-$here/permed}"

vcf="$work/sim_${samples}x${sites}.vcf.gz"
if [ ! -f "$vcf" ]; then
  echo "simulating $samples samples x $sites sites into $vcf ..." >&2
  "$permed" simulate --reference "$panel" --samples "$samples" --sites "$sites" --seed "$seed" --out "$vcf" >&2
fi

score="$work/BENCH_score.txt"
# positions with several records (SNP and indel at one position) are left out: one row per position keeps the
# plink2 variant-ID lookup below exact
zcat "$vcf" | awk '/^#/ { next } { n[$1 ":" $2]++ } END { for (k in n) if (n[k] > 1) print k }' > "$work/duplicate_positions.txt"
zcat "$vcf" | awk -v dupfile="$work/duplicate_positions.txt" 'BEGIN { while ((getline line < dupfile) > 0) dup[line] = 1 }
  { if (!/^#/ && (($1 ":" $2) in dup)) next; print }' | awk -v seed="$seed" 'BEGIN { srand(seed); OFS = "\t";
    print "###PGS CATALOG SCORING FILE - see https://www.pgscatalog.org/downloads/#dl_ftp_scoring for additional information";
    print "#format_version=2.0"; print "#pgs_id=BENCH0001"; print "#pgs_name=bench_random";
    print "#trait_reported=Simulated trait"; print "#genome_build=GRCh37"; print "#variants_number=NA";
    print "chr_name", "chr_position", "effect_allele", "other_allele", "effect_weight" }
  /^#/ { next }
  { ref = $4; alt = $5
    if (length(ref) != 1 || length(alt) != 1) next
    pair = ref alt
    if (pair == "AT" || pair == "TA" || pair == "CG" || pair == "GC") next
    if ((($1 ":" $2) in seen)) next; seen[$1 ":" $2] = 1
    u1 = rand(); u2 = rand(); w = 0.01 * sqrt(-2 * log(u1 + 1e-12)) * cos(6.283185307179586 * u2)
    if (rand() < 0.5) print $1, $2, alt, ref, sprintf("%.6g", w); else print $1, $2, ref, alt, sprintf("%.6g", w) }' > "$score"
rows=$(grep -vc '^#' "$score"); rows=$((rows - 1))
echo "scoring file: $rows variants" >&2
[ "$rows" -ge 50000 ] || echo "warning: fewer than 50,000 score variants ($rows); raise --sites" >&2
# plink2's variant IDs are chr:pos:ref:alt (--set-all-var-ids), taken from the VCF by position (one row per position)
zcat "$vcf" | awk 'BEGIN { OFS = "\t" } /^#/ { next } { print $1 ":" $2, $1 ":" $2 ":" $4 ":" $5 }' > "$work/ids.tsv"
awk 'BEGIN { OFS = "\t" } FNR == NR { id[$1] = $2; next } /^#/ { next } $1 == "chr_name" { print "ID", "A1", "WEIGHT"; next }
  { print id[$1 ":" $2], $3, $5 }' "$work/ids.tsv" "$score" > "$work/plink.score"

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# prints "wall cpu" (seconds; cpu = user + system of the process and its children)
timeit() { /usr/bin/time -f '%e %U %S' -o "$work/time.txt" "$@" > "$work/last.log" 2>&1 || { cat "$work/last.log" >&2; exit 1; }
  awk '{ printf "%s %.2f\n", $1, $2 + $3 }' "$work/time.txt"; }

plink2 --vcf "$vcf" --set-all-var-ids '@:#:$r:$a' --new-id-max-allele-len 1000 missing --threads "$threads" \
  --make-pgen --out "$work/sim" > /dev/null 2>&1

# warm the launcher's build check and the page cache once (untimed)
"$permed" prs --score "$score" --vcf "$vcf" --out "$work/permed.tsv" > "$work/permed.log" 2>&1 || { cat "$work/permed.log" >&2; exit 1; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
p=(); q=(); r=()
for i in $(seq "$repeat"); do
  p+=("$(PERMED_SKIP_BUILD=1 timeit "$permed" prs --score "$score" --vcf "$vcf" --out "$work/permed.tsv")")
  q+=("$(timeit plink2 --vcf "$vcf" --set-all-var-ids '@:#:$r:$a' --new-id-max-allele-len 1000 missing --threads "$threads" \
      --score "$work/plink.score" 1 2 3 header-read cols=+scoresums,+denom --out "$work/plink_vcf")")
  r+=("$(timeit plink2 --pfile "$work/sim" --threads "$threads" \
      --score "$work/plink.score" 1 2 3 header-read cols=+scoresums,+denom --out "$work/plink_pgen")")
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
wall() { printf '%s\n' "$@" | cut -d' ' -f1 | median; }
cpu() { printf '%s\n' "$@" | cut -d' ' -f2 | median; }
tp=$(wall "${p[@]}"); tq=$(wall "${q[@]}"); tr=$(wall "${r[@]}")
cp=$(cpu "${p[@]}"); cq=$(cpu "${q[@]}"); cr=$(cpu "${r[@]}")

# correctness: every sample's sum against plink2's
worst=$(awk 'FNR == NR { if (FNR > 1) s[$1] = $3; next }
  FNR == 1 { for (i = 1; i <= NF; i++) if ($i == "WEIGHT_SUM") c = i; next }
  { d = s[$1] - $c; if (d < 0) d = -d; m = ($c < 0 ? -$c : $c); if (m < 0.1) m = 0.1; if (d / m > w) w = d / m; n++ }
  END { printf "%.2g over %d samples", w, n }' "$work/permed.tsv" "$work/plink_vcf.sscore")
scored=$(grep -o 'match: .*' "$work/permed.log" | head -1)

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo), $(uname -sr)"
echo "plink2: $(plink2 --version | head -1); java: $(java -version 2>&1 | head -1)"
echo "input: $samples samples x $sites simulated sites; scoring file $rows variants; $scored"
echo "load average before / after the timed runs: $load_before / $load_after"
echo "seconds, median of $repeat:                   wall      cpu"
printf '  %-40s %8.2f %8.2f\n' "permed prs (VCF)" "$tp" "$cp"
printf '  %-40s %8.2f %8.2f\n' "plink2 --score --threads $threads (VCF)" "$tq" "$cq"
printf '  %-40s %8.2f %8.2f\n' "plink2 --score --threads $threads (pgen)" "$tr" "$cr"
runs() { local x; for x in "$@"; do printf ' %s' "${x/ //}"; done; }
echo "  every run (wall/cpu): permed$(runs "${p[@]}"); plink2 VCF$(runs "${q[@]}")"
printf '  ratio permed / plink2 (VCF)  %.2f   (target <= 1: %s)\n' "$(echo "$tp / $tq" | bc -l)" \
  "$(echo "$tp <= $tq" | bc -l | sed 's/1/met/; s/0/not met/')"
printf '  ratio permed / plink2 (pgen) %.2f\n' "$(echo "$tp / $tr" | bc -l)"
printf '  CPU ratio permed / plink2 (VCF) %.2f\n' "$(echo "$cp / $cq" | bc -l)"
echo "largest deviation of sum from plink2 (relative to max(|sum|, 0.1)): $worst"
