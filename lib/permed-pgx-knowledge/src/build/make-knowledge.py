#!/usr/bin/env python3
"""Build permed's PGx knowledge resources from the shared PGx data folder.

Usage:
    python3 lib/permed-pgx-knowledge/src/build/make-knowledge.py [PGX_DATA_DIR] [--out DIR]

PGX_DATA_DIR defaults to ../shared/data/pgx beside the repository (see its README.md).
The output goes to lib/permed-pgx-knowledge/src/main/resources/no/permed/pgx/knowledge/ unless
--out is given. Standard library only. The output is deterministic: the same input gives the same
bytes (sorted keys, fixed gzip header with mtime 0 and no file name).

What it reads (and nothing else):
  pharmcat/definition/alleles/<GENE>_translation.json   allele definitions (ClinPGx/PharmVar/CPIC)
  pharmcat/definition/alleles/exemptions.json            per-gene matcher exceptions
  pharmcat/phenotype/<GENE>.json                         CPIC allele functions and diplotype tables
  pharmcat-v2.9.0/phenotype/dpwg/<GENE>.json             DPWG allele functions and diplotype tables
  pharmcat-v2.9.0/reporter/guidelines/*.json             CPIC and DPWG recommendations
  README.md                                              the source commits (for VERSION only)
  pharmcat/docs/phenotypes.tsv                           allowed alleles and CPIC phenotypes (checks the derived tables)
and, from this module (src/build/cpic-functions/, see the README there):
  G6PD.json, RYR1.json                                   CPIC allele functions of the two genes whose PharmCAT
                                                         phenotype tables are missing from the shared snapshot

G6PD and RYR1 have no diplotype table in the shared data. Their CPIC tables are DERIVED here, by permed,
from the allele functions and CPIC's published genotype -> phenotype rule (see derive_* below); they are
stored as a rule (function pair -> phenotype), not as enumerated diplotypes, and VERSION says so.

What it writes:
  alleles-GRCh38.json.gz   per gene: defining positions and named alleles (VCF-style alleles)
  functions.tsv.gz         source, gene, allele, function, activity value
  phenotypes.json.gz       per source and gene: diplotype table and activity score -> phenotype
  recommendations.json.gz  guidelines and their recommendations with lookup keys
  VERSION                  data versions and the sha256 of every source file read

The script fails (exit 1, with the file and the reason) on anything it does not understand, so that
a new data release cannot silently produce wrong knowledge.
"""

import argparse
import gzip
import hashlib
import io
import json
import re
import sys
from pathlib import Path

FORMAT = 1
IUPAC = set("RYSWKMBDHVN")
# Genes whose CPIC lookup keys are activity scores (as the phenotype tables' activityValues say; CYP2D6
# has no CPIC table in the source, its guidelines use scores too).
SCORE_GENES_HINT = {"CYP2D6"}
HLA_GENES = {"HLA-A", "HLA-B"}


class DataError(Exception):
    pass


def fail(path, message):
    raise DataError(f"{path}: {message}")


class Sources:
    """Reads source files and remembers their sha256."""

    def __init__(self, root):
        self.root = root
        self.hashes = {}

    def read_bytes(self, rel):
        path = self.root / rel
        if not path.is_file():
            fail(path, "missing source file")
        data = path.read_bytes()
        self.hashes[rel] = hashlib.sha256(data).hexdigest()
        return data

    def json(self, rel):
        try:
            return json.loads(self.read_bytes(rel).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as e:
            fail(self.root / rel, f"not valid UTF-8 JSON: {e}")

    def list(self, rel_dir, pattern):
        d = self.root / rel_dir
        if not d.is_dir():
            fail(d, "missing source folder")
        return sorted(str(p.relative_to(self.root)) for p in d.glob(pattern))


# ---------------------------------------------------------------------------------------------------
# Allele definitions


def position_record(v, rel):
    for key in ("chromosome", "position", "ref", "alts"):
        if v.get(key) is None:
            fail(rel, f"variant without {key}: {v}")
    return {
        "chromosome": v["chromosome"],
        "position": v["position"],
        "cpicPosition": v.get("cpicPosition"),
        "rsid": v.get("rsid"),
        "hgvs": v.get("chromosomeHgvsName"),
        "ref": v["ref"],
        "alts": list(v["alts"]),
        "cpicAlleles": list(v.get("cpicAlleles") or []),
        "cpicToVcf": dict(sorted((v.get("cpicToVcfAlleleMap") or {}).items())),
    }


def read_definitions(src):
    files = src.list("pharmcat/definition/alleles", "*_translation.json")
    if not files:
        fail(src.root / "pharmcat/definition/alleles", "no *_translation.json files")
    exemptions = src.json("pharmcat/definition/alleles/exemptions.json")
    genes = []
    versions = {}
    for rel in files:
        d = src.json(rel)
        gene = d.get("gene")
        if not gene or rel.split("/")[-1] != f"{gene}_translation.json":
            fail(rel, f"gene field {gene!r} does not match the file name")
        if str(d.get("formatVersion")) != "2":
            fail(rel, f"unknown formatVersion {d.get('formatVersion')!r} (expected 2)")
        if not str(d.get("genomeBuild", "")).startswith("GRCh38"):
            fail(rel, f"genomeBuild {d.get('genomeBuild')!r} is not GRCh38")
        positions = [position_record(v, rel) for v in d["variants"]]
        n = len(positions)
        alleles = []
        for a in d["namedAlleles"]:
            vcf = a.get("alleles")
            cpic = a.get("cpicAlleles")
            if vcf is None or len(vcf) != n or (cpic is not None and len(cpic) != n):
                fail(rel, f"named allele {a.get('name')!r} has {len(vcf or [])} alleles for {n} positions")
            # Check that the VCF-style alleles are the CPIC alleles mapped through cpicToVcfAlleleMap
            # (or the same IUPAC wobble code), so that the caller can rely on the VCF form alone.
            for i, (x, c) in enumerate(zip(vcf, cpic or vcf)):
                if c is None and x is not None and x == positions[i]["ref"]:
                    continue  # PharmCAT fills in the reference base (CYP2C19 *1, whose CPIC row is sparse)
                if (x is None) != (c is None):
                    fail(rel, f"{a['name']} position {positions[i]['position']}: VCF allele {x!r} vs CPIC allele {c!r}")
                if x is None:
                    continue
                m = positions[i]["cpicToVcf"]
                if c in m and m[c] != x:
                    fail(rel, f"{a['name']} position {positions[i]['position']}: CPIC {c!r} maps to {m[c]!r}, definition says {x!r}")
                if c not in m and not (x == c and (len(x) == 1 and x in IUPAC or x in m.values())):
                    fail(rel, f"{a['name']} position {positions[i]['position']}: allele {x!r} is neither mapped nor an IUPAC code")
            alleles.append({
                "name": a["name"],
                "id": a.get("id"),
                "reference": bool(a.get("reference")),
                "structuralVariant": bool(a.get("structuralVariant")),
                # Sparse: [position index, VCF-style allele] for each position the allele defines.
                "alleles": [[i, x] for i, x in enumerate(vcf) if x is not None],
            })
        refs = [a["name"] for a in alleles if a["reference"]]
        if len(refs) != 1:
            fail(rel, f"expected exactly one reference allele, found {refs}")
        ex = exemptions.get(gene) or {}
        genes.append({
            "gene": gene,
            "chromosome": d["chromosome"],
            "genomeBuild": d["genomeBuild"],
            "refSeqChromosomeId": d.get("refSeqChromosomeId"),
            "source": d.get("source"),
            "version": d.get("version"),
            "modificationDate": d.get("modificationDate"),
            "positions": positions,
            "namedAlleles": alleles,
            "exemptions": {
                "ignoredAlleles": sorted(ex.get("ignoredAlleles") or []),
                "ignoredPositions": sorted(p["position"] for p in ex.get("ignoredPositions") or []),
                "requiredPositions": sorted(ex.get("requiredPositions") or []),
                "extraPositions": [position_record(v, "exemptions.json") for v in ex.get("extraPositions") or []],
                "amp1Alleles": list(ex.get("amp1Alleles") or []),
                "unphasedDiplotypePriorities": [
                    {"diplotypes": list(p["list"]), "pick": p["pick"]} for p in ex.get("unphasedDiplotypePriorities") or []
                ],
            },
        })
        versions[gene] = (d.get("version"), d.get("modificationDate"))
    return genes, versions


# ---------------------------------------------------------------------------------------------------
# Functions and phenotypes


def score_key(s):
    try:
        return (0, float(s), s)
    except (TypeError, ValueError):
        return (1, 0.0, str(s))


def read_phenotype_tables(src, rel_dir, source):
    tables = []
    functions = []
    for rel in src.list(rel_dir, "*.json"):
        d = src.json(rel)
        gene = d.get("gene")
        if not gene:
            fail(rel, "no gene field")
        uses_score = bool(d.get("activityValues"))
        for a in d.get("namedAlleles") or []:
            if not a.get("name") or a.get("functionValue") is None:
                fail(rel, f"named allele without name or functionValue: {a}")
            av = a.get("activityValue")
            if uses_score and av is None:
                fail(rel, f"{a['name']} has no activity value although the gene uses activity scores")
            functions.append((source, gene, a["name"], a["functionValue"], "" if av is None else str(av)))
        diplotypes = []
        phenotypes = {}
        by_score = {}
        for x in d.get("diplotypes") or []:
            key = x.get("diplotypekey") or {}
            names = [n for n, c in sorted(key.items()) for _ in range(int(c))]
            parts = x["diplotype"].split("/")
            if sorted(parts) == sorted(names):
                names = parts  # keep the source's order (*1/*2 rather than sorted)
            if len(names) not in (1, 2):
                fail(rel, f"diplotype {x['diplotype']!r} has {len(names)} alleles")
            phenotype = x.get("generesult") or x.get("phenotype")
            if phenotype is None:
                fail(rel, f"diplotype {x['diplotype']!r} has no phenotype")
            score = x.get("activityScore")
            # The guideline lookup key is the activity score where there is one, else the phenotype.
            if x.get("lookupkey") != (score if score is not None else phenotype):
                fail(rel, f"diplotype {x['diplotype']!r}: lookup key {x.get('lookupkey')!r} is neither score nor phenotype")
            if phenotype not in phenotypes:
                phenotypes[phenotype] = len(phenotypes)
            diplotypes.append([names[0], names[1] if len(names) == 2 else None, phenotypes[phenotype], score])
            if score is not None:
                if by_score.setdefault(score, phenotype) != phenotype:
                    fail(rel, f"activity score {score} maps to both {by_score[score]!r} and {phenotype!r}")
        tables.append({
            "source": source,
            "gene": gene,
            "version": d.get("version"),
            "usesActivityScore": uses_score,
            "phenotypes": list(phenotypes),
            # [allele 1, allele 2 (null when haploid), index into phenotypes, activity score or null]
            "diplotypes": diplotypes,
            "activityScores": [[s, by_score[s]] for s in sorted(by_score, key=score_key)],
        })
    return tables, functions


# ---------------------------------------------------------------------------------------------------
# Derived CPIC phenotype tables (G6PD, RYR1): permed's own derivation from CPIC's published rules

MHS = "Malignant Hyperthermia associated"
MHS_SUSCEPTIBLE = "Malignant Hyperthermia Susceptibility"
MHS_UNCERTAIN = "Uncertain Susceptibility"


def mhs_phenotype(functions):
    """CPIC, RYR1/CACNA1S and volatile anaesthetics / succinylcholine (Gonsalves et al. 2019, PMID 30499100):
    one allele with function "Malignant Hyperthermia associated" makes "Malignant Hyperthermia
    Susceptibility"; any other combination (normal or uncertain function) is "Uncertain Susceptibility",
    because a negative result does not rule MHS out. Checked against PharmCAT's CACNA1S table below."""
    return MHS_SUSCEPTIBLE if MHS in functions else MHS_UNCERTAIN


G6PD_CLASS = re.compile(r"^(I|II|III|IV)/(Normal|Deficient|Deficient with CNSHA)$")
G6PD_CLASS_FUNCTION = {"I": "Deficient with CNSHA", "II": "Deficient", "III": "Deficient", "IV": "Normal"}


def g6pd_class(function, where):
    if function == "Uncertain function":
        return "U"
    m = G6PD_CLASS.match(function)
    if not m or G6PD_CLASS_FUNCTION[m.group(1)] != m.group(2):
        fail(where, f"G6PD function {function!r} is not WHO class I-IV or 'Uncertain function'")
    return m.group(1)


def g6pd_phenotype(functions, where="G6PD"):
    """CPIC guideline for G6PD (Gammal et al. 2023, PMID 36049896), Table 1, with the WHO class carried by
    the function name ("IV/Normal", "II/Deficient", "III/Deficient", "I/Deficient with CNSHA"):
      one X chromosome (hemizygous): IV -> Normal; II or III -> Deficient; I -> Deficient with CNSHA;
      two alleles: IV/IV -> Normal; IV with I, II or III -> Variable; I/I -> Deficient with CNSHA;
                   any other two deficient alleles (II/II, II/III, III/III, I/II, I/III) -> Deficient;
      an allele of uncertain function anywhere -> Indeterminate (CPIC's term for an unassignable phenotype;
      PharmCAT's table gives it for I/uncertain, e.g. 202G>A_376A>G_1264C>G/Dagua)."""
    classes = sorted(g6pd_class(f, where) for f in functions)
    if "U" in classes:
        return "Indeterminate"
    if len(classes) == 1:
        return G6PD_CLASS_FUNCTION[classes[0]]
    if classes == ["IV", "IV"]:
        return "Normal"
    if "IV" in classes:
        return "Variable"
    if classes == ["I", "I"]:
        return "Deficient with CNSHA"
    return "Deficient"


DERIVED_RULES = {
    "G6PD": (g6pd_phenotype, True, "CPIC G6PD guideline 2022 (Gammal et al., Clin Pharmacol Ther 2023, PMID 36049896), Table 1: "
             "hemizygous IV Normal, II/III Deficient, I Deficient with CNSHA; IV/IV Normal; IV + I-III Variable; "
             "I/I Deficient with CNSHA; other two deficient alleles Deficient; any uncertain function Indeterminate"),
    "RYR1": (lambda fs, where="RYR1": mhs_phenotype(fs), False,
             "CPIC RYR1/CACNA1S guideline (Gonsalves et al., Clin Pharmacol Ther 2019, PMID 30499100): "
             "an allele with function 'Malignant Hyperthermia associated' -> Malignant Hyperthermia Susceptibility, "
             "otherwise Uncertain Susceptibility"),
}


def read_cpic_phenotypes_tsv(src):
    """Gene -> (allowed allele names, CPIC phenotypes) from PharmCAT's docs/phenotypes.tsv."""
    rel = "pharmcat/docs/phenotypes.tsv"
    lines = src.read_bytes(rel).decode("utf-8").splitlines()
    if not lines or lines[0].split("\t")[:3] != ["Gene", "Named Alleles", "CPIC Phenotypes"]:
        fail(src.root / rel, "unexpected header")
    out = {}
    for n, line in enumerate(lines[1:], start=2):
        f = line.split("\t")
        if len(f) < 3:
            fail(src.root / rel, f"line {n}: {len(f)} fields, expected at least 3")
        out[f[0]] = (set(x for x in f[1].split(";") if x), set(x for x in f[2].split(";") if x))
    return out


def check_mhs_rule(cpic_tables, cpic_functions):
    """The MHS rule must reproduce PharmCAT's own CACNA1S table (same guideline, same rule)."""
    table = next((t for t in cpic_tables if t["gene"] == "CACNA1S"), None)
    if table is None:
        raise DataError("pharmcat/phenotype/CACNA1S.json: missing, cannot check the RYR1 rule against it")
    fn = {a: f for s, g, a, f, _ in cpic_functions if g == "CACNA1S"}
    for a1, a2, idx, _ in table["diplotypes"]:
        got = mhs_phenotype([fn[a1]] + ([fn[a2]] if a2 else []))
        if got != table["phenotypes"][idx]:
            raise DataError(f"CACNA1S {a1}/{a2}: the MHS rule gives {got!r}, PharmCAT's table {table['phenotypes'][idx]!r}")


def read_derived_tables(src, build_dir, genes, cpic_tables, cpic_functions):
    """CPIC tables for the genes of DERIVED_RULES, as rules over the allele functions in build_dir."""
    allowed = read_cpic_phenotypes_tsv(src)
    check_mhs_rule(cpic_tables, cpic_functions)
    defined = {g["gene"]: [a["name"] for a in g["namedAlleles"]] for g in genes}
    tables, functions, provenance = [], [], {}
    for gene, (rule, haploid, text) in sorted(DERIVED_RULES.items()):
        if any(t["gene"] == gene for t in cpic_tables):
            fail(src.root / f"pharmcat/phenotype/{gene}.json", "exists now: use it instead of the derived table")
        path = build_dir / f"{gene}.json"
        raw = path.read_bytes()
        try:
            d = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as e:
            fail(path, f"not valid UTF-8 JSON: {e}")
        if d.get("gene") != gene or not isinstance(d.get("haplotypes"), dict) or not d.get("version") or not d.get("origin"):
            fail(path, "expected the fields gene, version, origin and haplotypes {allele: function}")
        names = defined.get(gene) or fail(path, f"{gene} has no allele definition")
        missing = [a for a in names if a not in d["haplotypes"]]
        if missing:
            fail(path, f"no function for the defined alleles {missing}")
        if set(names) != allowed.get(gene, (set(), set()))[0]:
            fail(src.root / "pharmcat/docs/phenotypes.tsv", f"{gene}: allowed alleles differ from the definition")
        # Only the alleles of the current definition (older alleles that PharmCAT no longer calls are dropped).
        alleles = {a: d["haplotypes"][a] for a in names}
        fnames = sorted(set(alleles.values()))
        pheno = {}
        haploid_rows, pair_rows = [], []
        if haploid:
            for f in fnames:
                haploid_rows.append([f, rule([f], str(path))])
        for i, f1 in enumerate(fnames):
            for f2 in fnames[i:]:
                pair_rows.append([f1, f2, rule([f1, f2], str(path))])
        for row in haploid_rows + pair_rows:
            p = row[-1]
            if p not in allowed[gene][1]:
                fail(path, f"derived phenotype {p!r} is not a CPIC phenotype of {gene} in docs/phenotypes.tsv")
            pheno.setdefault(p, len(pheno))
            row[-1] = pheno[p]
        for a in names:
            functions.append(("CPIC", gene, a, alleles[a], ""))
        tables.append({
            "source": "CPIC",
            "gene": gene,
            "version": d["version"],
            "usesActivityScore": False,
            "phenotypes": list(pheno),
            "diplotypes": [],
            "activityScores": [],
            # Derived by permed: the phenotype of a diplotype is that of its pair of allele functions.
            "derived": {
                "rule": text,
                "alleles": dict(sorted(alleles.items())),
                "haploid": haploid_rows,   # [function, index into phenotypes]
                "pairs": pair_rows,        # [function 1, function 2, index into phenotypes], each unordered pair once
            },
        })
        provenance[gene] = (d["version"], d["origin"], hashlib.sha256(raw).hexdigest(), text)
    return tables, functions, provenance


# ---------------------------------------------------------------------------------------------------
# Recommendations


def lookup_kind(gene, value, score_genes):
    if isinstance(value, dict):
        return "DIPLOTYPE"
    if value == "No Result":
        return "NO_RESULT"
    if gene in HLA_GENES:
        return "ALLELE_STATUS"
    if gene in score_genes and (re.match(r"^[≥>]?\d+(\.\d+)?( \(.*\))?$", value) or value in ("n/a", "xN combinations")):
        return "ACTIVITY_SCORE"
    return "PHENOTYPE"


def diplotype_value(value, rel):
    names = []
    for allele, count in sorted(value.items()):
        if count != int(count) or not 1 <= count <= 2:
            fail(rel, f"diplotype lookup key {value} has a count that is not 1 or 2")
        names += [allele] * int(count)
    return "/".join(names)


def read_guidelines(src, score_genes):
    texts = {}  # recommendation texts and implications repeat a lot: store each once

    def text_id(t):
        if t not in texts:
            texts[t] = len(texts)
        return texts[t]

    guidelines = []
    data_versions = set()
    for rel in src.list("pharmcat-v2.9.0/reporter/guidelines", "*.json"):
        d = src.json(rel)
        g = d.get("guideline") or fail(rel, "no guideline object")
        if g.get("source") not in ("CPIC", "DPWG"):
            fail(rel, f"unknown guideline source {g.get('source')!r}")
        data_versions.add(str(d.get("version")))
        recs = []
        for r in d.get("recommendations") or []:
            lookup = {}
            for gene, value in sorted((r.get("lookupKey") or {}).items()):
                kind = lookup_kind(gene, value, score_genes)
                lookup[gene] = [kind, diplotype_value(value, rel) if kind == "DIPLOTYPE" else value]
            if not lookup:
                fail(rel, f"recommendation {r.get('id')} has no lookup key")
            text = (r.get("text") or {}).get("html")
            if not text:
                fail(rel, f"recommendation {r.get('id')} has no text")
            recs.append({
                "id": r.get("id"),
                "drugs": [c["name"] for c in r.get("relatedChemicals") or []],
                "population": r.get("population"),
                "classification": (r.get("classification") or {}).get("term"),
                "html": text_id(text),
                "implications": [text_id(i) for i in r.get("implications") or []],
                "lookup": lookup,
                "alternateDrug": bool(r.get("alternateDrugAvailable")),
                "dosingInformation": bool(r.get("dosingInformation")),
                "otherGuidance": bool(r.get("otherPrescribingGuidance")),
            })
        guidelines.append({
            "id": g.get("id"),
            "name": g.get("name"),
            "source": g["source"],
            "version": g.get("version"),
            "url": g.get("url"),
            "dataVersion": d.get("version"),
            "drugs": [c["name"] for c in g.get("relatedChemicals") or []],
            "genes": [c["symbol"] for c in g.get("relatedGenes") or []],
            "citations": [
                {"pmid": c.get("pmid"), "title": c.get("title"), "year": c.get("year")} for c in d.get("citations") or []
            ],
            "file": rel.split("/")[-1],
            "recommendations": recs,
        })
    return guidelines, data_versions, list(texts)


# ---------------------------------------------------------------------------------------------------
# Output


def dump_json(obj):
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8") + b"\n"


def gzip_bytes(data):
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as f:
        f.write(data)
    return buf.getvalue()


def tsv_field(s, what):
    if "\t" in s or "\n" in s:
        raise DataError(f"{what}: tab or newline in {s!r}")
    return s


def source_commits(src):
    """The source table of README.md: tag, repository, commit, date."""
    text = src.read_bytes("README.md").decode("utf-8")
    rows = re.findall(r"^\| (\w+) \| `([^`]+)`([^|]*)\| `([0-9a-f]{40})` \| (\d{4}-\d{2}-\d{2}) \|", text, re.M)
    if not rows:
        fail(src.root / "README.md", "no source table (| tag | `repository` | `commit` | date |)")
    return [(tag, (repo + extra.rstrip()).replace("`", ""), commit, date) for tag, repo, extra, commit, date in rows]


def main(argv):
    repo = Path(__file__).resolve().parents[4]
    module = Path(__file__).resolve().parents[2]
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("data", nargs="?", default=str(repo.parent / "shared" / "data" / "pgx"),
                   help="the PGx data folder (default: ../shared/data/pgx beside the repository)")
    p.add_argument("--out", default=str(module / "src/main/resources/no/permed/pgx/knowledge"),
                   help="output folder")
    args = p.parse_args(argv)
    src = Sources(Path(args.data).resolve())
    out = Path(args.out)

    genes, def_versions = read_definitions(src)
    cpic_tables, cpic_functions = read_phenotype_tables(src, "pharmcat/phenotype", "CPIC")
    derived_tables, derived_functions, derived = read_derived_tables(
        src, module / "src/build/cpic-functions", genes, cpic_tables, cpic_functions)
    dpwg_tables, dpwg_functions = read_phenotype_tables(src, "pharmcat-v2.9.0/phenotype/dpwg", "DPWG")
    score_genes = SCORE_GENES_HINT | {t["gene"] for t in cpic_tables + dpwg_tables if t["usesActivityScore"]}
    guidelines, guideline_versions, texts = read_guidelines(src, score_genes)
    commits = source_commits(src)

    definitions_version = sorted({v for v, _ in def_versions.values()})
    if len(definitions_version) != 1:
        raise DataError(f"allele definitions have more than one version: {definitions_version}")
    cpic_versions = sorted({t["version"] for t in cpic_tables})
    dpwg_versions = sorted({t["version"] for t in dpwg_tables})

    files = {}
    files["alleles-GRCh38.json.gz"] = gzip_bytes(dump_json({
        "format": FORMAT, "assembly": "GRCh38", "version": definitions_version[0], "genes": genes}))
    rows = ["source\tgene\tallele\tfunction\tactivity_value"]
    for r in sorted(cpic_functions + derived_functions + dpwg_functions):
        rows.append("\t".join(tsv_field(x, f"function row {r}") for x in r))
    files["functions.tsv.gz"] = gzip_bytes(("\n".join(rows) + "\n").encode("utf-8"))
    files["phenotypes.json.gz"] = gzip_bytes(dump_json({"format": FORMAT, "tables": cpic_tables + derived_tables + dpwg_tables}))
    files["recommendations.json.gz"] = gzip_bytes(dump_json({"format": FORMAT, "texts": texts, "guidelines": guidelines}))

    n_recs = sum(len(g["recommendations"]) for g in guidelines)
    lines = [
        "# permed PGx knowledge: data versions. Generated by src/build/make-knowledge.py; do not edit.",
        f"format={FORMAT}",
        f"alleles.version={definitions_version[0]}",
        f"alleles.source={','.join(sorted({g['source'] for g in genes}))}",
        f"alleles.genomeBuild={','.join(sorted({g['genomeBuild'] for g in genes}))}",
        f"alleles.genes={len(genes)}",
        f"phenotypes.cpic.version={','.join(cpic_versions)}",
        f"phenotypes.dpwg.version={','.join(dpwg_versions)}",
        f"phenotypes.cpic.derived={','.join(sorted(derived))}",
        f"recommendations.version={','.join(sorted(guideline_versions))}",
        f"recommendations.guidelines={len(guidelines)}",
        f"recommendations.count={n_recs}",
        "pharmvar.version=not stated in the source files (definitions are ClinPGx exports of PharmVar/CPIC data)",
    ]
    for tag, repository, commit, date in commits:
        lines.append(f"source.{tag}={repository} {commit} {date}")
    for g in sorted(def_versions):
        lines.append(f"alleles.modified.{g}={def_versions[g][1]}")
    for g in sorted(guidelines, key=lambda g: g["file"]):
        lines.append(f"guideline.{g['file'][:-5]}={g['source']} {g['id']} v{g['version']}")
    for g, (version, origin, sha, text) in sorted(derived.items()):
        lines.append(f"phenotypes.cpic.derived.{g}=derived by permed (make-knowledge.py) from CPIC's published rule, "
                     f"not a PharmCAT table; rule: {text}")
        lines.append(f"phenotypes.cpic.derived.{g}.functions={version} {origin}; sha256 {sha}")
    for rel in sorted(src.hashes):
        lines.append(f"sha256.{rel}={src.hashes[rel]}")
    files["VERSION"] = ("\n".join(lines) + "\n").encode("utf-8")

    out.mkdir(parents=True, exist_ok=True)
    for name, data in sorted(files.items()):
        (out / name).write_bytes(data)
        print(f"{name}\t{len(data)} bytes", file=sys.stderr)
    print(f"{len(genes)} genes, {len(cpic_functions) + len(derived_functions) + len(dpwg_functions)} allele functions, "
          f"{len(cpic_tables) + len(derived_tables) + len(dpwg_tables)} phenotype tables, {len(guidelines)} guidelines, {n_recs} recommendations",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except DataError as e:
        print(f"make-knowledge: {e}", file=sys.stderr)
        sys.exit(1)
