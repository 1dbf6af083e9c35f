#!/bin/sh
# Regenerates the plink2 reference scores in ../resources/prs/ from the project's shared test data.
# The scores are plink2's, not ours: this script matches the score rows to the VCF sites on its own (awk, with
# pgsc_calc's rules: refalt > altref > refalt_flip > altref_flip; strand-ambiguous A/T, C/G and multi-allelic sites
# and rows sharing a site dropped), writes a plink2 --score file keyed by chr:pos:ref:alt and runs plink2 on the VCF.
#
# plink2 prints 6 significant digits. To compare at 1e-6 relative, each weight w is split into three score columns
# whose plink2 sums add up to the full sum with far more digits: HI = w rounded to 3 decimals (its sum over integer
# dosages is printed exactly), LO = w - HI (a small sum, so its 6 digits are tiny in absolute terms), and MISS = w for
# the variants that have any missing call (their mean-imputed dosages are not integers), with HI = LO = 0 there.
#
# Needs: plink2 (Debian package plink2, tested with 2.00a3.5-220809), mawk or gawk, gzip, coreutils.
# Usage: sh make-expected.sh [DATA_DIR]   (default: ../../../../../../shared/data relative to this script)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
DATA=${1:-$HERE/../../../../../../shared/data}
OUT=$HERE/../resources/prs
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"

# --- inputs copied as they are (small) --------------------------------------------------------------------------
cp -f "$DATA/prs/PGS001229_22.txt" "$DATA/prs/scorefile_dominant_and_recessive.txt" "$DATA/prs/cineca_synthetic_subset.vcf.gz" "$OUT/"
gzip -n -9 -c "$DATA/prs/expected_PGS001229_22_plink2_scores.tsv" > "$OUT/expected_PGS001229_22_plink2_scores.tsv.gz"
cp -f "$DATA/pgs/PGS000001.txt.gz" "$DATA/pgs/PGS000001_hmPOS_GRCh37.txt.gz" "$DATA/pgs/PGS000802_hmPOS_GRCh37.txt" \
   "$DATA/pgs/PGS004255_hmPOS_GRCh38.txt.gz" "$OUT/"
chmod u+w "$OUT"/*

# --- derived inputs -----------------------------------------------------------------------------------------------
# tiny1000G: the first 500 of its 3,202 samples (all 1,004 records).
zcat "$DATA/genotypes/tiny1000G.vcf.gz" | cut -f1-509 | gzip -n -9 > "$OUT/tiny1000G_500.vcf.gz"
# PGS001229 (structured layout, GRCh38): the rows at positions of tiny1000G, then the first 150 other rows (these
# cannot match, so the match rate is not trivially 100 %).
zcat "$DATA/genotypes/tiny1000G.vcf.gz" | grep -v '^#' | cut -f1,2 > "$WORK/tiny.positions"
zcat "$DATA/pgs/PGS001229_hmPOS_GRCh38.structured.txt.gz" | awk -F'\t' -v OFS='\t' '
    FNR == NR { at[$1 ":" $2] = 1; next }
    FNR == 1 { print; next }
    ($1 ":" $2) in at { print; next }
    other < 150 { other++; print }' "$WORK/tiny.positions" - | gzip -n -9 > "$OUT/PGS001229_tiny1000G.structured.txt.gz"

# --- the matcher that writes plink2 input ---------------------------------------------------------------------------
# args: scoring file (plain text), VCF (gz), type filter (additive|dominant|recessive|all), output score file
make_plink_score() {
    zcat "$2" | grep -v '^#' | awk -F'\t' -v OFS='\t' '{
        missing = 0
        for (i = 10; i <= NF; i++) { split($i, f, ":"); if (f[1] ~ /\./) { missing = 1; break } }
        print $1, $2, $4, $5, missing }' > "$WORK/sites"
    awk -F'\t' -v OFS='\t' -v want="$3" '
    function comp(a,   i, c, out) {
        if (a !~ /^[ACGT]+$/) return a
        out = ""
        for (i = 1; i <= length(a); i++) { c = substr(a, i, 1)
            out = out (c == "A" ? "T" : c == "T" ? "A" : c == "C" ? "G" : "C") }
        return out }
    function chrom(c) { sub(/^[Cc][Hh][Rr]/, "", c); return c }
    FNR == NR { key = chrom($1) ":" $2; n[key]++; ref[key, n[key]] = $3; alt[key, n[key]] = $4; miss[key, n[key]] = $5; next }
    /^#/ { next }
    !header { header = 1
        for (i = 1; i <= NF; i++) col[$i] = i
        c = ("hm_chr" in col) ? col["hm_chr"] : col["chr_name"]; p = ("hm_pos" in col) ? col["hm_pos"] : col["chr_position"]
        next }
    {
        ea = toupper($col["effect_allele"]); oa = ("other_allele" in col) ? toupper($col["other_allele"]) : ""
        if (oa == "" && ("hm_inferOtherAllele" in col)) oa = toupper($col["hm_inferOtherAllele"])
        if (oa ~ /\//) oa = ""
        type = "additive"
        if (("is_dominant" in col) && toupper($col["is_dominant"]) == "TRUE") type = "dominant"
        if (("is_recessive" in col) && toupper($col["is_recessive"]) == "TRUE") type = "recessive"
        if ("effect_type" in col) type = $col["effect_type"]
        key = chrom($c) ":" $p
        best = 99
        for (s = 1; s <= n[key]; s++) {
            r = ref[key, s]; a = alt[key, s]
            # priority: 1 refalt (effect = REF), 2 altref, 3 refalt_flip, 4 altref_flip, 5-8 the no-other-allele kinds
            if (oa != "") {
                if (ea == r && oa == a) t = 1; else if (ea == a && oa == r) t = 2
                else if (comp(ea) == r && comp(oa) == a) t = 3; else if (comp(ea) == a && comp(oa) == r) t = 4; else t = 99
            } else {
                if (ea == r) t = 5; else if (ea == a) t = 6; else if (comp(ea) == r) t = 7; else if (comp(ea) == a) t = 8; else t = 99
            }
            if (t < best) { best = t; site = s }
        }
        if (best == 99) { unmatched++; next }
        r = ref[key, site]; a = alt[key, site]
        id = key ":" r ":" a
        effect = (best == 1 || best == 3 || best == 5 || best == 7) ? r : a
        rows[id]++; rowtype[id] = type; roweffect[id] = effect; rowweight[id] = $col["effect_weight"]; rowmiss[id] = miss[key, site]
        if (comp(r) == a) ambiguous[id] = 1
        if (a ~ /,/) multi[id] = 1
    }
    END {
        print "ID", "EFFECT", "HI", "LO", "MISS" > out
        for (id in rows) {
            if (rows[id] > 1 || (id in ambiguous) || (id in multi)) continue
            if (want != "all" && rowtype[id] != want) continue
            w = rowweight[id] + 0
            if (rowmiss[id]) { hi = 0; lo = 0; ms = rowweight[id] }
            else { hi = sprintf("%.3f", w) + 0; lo = sprintf("%.17g", w - hi); ms = 0 }
            print id, roweffect[id], hi, lo, ms > out
        }
    }' out="$4" "$WORK/sites" "$1"
}

# args: VCF, plink2 score file, output name, extra modifiers
run_plink() {
    plink2 --vcf "$1" --set-all-var-ids '@:#:$r:$a' --new-id-max-allele-len 1000 missing --threads 1 \
        --score "$2" 1 2 header-read list-variants cols=+scoresums,+denom $4 --score-col-nums 3-5 \
        --out "$WORK/$3" > /dev/null
    gzip -n -9 -c "$WORK/$3.sscore" > "$OUT/$3.sscore.gz"
    sort "$WORK/$3.sscore.vars" | gzip -n -9 > "$OUT/$3.sscore.vars.gz"
}

# 1. PGS001229 chr22 (GRCh37, format 2.0) on the CINECA synthetic cohort (2,504 samples, some missing calls).
make_plink_score "$DATA/prs/PGS001229_22.txt" "$OUT/cineca_synthetic_subset.vcf.gz" all "$WORK/cineca.score"
run_plink "$OUT/cineca_synthetic_subset.vcf.gz" "$WORK/cineca.score" cineca_PGS001229_22 ""
run_plink "$OUT/cineca_synthetic_subset.vcf.gz" "$WORK/cineca.score" cineca_PGS001229_22_nomeanimp no-mean-imputation

# 2. PGS001229 (structured layout, GRCh38) on tiny1000G (500 samples, phased, haploid chrX calls for males).
zcat "$OUT/PGS001229_tiny1000G.structured.txt.gz" > "$WORK/tiny.structured.txt"
make_plink_score "$WORK/tiny.structured.txt" "$OUT/tiny1000G_500.vcf.gz" all "$WORK/tiny.score"
run_plink "$OUT/tiny1000G_500.vcf.gz" "$WORK/tiny.score" tiny1000G_PGS001229 ""

# 3. Dominant and recessive rows: plink2 applies one model per run, so one run per effect type (as pgsc_calc does).
for type in additive dominant recessive; do
    make_plink_score "$DATA/prs/scorefile_dominant_and_recessive.txt" "$OUT/cineca_synthetic_subset.vcf.gz" $type "$WORK/dr.$type.score"
    modifier=""
    [ $type = additive ] || modifier=$type
    run_plink "$OUT/cineca_synthetic_subset.vcf.gz" "$WORK/dr.$type.score" cineca_dominant_recessive_$type "$modifier"
done
plink2 --version | head -1 > "$OUT/plink2.version"
echo "written to $OUT"
