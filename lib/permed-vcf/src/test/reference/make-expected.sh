#!/usr/bin/env bash
# Regenerates permed-vcf's test data and the expected results the tests compare against.
#
# The expected results come from bcftools (Debian package bcftools 1.16), never from permed's own code:
#   - data/*.vcf.gz are lean cuts of ../shared/data (the first N records, header kept), see data/README.md;
#   - expected/NAME.split.tsv.gz   : bcftools norm -m- | bcftools query '%CHROM %POS %REF %ALT [%GT]'
#   - expected/NAME.counts.tsv.gz  : bcftools norm -m- | bcftools +fill-tags -t AC,AN,AC_Hom,AC_Hemi | query
#   - expected/leftalign.*         : synthetic reference + VCF (make_fixtures.py), normalised by
#                                    bcftools norm -m- -f (split, trim, left-align); .fai by samtools faidx
#   - expected/gvcf.*              : the hand-written gVCF below, its blocks and variants listed by bcftools;
#   - expected/NAME.ps.tsv[.gz]    : bcftools query '%POS [%PS]' of the two phased files (FORMAT/PS per sample).
# Needs: bash, python3, bcftools, bgzip (Debian package tabix), samtools, sha256sum.
# Usage: src/test/reference/make-expected.sh [SHARED_DATA_DIR]   (default: ../shared/data beside the repository)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
module="$(cd "$here/../../.." && pwd)"
shared="${1:-$(cd "$module/../../.." && pwd)/shared/data}"
data="$module/src/test/resources/data"
expected="$module/src/test/resources/expected"
mkdir -p "$data" "$expected"
for tool in bcftools bgzip tabix samtools python3 sha256sum; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y bcftools tabix samtools)" >&2; exit 1; }
done

# cut FILE N OUT [gzip]: header plus the first N records; BGZF by default, plain gzip when asked
cut_vcf() {
  local source="$1" records="$2" target="$3" compressor="${4:-bgzip}"
  zcat "$source" | awk -v n="$records" '/^#/ { print; next } ++count <= n' \
    | if [ "$compressor" = gzip ]; then gzip -n -9; else bgzip -c; fi > "$target"
}

cut_vcf "$shared/genotypes/10k.chr22.phase3_shapeit2_mvncall_integrated_v5.20130502.genotypes.vcf.gz" 2000 "$data/1kg_phase3_chr22_2504samples_first2000.vcf.gz" gzip
cut_vcf "$shared/genotypes/1kg_chr20_1-4Mb_503samples_merged.vcf.gz" 3000 "$data/1kg_chr20_503samples_first3000.vcf.gz"
cut_vcf "$shared/genotypes/tiny1000G.vcf.gz" 400 "$data/tiny1000G_3202samples_first400.vcf.gz"
cut_vcf "$shared/genotypes/pyvcf_1kg_pilot.vcf.gz" 120 "$data/pyvcf_1kg_pilot_v40_first120.vcf.gz"
cut_vcf "$shared/genotypes/VariantAnnotation_chr22.vcf.gz" 2000 "$data/VariantAnnotation_chr22_5samples_first2000.vcf.gz"
cut_vcf "$shared/truthsets/Complex_1ormoreindels_NIST2.19.vcf.gz" 6000 "$data/NIST2.19_NA12878_complex_first6000.vcf.gz"
cut_vcf "$shared/truthsets/PG_NA12878_chr21.vcf.gz" 5000 "$data/PlatinumGenomes_NA12878_hg19_chr21_first5000.vcf.gz"
cut_vcf "$shared/truthsets/PG_NA12878_hg38-chr21.vcf.gz" 5000 "$data/PlatinumGenomes_NA12878_hg38_chr21_first5000.vcf.gz"
cp "$shared/truthsets/HG004.1k.vcf.gz" "$data/GIAB_HG004_1k.vcf.gz"

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
for original in "$data"/*.vcf.gz; do
  name="$(basename "$original" .vcf.gz)"
  [ "$name" = patient.g ] && continue   # the synthetic gVCF has its own expected files below
  # bcftools needs every contig in the header or a tabix index (VariantAnnotation's file declares none)
  file="$scratch/$name.vcf.gz"
  cp "$original" "$file"
  tabix -f -p vcf "$file" 2>/dev/null || true
  bcftools norm --no-version -m- "$file" 2>/dev/null \
    | bcftools query -f '%CHROM\t%POS\t%REF\t%ALT[\t%GT]\n' | gzip -n -9 > "$expected/$name.split.tsv.gz"
  bcftools norm --no-version -m- "$file" 2>/dev/null \
    | bcftools +fill-tags -- -t AC,AN,AC_Hom,AC_Hemi 2>/dev/null \
    | bcftools query -f '%CHROM\t%POS\t%REF\t%ALT\t%AC\t%AN\t%AC_Hom\t%AC_Hemi\n' | gzip -n -9 > "$expected/$name.counts.tsv.gz"
done

# FORMAT/PS per sample of the phased files (FormatIntegerTest); the PharmCAT file is copied from permed-pgx's fixtures
cp "$module/../../capability/permed-pgx/src/test/resources/conformance/vcf/pharmcat/test-data/haplotype/VcfReaderTest-phaseSet.vcf" \
  "$data/pharmcat_VcfReaderTest-phaseSet.vcf"
bcftools query -f '%POS[\t%PS]\n' "$data/1kg_chr20_503samples_first3000.vcf.gz" | gzip -n -9 > "$expected/1kg_chr20_503samples_first3000.ps.tsv.gz"
bcftools query -f '%POS[\t%PS]\n' "$data/pharmcat_VcfReaderTest-phaseSet.vcf" > "$expected/pharmcat_VcfReaderTest-phaseSet.ps.tsv"

# synthetic left-alignment fixture
python3 "$here/make_fixtures.py" "$data"
rm -f "$data/leftalign_reference.fa.fai"
samtools faidx "$data/leftalign_reference.fa"
mv "$data/leftalign_reference.fa.fai" "$expected/leftalign_reference.fa.fai"
bcftools norm --no-version -m- -f "$data/leftalign_reference.fa" "$data/leftalign.vcf" 2>/dev/null \
  | bcftools query -f '%CHROM\t%POS\t%REF\t%ALT[\t%GT]\n' > "$expected/leftalign.normalised.tsv"
rm -f "$data/leftalign_reference.fa.fai"

# hand-written gVCF (GRCh38, one sample): reference blocks, a variant with <NON_REF>, a no-call block
{
  printf '##fileformat=VCFv4.2\n'
  printf '##contig=<ID=chr1,length=248956422>\n##contig=<ID=chr2,length=242193529>\n'
  printf '##ALT=<ID=NON_REF,Description="Any other allele">\n'
  printf '##INFO=<ID=END,Number=1,Type=Integer,Description="End of the block">\n'
  printf '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
  printf '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Depth">\n##FORMAT=<ID=GQ,Number=1,Type=Integer,Description="GQ">\n'
  printf '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tPATIENT1\n'
  printf 'chr1\t10000\t.\tT\t<NON_REF>\t.\t.\tEND=10100\tGT:DP:GQ\t0/0:30:99\n'
  printf 'chr1\t10101\t.\tA\tG,<NON_REF>\t500\t.\t.\tGT:DP:GQ\t0/1:31:99\n'
  printf 'chr1\t10102\t.\tC\t<NON_REF>\t.\t.\tEND=10180\tGT:DP:GQ\t0/0:28:90\n'
  printf 'chr1\t10181\t.\tCTT\tC,CT,<NON_REF>\t300\t.\t.\tGT:DP:GQ\t1/2:25:80\n'
  printf 'chr1\t10184\t.\tG\t<NON_REF>\t.\t.\tEND=10300\tGT:DP:GQ\t./.:0:0\n'
  printf 'chr1\t10301\t.\tA\t<*>\t.\t.\tEND=10400\tGT:DP:GQ\t0/0:22:60\n'
  printf 'chr1\t10401\t.\tT\tTA,<NON_REF>\t.\t.\t.\tGT:DP:GQ\t1|1:12:40\n'
  printf 'chr2\t50000\t.\tG\t<NON_REF>\t.\t.\tEND=50001\tGT:DP:GQ\t0/0:40:99\n'
  printf 'chr2\t50002\t.\tG\tA,<NON_REF>\t.\t.\t.\tGT:DP:GQ\t0/1:41:99\n'
} > "$data/patient.g.vcf"
bgzip -c "$data/patient.g.vcf" > "$data/patient.g.vcf.gz" && rm "$data/patient.g.vcf"
bcftools query -i 'N_ALT=1 && (ALT="<NON_REF>" || ALT="<*>")' -f '%CHROM\t%POS\t%INFO/END[\t%GT]\n' \
  "$data/patient.g.vcf.gz" > "$expected/gvcf.blocks.tsv"
bcftools norm --no-version -m- "$data/patient.g.vcf.gz" 2>/dev/null \
  | bcftools view --no-version -e 'ALT="<NON_REF>" || ALT="<*>"' \
  | bcftools query -f '%CHROM\t%POS\t%REF\t%ALT[\t%GT]\n' > "$expected/gvcf.variants.tsv"

echo "sha256 and size of the test data:"
(cd "$data" && for file in *; do [ "$file" = README.md ] && continue; printf '%s  %s bytes  %s\n' "$(sha256sum "$file" | cut -c1-64)" "$(stat -c %s "$file")" "$file"; done)
