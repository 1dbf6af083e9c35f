#!/usr/bin/env bash
# Writes the expected allele counts for the FULL multi-sample VCFs in ../shared/data/genotypes, for the optional
# test profile that ingests those files (the files themselves are not in this repository; CI has no bcftools).
#
# The expected results come from bcftools (Debian package bcftools 1.16), never from permed's own code:
#   shared-expected/NAME.counts.tsv.gz :
#     bcftools norm --no-version -m- FILE | bcftools +fill-tags -- -t AC,AN,AC_Hom,AC_Hemi
#       | bcftools query -f '%CHROM\t%POS\t%REF\t%ALT\t%AC\t%AN\t%AC_Hom\t%AC_Hemi\n' | gzip -n -9
#   (same format as lib/permed-vcf's expected/NAME.counts.tsv.gz). bcftools reads a scratch BGZF copy with a
#   tabix index, which it needs for files that declare no contigs (pyvcf, VariantAnnotation, tiny1000G); the
#   records are the same as in the original.
#   shared-expected/README.md : the files, their sha256, record counts, tool versions and these commands.
# Needs: bash, bcftools, bgzip and tabix (Debian package tabix), gzip, sha256sum.
# Usage: src/test/reference/make-shared-expected.sh [SHARED_DATA_DIR]   (default: ../shared/data beside the repository)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
module="$(cd "$here/../../.." && pwd)"
repo="$(cd "$module/../.." && pwd)"
shared="$(cd "${1:-$repo/../shared/data}" && pwd)"
expected="$module/src/test/resources/shared-expected"
mkdir -p "$expected"
for tool in bcftools bgzip tabix gzip sha256sum; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y bcftools tabix)" >&2; exit 1; }
done

# every multi-sample VCF in genotypes/ (the PLINK 1 set in bolt-lmm_EUR_subset/ is not a VCF)
names=(
  10k.chr22.phase3_shapeit2_mvncall_integrated_v5.20130502.genotypes
  1k.chr1.phase3_shapeit2_mvncall_integrated_v5.20130502.genotypes
  1kg_chr20_1-4Mb_503samples_merged
  VariantAnnotation_chr22
  pyvcf_1kg_pilot
  shapeit4-example_chr20_reference
  shapeit4-example_chr20_unphased
  tiny1000G
)

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
gt_line='##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">'
rows="$scratch/rows.md"
: > "$rows"
for name in "${names[@]}"; do
  source="$shared/genotypes/$name.vcf.gz"
  [ -f "$source" ] || { echo "missing $source" >&2; exit 1; }
  file="$scratch/$name.vcf.gz"
  # BGZF copy + index (three of the sources are plain gzip, which tabix cannot index). A header without a
  # FORMAT/GT definition (1k.chr1) gets the standard one, without which bcftools refuses to write the records.
  gzip -dc "$source" \
    | awk -v gt="$gt_line" '/^##FORMAT=<ID=GT,/ { seen = 1 } /^#CHROM/ && !seen { print gt } { print }' \
    | bgzip -c > "$file"
  tabix -f -p vcf "$file"
  if ! bcftools norm --no-version -m- "$file" 2>>"$scratch/$name.log" \
    | bcftools +fill-tags -- -t AC,AN,AC_Hom,AC_Hemi 2>>"$scratch/$name.log" \
    | bcftools query -f '%CHROM\t%POS\t%REF\t%ALT\t%AC\t%AN\t%AC_Hom\t%AC_Hemi\n' 2>>"$scratch/$name.log" \
    | gzip -n -9 > "$expected/$name.counts.tsv.gz"; then
    echo "bcftools failed on $name:" >&2; cat "$scratch/$name.log" >&2; rm -f "$expected/$name.counts.tsv.gz"; exit 1
  fi
  samples="$(bcftools query -l "$file" 2>/dev/null | wc -l)"
  records="$(bcftools view -H "$file" 2>/dev/null | wc -l)"
  split="$(gzip -dc "$expected/$name.counts.tsv.gz" | wc -l)"
  warnings="$(grep -vc '^Lines   total/split/realigned/skipped:' "$scratch/$name.log" || true)"
  sum="$(sha256sum "$source" | cut -c1-64)"
  bytes="$(stat -c %s "$expected/$name.counts.tsv.gz")"
  printf '| `%s.vcf.gz` | %s | %s | %s | `%s` | `%s.counts.tsv.gz` (%s bytes) |\n' \
    "$name" "$samples" "$records" "$split" "$sum" "$name" "$bytes" >> "$rows"
  printf '%-75s samples %5s records %6s split %6s stderr lines %s\n' "$name" "$samples" "$records" "$split" "$warnings"
  if [ "$warnings" != 0 ]; then grep -v '^Lines   total' "$scratch/$name.log" | sort | uniq -c | head -5; fi
done

bcftools_version="$(bcftools --version | head -1)"
htslib_version="$(bcftools --version | sed -n 2p)"
bgzip_version="$(bgzip --version | head -1)"
{
  cat <<'HEAD'
# Expected allele counts for the full shared genotype files

For the optional test profile that ingests the **full** multi-sample VCFs of `../shared/data/genotypes/` (beside the
repository; they are not copied here, see `../shared/data/README.md` for their provenance and licences).
CI has no bcftools, so the expected results are stored here. They come from **bcftools**, never from permed's
own code, and are made by `src/test/reference/make-shared-expected.sh [SHARED_DATA_DIR]`.

For each file `NAME.vcf.gz`, `NAME.counts.tsv.gz` holds one line per biallelic record after splitting:
`CHROM POS REF ALT AC AN AC_Hom AC_Hemi` (tab-separated, no header, file order; the same format as
`lib/permed-vcf/src/test/resources/expected/*.counts.tsv.gz`), made by

```
gzip -dc genotypes/NAME.vcf.gz | bgzip -c > NAME.vcf.gz && tabix -p vcf NAME.vcf.gz   # scratch copy (see below)
bcftools norm --no-version -m- NAME.vcf.gz \
  | bcftools +fill-tags -- -t AC,AN,AC_Hom,AC_Hemi \
  | bcftools query -f '%CHROM\t%POS\t%REF\t%ALT\t%AC\t%AN\t%AC_Hom\t%AC_Hemi\n' | gzip -n -9 > NAME.counts.tsv.gz
```

The scratch copy is recompressed to BGZF and tabix-indexed because bcftools needs every contig either declared
in the header or in an index (pyvcf, VariantAnnotation and tiny1000G declare none), and tabix cannot index the
three plain-gzip sources; the records are unchanged. `1k.chr1…` declares no `FORMAT/GT` in its header (its records
do use `GT`); bcftools refuses to write such records, so its scratch copy gets the standard line
`##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">` before `#CHROM`. A reader that requires the
definition must still cope with the original file. `AC_Hom` counts alternate alleles in homozygous genotypes
(2 per hom-alt diploid call), so homozygous carriers = `AC_Hom / 2`; `AC_Hemi` counts haploid alternate calls.
Missing calls (`.`) count in neither AC nor AN.

"records" = data lines of the source VCF; "split" = lines after `bcftools norm -m-` (lines in the counts file).

| source (`../shared/data/genotypes/…`) | samples | records | split | sha256 of the source | expected |
|---|---|---|---|---|---|
HEAD
  cat "$rows"
  echo
  echo "Made with $bcftools_version ($htslib_version) and $bgzip_version, Debian bookworm packages \`bcftools\` and \`tabix\`."
  echo
  echo "Not for clinical use."
} > "$expected/README.md"
echo "wrote $expected"
