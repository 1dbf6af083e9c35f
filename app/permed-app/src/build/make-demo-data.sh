#!/usr/bin/env bash
# Regenerates the demo data that `permed serve --demo` ingests into the genome store:
#   - 1kg_phase3_chr22_2504samples.vcf.gz : the 1000 Genomes phase 3 cohort (2,504 samples, first 9,750 records
#     of chr22, GRCh37), copied byte for byte from ../shared/data/genotypes
#   - 1kg_phase3_samples.tsv               : sample, population, super_population, sex of those 2,504 samples,
#     from the 1000 Genomes pedigree file; super-populations by the project's published grouping
#   - demo-patient.vcf.gz                   : the demo patient's sample DEMO-0001: the genotypes of the public
#     1000 Genomes sample NA12878 at the sites where it carries an ALT allele, under the demo sample name
# Needs: bash, bcftools, bgzip (Debian packages bcftools, tabix), awk.
# Usage: app/permed-app/src/build/make-demo-data.sh [SHARED_DATA_DIR]   (default: ../shared/data beside the repository)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repository="$(cd "$here/../../../.." && pwd)"
shared="${1:-$(cd "$repository/.." && pwd)/shared/data}"
out="$repository/app/permed-app/src/main/resources/no/permed/app/demo"
mkdir -p "$out"
cohort="$shared/genotypes/10k.chr22.phase3_shapeit2_mvncall_integrated_v5.20130502.genotypes.vcf.gz"
cp "$cohort" "$out/1kg_phase3_chr22_2504samples.vcf.gz"

bcftools query -l "$cohort" > "$out/.samples"
awk -F'\t' -v OFS='\t' '
  BEGIN {
    split("YRI LWK GWD MSL ESN ASW ACB", afr, " "); for (i in afr) sp[afr[i]] = "AFR"
    split("MXL PUR CLM PEL", amr, " "); for (i in amr) sp[amr[i]] = "AMR"
    split("CHB JPT CHS CDX KHV", eas, " "); for (i in eas) sp[eas[i]] = "EAS"
    split("CEU TSI FIN GBR IBS", eur, " "); for (i in eur) sp[eur[i]] = "EUR"
    split("GIH PJL BEB STU ITU", sas, " "); for (i in sas) sp[sas[i]] = "SAS"
    print "sample", "population", "super_population", "sex"
  }
  FNR == NR { wanted[$1] = 1; next }
  FNR > 1 && ($2 in wanted) { print $2, $7, sp[$7], ($5 == 1 ? "male" : ($5 == 2 ? "female" : "")) }
' "$out/.samples" "$shared/genotypes/20130606_g1k.ped" > "$out/1kg_phase3_samples.tsv"
rm -f "$out/.samples"
[ "$(($(wc -l < "$out/1kg_phase3_samples.tsv") - 1))" -eq 2504 ] || { echo "expected 2504 samples in the panel" >&2; exit 1; }

printf 'NA12878\tDEMO-0001\n' > "$out/.rename"
bcftools view --no-version -s NA12878 -c 1 "$cohort" | bcftools annotate --no-version -x INFO \
  | bcftools reheader -s "$out/.rename" | bgzip -c > "$out/demo-patient.vcf.gz"
rm -f "$out/.rename"
ls -l "$out"

# Pharmacogenomics demo patients (issue 4):
#   - pgx-<SAMPLE>.vcf.gz        : the GeT-RM samples NA18526, NA18565, NA18861 of the PharmCAT tutorial (NYGC 30x WGS,
#                                  GRCh38), only the records at PharmCAT's 1,202 allele-defining positions, one file each
#   - pgx-<SAMPLE>.outside.tsv   : their GeT-RM consensus CYP2D6 calls (outside-call format), from the same tutorial
#   - pgx-Sample_1.vcf.gz/.outside.tsv : PharmCAT's documented example (pharmcat.example.vcf and its outside calls)
pgx="$shared/pgx"
awk '!/^#/ {print $1 "\t" $2}' "$pgx/pharmcat/positions/pharmcat_positions.vcf" > "$out/.positions"
parts=()
for c in 1 2 4 6 7 10 12 13 16 19 22; do
  bcftools view --no-version -T "$out/.positions" -Oz -o "$out/.chr$c.vcf.gz" \
    "$pgx/getrm-tutorial/PharmCAT_tutorial_get-rm_wgs_30x_grch38_chr$c.vcf.bgz"
  parts+=("$out/.chr$c.vcf.gz")
done
bcftools concat --no-version -Oz -o "$out/.getrm.vcf.gz" "${parts[@]}" 2>/dev/null
for s in NA18526 NA18565 NA18861; do
  bcftools view --no-version -s "$s" "$out/.getrm.vcf.gz" | bcftools annotate --no-version -x INFO | bgzip -c > "$out/pgx-$s.vcf.gz"
  grep -v '^#' "$pgx/getrm-tutorial/outside_calls_from_get-rm.$s.txt" | awk -F'\t' 'NF >= 2 && $2 != ""' > "$out/pgx-$s.outside.tsv"
done
bgzip -c "$pgx/pharmcat/examples/pharmcat.example.vcf" > "$out/pgx-Sample_1.vcf.gz"
cp "$pgx/pharmcat/examples/pharmcat.example.outsideCall.tsv" "$out/pgx-Sample_1.outside.tsv"
rm -f "$out"/.chr*.vcf.gz "$out/.getrm.vcf.gz" "$out/.positions"
ls -l "$out"
