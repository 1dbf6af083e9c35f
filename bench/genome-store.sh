#!/usr/bin/env bash
# Genome store benchmark: runs permed and the anchors side by side on the same input and prints ratios.
#   ingest                 permed ingest            vs plink2 --make-pgen  and  bcftools view -Ob
#   whole-cohort counts    permed freq              vs plink2 --freq counts (on the pgen)  and  bcftools +fill-tags | query
#   counts, random half    permed freq --samples    vs plink2 --keep HALF --freq counts
#                          (permed freq --repeat 11: "own" = the median of 11 count-and-write runs in one warm process,
#                          as in the server; the cold first run is in the log)
#   bytes per genotype     genome/segments          vs .pgen  and  .bcf
#   point queries          permed query carriers / genotypes --repeat 50: "own" = the median of 50 queries in one
#                          warm process (the cold first query is in the log); bcftools query -r on the indexed BCF,
#                          for scale (a whole process each)
# and checks that permed's AC/AN agree with plink2's (and AC/AN/HOM with bcftools') on every site both report:
# a benchmark that measures wrong answers is useless.
#
# Inputs (all GRCh37):
#   sim     2,504 samples x --sites N (default 200,000), `permed simulate` from the 10k chr22 1000 Genomes file
#           (until that command exists: FALLBACK = the real chr22 file tiled end to end, shifted 600 kb per copy,
#           clearly announced; real LD repeated, so its storage figures say nothing and are not judged)
#   chr22   ../shared/data/genotypes/10k.chr22.phase3_shapeit2_mvncall_integrated_v5.20130502.genotypes.vcf.gz (2,504 x 9,750)
#   chr20   ../shared/data/genotypes/1kg_chr20_1-4Mb_503samples_merged.vcf.gz (503 x 24,990)
# Every input is first split to biallelic records (bcftools norm -m-, not timed) and that one file is given to
# every tool, so all of them see the same biallelic variants; the bytes-per-genotype denominator is
# samples x biallelic records for all three stores.
#
# Timing: wall clock of each whole command (date +%s.%N). A permed command also starts a JVM and an embedded
# PostgreSQL (~2-3 s), so where permed prints its own elapsed time for the work, that is shown too ("own").
# ratio = permed / anchor (below 1 = permed faster or smaller). The target column is judged on: ingest -> wall;
# counts and queries -> own (wall when permed prints none). Targets (2 cores): ingest <= plink2 --make-pgen;
# counts <= 2x plink2 and <= 1/100 of bcftools +fill-tags; storage <= pgen on real data; queries < 10 ms.
#
# Usage: bench/genome-store.sh [--sites N] [--seed S] [--inputs sim,chr22,chr20] [--repeat R] [--shared DIR]
#                              [--work DIR] [--keep] [--anchors-only]
#   --repeat R      counts and point queries (permed and anchors) run R times, the median is shown (default 3);
#                   ingest and bcftools +fill-tags run once (permed ingest into a new, empty store whose data
#                   directory was created beforehand, untimed: the embedded PostgreSQL's initdb is a one-off)
#   --work DIR      use DIR (kept; a simulated VCF already there is reused) instead of a temporary directory
#   --anchors-only  measure plink2/bcftools only (no build, no permed commands)
# Needs plink2, bcftools, bgzip/tabix (installed with apt-get when missing), awk, column (bsdextrautils).
# Permed commands that do not exist yet are skipped with a message. Set PERMED_SKIP_BUILD=1 to use the jar as is,
# PERMED_LAUNCHER=PATH to drive another launcher than ./permed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

sites=200000; seed=42; inputs="sim,chr22,chr20"; shared="$(cd "$here/.." && pwd)/shared/data"
work=""; keep=0; anchors_only=0; sim_samples=2504; repeat=3
while [ $# -gt 0 ]; do
  case "$1" in
    --sites) sites="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --repeat) repeat="$2"; shift 2 ;;
    --inputs) inputs="$2"; shift 2 ;;
    --shared) shared="$2"; shift 2 ;;
    --work) work="$2"; keep=1; shift 2 ;;
    --keep) keep=1; shift ;;
    --anchors-only) anchors_only=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

# --- tools ----------------------------------------------------------------------------------------------------
missing=()
command -v plink2 >/dev/null || missing+=(plink2)
command -v bcftools >/dev/null || missing+=(bcftools)
{ command -v bgzip >/dev/null && command -v tabix >/dev/null; } || missing+=(tabix)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]} (Debian packages) ..."
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq && $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ -z "$work" ]; then work="$(mktemp -d "${TMPDIR:-/tmp}/permed-genome-bench.XXXXXX")"; fi
mkdir -p "$work"
if [ "$keep" = 0 ]; then trap 'rm -rf "$work"' EXIT; else echo "work directory (kept): $work"; fi
results="$work/results.txt"; : > "$results"; : > "$work/bytes.txt"; rm -f "$work/disagreements.txt"

launcher="${PERMED_LAUNCHER:-$here/permed}"   # PERMED_LAUNCHER: another launcher (e.g. a stand-in, to test this script)
permed() { PERMED_SKIP_BUILD=1 "$launcher" "$@"; }
declare -A has=()
if [ "$anchors_only" = 0 ]; then
  if [ "${PERMED_SKIP_BUILD:-}" != 1 ]; then "$launcher" --version >/dev/null; fi   # builds on first use; not measured
  for command in simulate ingest freq "store stats" "query carriers" "query genotypes"; do
    # shellcheck disable=SC2086
    usage="$(permed $command --help 2>&1 || true)"
    if grep -q "^Usage: permed $command\b" <<< "$usage"; then has[$command]=1; else has[$command]=0; echo "note: 'permed $command' does not exist yet; its steps are skipped"; fi
  done
else
  for command in simulate ingest freq "store stats" "query carriers" "query genotypes"; do has[$command]=0; done
fi

now() { date +%s.%N; }
# timed LOG CMD...: runs CMD with stdout+stderr to LOG, sets $elapsed (s); fails the script with the log on error
timed() {
  local log="$1" start end; shift
  start=$(now)
  if ! "$@" >"$log" 2>&1; then echo "FAILED: $*" >&2; tail -20 "$log" >&2; exit 1; fi
  end=$(now)
  elapsed=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
}
# repeated LOG CMD...: runs CMD $repeat times (logs LOG.1 ...), sets $elapsed to the median wall time and $own to the
# median of the elapsed times permed printed ("-" if none); LOG gets the first run's output
repeated() {
  local log="$1" walls=() owns=() i; shift
  for i in $(seq 1 "$repeat"); do
    timed "$log.$i" "$@"; walls+=("$elapsed"); owns+=("$(own_seconds "$log.$i")")
  done
  cp "$log.1" "$log"
  elapsed=$(printf '%s\n' "${walls[@]}" | median)
  if printf '%s\n' "${owns[@]}" | grep -q -- '^-$'; then own="-"; else own=$(printf '%s\n' "${owns[@]}" | median); fi
}
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
# own_seconds LOG: the elapsed time permed prints for the work ("... in 1.23 s", "took 450 ms", "elapsed: 2.1s"),
# the last such figure in the log, in seconds; "-" when there is none
own_seconds() {
  grep -iE '(took|elapsed|time|[^a-z]in|\() *:? *[0-9]+([.,][0-9]+)? *(ms|s|sec|seconds|µs|us)\b' "$1" 2>/dev/null \
    | grep -oiE '[0-9]+([.,][0-9]+)? *(ms|µs|us|s|sec|seconds)\b' | tail -1 \
    | awk '{ v = $0; gsub(/,/, ".", v); n = v + 0; u = v; gsub(/[0-9. ]/, "", u)
             if (u == "ms") n /= 1000; else if (u == "µs" || u == "us") n /= 1000000
             printf "%.4f", n }' | grep . || echo "-"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b + 0 == 0) print "-"; else printf "%.3f", a / b }'; }
# row INPUT STEP PERMED_WALL PERMED_OWN ANCHOR ANCHOR_S JUDGED_ON TARGET_MAX (permed/anchor must be <= it)
row() {
  local r_wall r_own judged on="$7" verdict="-"
  r_wall=$(ratio "$3" "$6"); r_own=$(ratio "$4" "$6")
  if [ "$on" = own ] && [ "$r_own" = "-" ]; then on=wall; fi
  if [ "$on" = own ]; then judged="$r_own"; else judged="$r_wall"; fi
  if [ "$8" != "-" ] && [ "$judged" != "-" ]; then
    verdict=$(awk -v r="$judged" -v t="$8" -v on="$on" 'BEGIN { print (r <= t ? "ok" : "MISSED") " (" on " <= " t ")" }')
  fi
  printf '%s|%s|%s|%s|%s|%s|%s|%s|%s\n' "$1" "$2" "$3" "$4" "$5" "$6" "$r_wall" "$r_own" "$verdict" >> "$results"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(plink2 --version | head -1); $(bcftools --version | head -1)"

# --- inputs ---------------------------------------------------------------------------------------------------
chr22="$shared/genotypes/10k.chr22.phase3_shapeit2_mvncall_integrated_v5.20130502.genotypes.vcf.gz"
chr20="$shared/genotypes/1kg_chr20_1-4Mb_503samples_merged.vcf.gz"

simulated() {
  local out="$work/sim-$sim_samples-$sites-$seed.vcf.gz"
  if [ -s "$out" ]; then echo "$out"; return; fi
  if [ "${has[simulate]}" = 1 ]; then
    echo "simulating $sim_samples x $sites with permed simulate (seed $seed) ..." >&2
    permed simulate --reference "$chr22" --samples "$sim_samples" --sites "$sites" --out "$out" --seed "$seed" >&2
  else
    # Fallback so the anchors can still be measured: the real 2,504-sample chr22 file tiled end to end
    # (each copy shifted by 600 kb) until there are --sites records. Real genotypes, but repeated.
    echo "permed simulate missing: FALLBACK input = the real chr22 file tiled to $sites records (not a simulation)" >&2
    gzip -dc "$chr22" | awk -v want="$sites" '
      /^#/ { print; next }
      { records[++n] = $0 }
      END {
        for (copy = 0; printed < want; copy++)
          for (i = 1; i <= n && printed < want; i++) {
            line = records[i]; tab = index(line, "\t"); rest = substr(line, tab + 1); tab2 = index(rest, "\t")
            line = substr(line, 1, tab) (substr(rest, 1, tab2 - 1) + copy * 600000) substr(rest, tab2)
            if (copy > 0 && match(line, /[\t;]END=[0-9]+/))   # symbolic records: move INFO/END with POS
              line = substr(line, 1, RSTART + 4) (substr(line, RSTART + 5, RLENGTH - 5) + copy * 600000) substr(line, RSTART + RLENGTH)
            print line; printed++
          }
      }' | bgzip -@ 2 -c > "$out.tmp" && mv "$out.tmp" "$out"
  fi
  echo "$out"
}

# --- one input ------------------------------------------------------------------------------------------------
bench_input() {
  local label="$1" source="$2" assembly="GRCh37" dir="$work/$1"
  mkdir -p "$dir"
  echo
  echo "== $label: $(basename "$source")"
  local norm="$dir/input.biallelic.vcf.gz"
  bcftools norm --no-version -m- --threads 2 -Oz -o "$norm" "$source" 2>"$dir/norm.log"
  bcftools index --threads 2 -f "$norm"
  local samples variants genotypes
  samples=$(bcftools query -l "$norm" | wc -l)
  variants=$(bcftools index -n "$norm")
  genotypes=$((samples * variants))
  echo "   $samples samples x $variants biallelic records (bcftools norm -m-: $(awk -F'\t' '/^Lines/ { print $2 }' "$dir/norm.log") total/split/realigned/skipped)"
  # the random half: fixed seed, same list for plink2 --keep (one IID per line) and permed --samples
  bcftools query -l "$norm" | awk -v seed="$seed" 'BEGIN { srand(seed) } { print rand() "\t" NR "\t" $0 }' \
    | sort -k1,1g | awk -v n=$((samples / 2)) 'NR <= n' | sort -k2,2n | cut -f3 > "$dir/half.txt"
  local cols="cols=chrom,pos,ref,alt,altfreq,nobs"

  # ingest
  timed "$dir/plink2-make-pgen.log" plink2 --vcf "$norm" --make-pgen --threads 2 --allow-extra-chr --vcf-half-call m --out "$dir/pgen"
  local t_pgen=$elapsed
  timed "$dir/bcftools-view.log" bcftools view --no-version --threads 2 -Ob -o "$dir/input.bcf" "$norm"
  local t_bcf=$elapsed
  local p_ingest="-" p_ingest_own="-"
  if [ "${has[ingest]}" = 1 ]; then
    rm -rf "$dir/permed"
    # a store exists before data arrive (as in production): create it untimed (initdb, keys, migrations)
    permed store stats --data "$dir/permed" > "$dir/permed-init.log" 2>&1
    timed "$dir/permed-ingest.log" permed ingest --data "$dir/permed" --cohort bench --assembly "$assembly" "$norm"
    p_ingest=$elapsed; p_ingest_own=$(own_seconds "$dir/permed-ingest.log")
    sed 's/^/   permed ingest: /' "$dir/permed-ingest.log" | tail -5
  fi
  row "$label" "ingest" "$p_ingest" "$p_ingest_own" "plink2 --make-pgen" "$t_pgen" wall 1
  row "$label" "ingest" "$p_ingest" "$p_ingest_own" "bcftools view -Ob" "$t_bcf" wall -

  # whole-cohort counts
  repeated "$dir/plink2-freq.log" plink2 --pfile "$dir/pgen" --freq counts "$cols" --threads 2 --allow-extra-chr --out "$dir/plink2-all"
  local t_freq=$elapsed
  timed "$dir/bcftools-fill-tags.log" bash -c "bcftools +fill-tags '$dir/input.bcf' -Ou -- -t AC,AN,AC_Hom \
      | bcftools query -f '%CHROM\t%POS\t%REF\t%ALT\t%AC\t%AN\t%AC_Hom\n' > '$dir/bcftools-all.tsv'"
  local t_fill=$elapsed
  local p_freq="-" p_freq_own="-" p_half="-" p_half_own="-"
  local have_store=0; [ "${has[ingest]}" = 1 ] && [ -d "$dir/permed" ] && have_store=1
  if [ "${has[freq]}" = 1 ] && [ "$have_store" = 1 ]; then
    repeated "$dir/permed-freq.log" permed freq --data "$dir/permed" --out "$dir/permed-all.tsv" --repeat 11
    p_freq=$elapsed; p_freq_own=$own
  fi
  row "$label" "counts, all samples" "$p_freq" "$p_freq_own" "plink2 --freq counts" "$t_freq" own 2
  row "$label" "counts, all samples" "$p_freq" "$p_freq_own" "bcftools +fill-tags, query" "$t_fill" own 0.01

  # counts over the random half
  repeated "$dir/plink2-half.log" plink2 --pfile "$dir/pgen" --keep "$dir/half.txt" --freq counts "$cols" --threads 2 --allow-extra-chr --out "$dir/plink2-half"
  local t_half=$elapsed
  grep -q "$((samples / 2)) samples .*remaining" "$dir/plink2-half.log" || { echo "plink2 --keep did not keep $((samples / 2)) samples" >&2; exit 1; }
  if [ "${has[freq]}" = 1 ] && [ "$have_store" = 1 ]; then
    repeated "$dir/permed-half.log" permed freq --data "$dir/permed" --samples "$dir/half.txt" --out "$dir/permed-half.tsv" --repeat 11
    p_half=$elapsed; p_half_own=$own
  fi
  row "$label" "counts, random half" "$p_half" "$p_half_own" "plink2 --keep --freq counts" "$t_half" own 2

  # bytes per genotype
  local b_pgen b_pgen_all b_bcf b_permed="-"
  b_pgen=$(stat -c %s "$dir/pgen.pgen")
  b_pgen_all=$(cat "$dir/pgen.pgen" "$dir/pgen.pvar" "$dir/pgen.psam" | wc -c)
  b_bcf=$(stat -c %s "$dir/input.bcf")
  if [ "$have_store" = 1 ]; then
    if [ "${has[store stats]}" = 1 ]; then permed store stats --data "$dir/permed" > "$dir/permed-store-stats.txt" 2>&1 || true; fi
    if [ -d "$dir/permed/genome/segments" ]; then b_permed=$(du -sb "$dir/permed/genome/segments" | cut -f1); fi
  fi
  bpg() { awk -v b="$1" -v g="$genotypes" 'BEGIN { if (b == "-") print "-"; else printf "%.5f", b / g }'; }
  local verdict="-"
  if [ "$b_permed" != "-" ] && [ "$label" != sim ]; then verdict=$([ "$b_permed" -le "$b_pgen" ] && echo "ok (<= .pgen)" || echo "MISSED (<= .pgen)"); fi
  printf '%s|%s|%s|%s|%s|%s|%s|%s|%s|%s\n' "$label" "$genotypes" "$(bpg "$b_permed")" "$(bpg "$b_pgen")" "$(ratio "$b_permed" "$b_pgen")" \
    "$(bpg "$b_pgen_all")" "$(bpg "$b_bcf")" "$(ratio "$b_permed" "$b_bcf")" "$verdict" "$b_permed / $b_pgen / $b_pgen_all / $b_bcf" >> "$work/bytes.txt"

  # point queries: one variant with carriers (the middle one of those with 1 <= AC), one sample of the half
  local chrom pos ref alt sample
  read -r chrom pos ref alt < <(awk 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
      $col["ALT_CTS"] > 0 && $col["ALT"] ~ /^[ACGT]+$/ { print $col["#CHROM"], $col["POS"], $col["REF"], $col["ALT"] }' "$dir/plink2-all.acount" \
    | awk '{ line[NR] = $0 } END { print line[int((NR + 1) / 2)] }')
  sample=$(head -1 "$dir/half.txt")
  echo "   point queries: variant $assembly-$chrom-$pos-$ref-$alt, sample $sample at $chrom:$pos"
  bcftools index -f "$dir/input.bcf"
  repeated "$dir/bcftools-carriers.log" bcftools query -r "$chrom:$pos" -i "REF=\"$ref\" && ALT=\"$alt\" && GT=\"alt\"" -f '[%SAMPLE\t%GT\n]' "$dir/input.bcf"
  local t_carriers=$elapsed n_carriers; n_carriers=$(wc -l < "$dir/bcftools-carriers.log")
  repeated "$dir/bcftools-genotypes.log" bcftools query -r "$chrom:$pos" -s "$sample" -f '%CHROM\t%POS\t%REF\t%ALT[\t%GT]\n' "$dir/input.bcf"
  local t_genotypes=$elapsed
  local p_car="-" p_car_own="-" p_gen="-" p_gen_own="-"
  if [ "${has[query carriers]}" = 1 ] && [ "$have_store" = 1 ]; then
    repeated "$dir/permed-carriers.log" permed query carriers --data "$dir/permed" --variant "$assembly-$chrom-$pos-$ref-$alt" --repeat 50
    p_car=$elapsed; p_car_own=$own
  fi
  if [ "${has[query genotypes]}" = 1 ] && [ "$have_store" = 1 ]; then
    repeated "$dir/permed-genotypes.log" permed query genotypes --data "$dir/permed" --sample "$sample" --region "$chrom:$pos" --repeat 50
    p_gen=$elapsed; p_gen_own=$own
  fi
  row "$label" "carriers of 1 variant ($n_carriers)" "$p_car" "$p_car_own" "bcftools query -r (BCF+csi)" "$t_carriers" own -
  row "$label" "1 sample's genotypes at 1 locus" "$p_gen" "$p_gen_own" "bcftools query -r -s (BCF+csi)" "$t_genotypes" own -
  local what own
  for what in "carriers:$p_car_own" "genotypes:$p_gen_own"; do
    own="${what#*:}"
    if [ "$own" != "-" ]; then
      awk -v q="${what%%:*}" -v s="$own" 'BEGIN { printf "   permed query %s: %.1f ms own (target < 10 ms): %s\n", q, s * 1000, (s < 0.010 ? "ok" : "MISSED") }'
    fi
  done

  # correctness: permed against plink2 (AC, AN) and against bcftools (AC, AN, HOM = AC_Hom / 2)
  if [ -s "$dir/permed-all.tsv" ]; then
    check "$label all samples vs plink2" plink "$dir/plink2-all.acount" "$dir/permed-all.tsv"
    check "$label all samples vs bcftools" bcftools "$dir/bcftools-all.tsv" "$dir/permed-all.tsv"
  fi
  if [ -s "$dir/permed-half.tsv" ]; then check "$label random half vs plink2" plink "$dir/plink2-half.acount" "$dir/permed-half.tsv"; fi
  return 0
}

# check NAME KIND ANCHOR_FILE PERMED_FILE: joins on CHROM:POS:REF:ALT (+ n-th occurrence, for duplicate records)
check() {
  awk -v name="$1" -v kind="$2" '
    function key(c, p, r, a) { sub(/^chr/, "", c); k = c ":" p ":" r ":" a; return k "#" (++seen[FILENAME, k]) }
    FNR == 1 && FILENAME == ARGV[1] && kind == "plink" { for (i = 1; i <= NF; i++) col[$i] = i; next }
    FNR == 1 && /^#?CHROM/ { next }
    FILENAME == ARGV[1] {
      if (kind == "plink") {
        k = key($col["#CHROM"], $col["POS"], $col["REF"], $col["ALT"]); ac[k] = $col["ALT_CTS"]; an[k] = $col["OBS_CT"]; hom[k] = "-"
      }
      else { k = key($1, $2, $3, $4); ac[k] = $5; an[k] = $6; hom[k] = $7 / 2 }
      anchor++; next
    }
    {
      k = key($1, $2, $3, $4); theirs++
      if (!(k in ac)) { only++; next }
      both++; matched[k] = 1
      if ($5 != ac[k] || $6 != an[k] || (hom[k] != "-" && $7 != hom[k])) {
        bad++; if (bad <= 3) printf "     mismatch %s: permed AC/AN/HOM %s/%s/%s, anchor %s/%s/%s\n", k, $5, $6, $7, ac[k], an[k], hom[k]
      }
    }
    END {
      printf "   check %-34s %d sites in both, %d mismatches (AC/AN%s), %d only in permed, %d only in the anchor\n",
        name ":", both, bad, (kind == "plink" ? "" : "/HOM"), only, anchor - both
      if (bad > 0 || both == 0) exit 1
    }' "$3" "$4" || { echo "   WARNING: permed and the anchor disagree ($1); the timings above measure wrong answers" >&2; echo "$1" >> "$work/disagreements.txt"; }
}

IFS=',' read -r -a wanted <<< "$inputs"
for input in "${wanted[@]}"; do
  case "$input" in
    sim) bench_input "sim" "$(simulated)" ;;
    chr22) bench_input "chr22" "$chr22" ;;
    chr20) bench_input "chr20" "$chr20" ;;
    *) echo "unknown input $input (sim, chr22, chr20)" >&2; exit 2 ;;
  esac
done

echo
echo "ratio = permed / anchor (< 1: permed faster or smaller). wall = whole command (permed: JVM + embedded PostgreSQL"
echo "start included); own = the elapsed time permed prints for the work. Target column: ingest judged on wall,"
echo "counts and queries on own (wall when permed prints none)."
{
  echo "input|step|permed wall s|permed own s|anchor|anchor s|ratio wall|ratio own|target"
  cat "$results"
} | column -t -s '|' -o ' | '
echo
echo "bytes per genotype (genotypes = samples x biallelic records; permed = genome/segments; target on real data: <= .pgen):"
{
  echo "input|genotypes|permed|.pgen|ratio|.pgen+.pvar+.psam|.bcf|ratio|target|bytes: permed / pgen / pgen+pvar+psam / bcf"
  cat "$work/bytes.txt"
} | column -t -s '|' -o ' | '
if [ -s "$work/disagreements.txt" ]; then echo; echo "DISAGREEMENTS (see above): $(paste -sd, "$work/disagreements.txt")"; exit 1; fi
