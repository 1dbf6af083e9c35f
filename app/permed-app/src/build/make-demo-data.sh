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

# Variant-register demo (issue 5):
#   - demo-patient-2.vcf.gz      : the public GIAB sample HG004 (the first 1,000 records, GRCh38, of
#                                  lib/permed-vcf/src/test/resources/data/GIAB_HG004_1k.vcf.gz) under the demo sample name
#                                  DEMO-0002, the second demo patient's sample
#   - variants-oslo.csv, variants-bergen.csv : submissions of two demo laboratories, in permed's bulk CSV format, made from
#                                  the real ClinVar records (2018 extract) of the variants HG004 carries and of one variant
#                                  ClinVar lists as conflicting: each ClinVar submission's class goes to one of the two labs
printf 'HG004\tDEMO-0002\n' > "$out/.rename"
bcftools view --no-version "$repository/lib/permed-vcf/src/test/resources/data/GIAB_HG004_1k.vcf.gz" \
  | bcftools reheader -s "$out/.rename" | bgzip -c > "$out/demo-patient-2.vcf.gz"
rm -f "$out/.rename"
python3 - "$shared/variants/clinvar-2018-macarthur/clinvar_alleles_example_750_rows.single.b38.tsv" "$out/demo-patient-2.vcf.gz" "$out" <<'PY'
import csv, gzip, sys
clinvar, vcf, out = sys.argv[1], sys.argv[2], sys.argv[3]
carried = set()
with gzip.open(vcf, "rt") as f:
    for line in f:
        if line.startswith("#"):
            continue
        c = line.split("\t")
        carried.add((c[0].removeprefix("chr"), c[1], c[3], c[4]))
names = {"pathogenic": "Pathogenic", "likely pathogenic": "Likely pathogenic", "uncertain significance": "Uncertain significance",
         "likely benign": "Likely benign", "benign": "Benign"}
rows = {"oslo": [], "bergen": []}
conflicting_taken = False
with open(clinvar, newline="") as f:
    for r in csv.DictReader(f, delimiter="\t"):
        key = (r["chrom"], r["pos"], r["ref"], r["alt"])
        classes = [c.strip() for c in r["clinical_significance_ordered"].split(";")]
        if any(c not in names for c in classes):
            continue
        take = key in carried
        if not take and r["conflicted"] == "1" and len(classes) == 2 and not conflicting_taken:
            take = conflicting_taken = True
        if not take:
            continue
        trait = (r["all_traits"].split(";")[0] or "not specified").strip()
        variant = "GRCh38-%s-%s-%s-%s" % key
        evidence = "ClinVar %s (variation %s), %s" % (r["scv"].split(";")[0], r["variation_id"], r["hgvs_c"])
        for lab, cls in zip(["oslo", "bergen"], classes):
            rows[lab].append([variant, trait, names[cls], "", evidence, "2018-03-01", ""])
for lab, lab_rows in rows.items():
    with open("%s/variants-%s.csv" % (out, lab), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["variant", "condition", "classification", "criteria", "evidence", "date", "assembly"])
        w.writerows(lab_rows)
    print(lab, len(lab_rows), "submissions")
PY
