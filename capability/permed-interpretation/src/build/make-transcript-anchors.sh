#!/usr/bin/env bash
# Regenerates permed's transcript-anchor table (docs/variant-register.md, "HGVS input") from the ClinVar 2018 extracts
# in ../shared/data (macarthur-lab/clinvar; ClinVar data are a US federal government work, public domain):
#   1. src/test/resources/clinvar-2018/hgvs-c-observations.tsv.gz: every row of the four source files that has an
#      HGVS c. expression, with the row's CHROM/POS/REF/ALT and assembly, values unchanged (the tests' ground truth);
#   2. src/main/resources/no/permed/interpretation/variant/transcript-anchors.tsv.gz: the table built from 1. by
#      TranscriptAnchors.fromObservations (the product's own code, run by src/build/MakeTranscriptAnchors.java).
# Usage (from the repository root, after `mvn -o -q -B -pl capability/permed-interpretation install -DskipTests`):
#   bash capability/permed-interpretation/src/build/make-transcript-anchors.sh [path/to/shared/data]
set -euo pipefail
module="$(cd "$(dirname "$0")/../.." && pwd)"
root="$(cd "$module/../.." && pwd)"
data="${1:-$root/../shared/data}"
observations="$module/src/test/resources/clinvar-2018/hgvs-c-observations.tsv.gz"
table="$module/src/main/resources/no/permed/interpretation/variant/transcript-anchors.tsv.gz"

python3 - "$data" "$observations" <<'PY'
import csv, gzip, hashlib, os, sys
data, out = sys.argv[1], sys.argv[2]
sources = [
    ("clinvar/clinvar_alleles.multi.b37.vcf.gz", "GRCh37"),
    ("clinvar/clinvar_alleles.multi.b38.vcf.gz", "GRCh38"),
    ("variants/clinvar-2018-macarthur/clinvar_alleles_example_750_rows.single.b37.tsv", "GRCh37"),
    ("variants/clinvar-2018-macarthur/clinvar_alleles_example_750_rows.single.b38.tsv", "GRCh38"),
]
rows = []
digests = []
for path, assembly in sources:
    full = os.path.join(data, path)
    with open(full, "rb") as raw:
        digests.append("%s sha256 %s" % (path, hashlib.sha256(raw.read()).hexdigest()))
    opener = gzip.open if path.endswith(".gz") else open
    with opener(full, "rt", encoding="utf-8") as f:
        if path.endswith(".vcf.gz"):
            for line_number, line in enumerate(f, 1):
                if line.startswith("#"):
                    continue
                fields = line.rstrip("\n").split("\t")
                info = dict(item.split("=", 1) for item in fields[7].split(";") if "=" in item)
                # the MacArthur VCFs escape '=' in INFO values as _eq_
                hgvs = info.get("HGVS_C", "").replace("_eq_", "=")
                if hgvs:
                    rows.append((os.path.basename(path), line_number, assembly, fields[0], fields[1], fields[3], fields[4], hgvs))
        else:
            reader = csv.reader(f, delimiter="\t")
            header = next(reader)
            column = {name: i for i, name in enumerate(header)}
            for line_number, fields in enumerate(reader, 2):
                hgvs = fields[column["hgvs_c"]]
                if hgvs:
                    rows.append((os.path.basename(path), line_number, assembly, fields[column["chrom"]], fields[column["pos"]],
                                 fields[column["ref"]], fields[column["alt"]], hgvs))
with gzip.GzipFile(out, "wb", mtime=0) as raw:
    text = "".join("# %s\n" % d for d in digests)
    text += "source\tline\tassembly\tchrom\tpos\tref\talt\thgvs_c\n"
    text += "".join("\t".join(str(v) for v in row) + "\n" for row in rows)
    raw.write(text.encode("utf-8"))
print("%d observations -> %s" % (len(rows), out))
PY

cd "$root"
classpath_file="$(mktemp)"
logging="$(mktemp --suffix=.xml)"
trap 'rm -f "$classpath_file" "$logging"' EXIT
mvn -o -q -B -Dstyle.color=never -pl capability/permed-interpretation dependency:build-classpath -Dmdep.includeScope=runtime \
    -Dmdep.outputFile="$classpath_file" >/dev/null
# jannovar-hgvs logs every grammar rule at DEBUG
echo '<configuration><root level="WARN"/></configuration>' >"$logging"
java -Dlogback.configurationFile="$logging" -cp "$module/target/classes:$(cat "$classpath_file")" "$module/src/build/MakeTranscriptAnchors.java" "$observations" "$table"
