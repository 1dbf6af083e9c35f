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
