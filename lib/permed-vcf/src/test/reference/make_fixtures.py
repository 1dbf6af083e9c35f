#!/usr/bin/env python3
"""Writes the synthetic fixtures of permed-vcf's tests: a small reference FASTA with repeats and a VCF whose
indels and MNP-padded SNVs are written the non-normalised ways labs write them, plus a small gVCF.
Deterministic (seeded); run by make-expected.sh, which then asks bcftools for the expected results."""
import random
import sys

out = sys.argv[1]
rng = random.Random(20240611)
BASES = "ACGT"

# --- reference: random sequence with repeats of unit length 1..4 -------------------------------------------
sequence = []
repeats = []  # (start0, unit, copies)
while len(sequence) < 30000:
    if rng.random() < 0.06:
        unit = "".join(rng.choice(BASES) for _ in range(rng.randint(1, 4)))
        copies = rng.randint(3, 9)
        repeats.append((len(sequence), unit, copies))
        sequence.extend(unit * copies)
    else:
        sequence.extend(rng.choice(BASES) for _ in range(rng.randint(5, 60)))
reference = "".join(sequence)
with open(f"{out}/leftalign_reference.fa", "w") as fasta:
    fasta.write(">chr22 synthetic test sequence\n")
    for index in range(0, len(reference), 60):
        fasta.write(reference[index:index + 60] + "\n")

def ref(pos1, length):
    return reference[pos1 - 1:pos1 - 1 + length]

def other_base(base):
    return rng.choice([b for b in BASES if b != base])

# --- variants ----------------------------------------------------------------------------------------------
records = {}  # pos -> (REF, [ALT...])
def add(pos, ref_allele, alts):
    if pos < 2 or pos in records or pos + len(ref_allele) > len(reference):
        return
    if any(a == ref_allele for a in alts) or len(set(alts)) != len(alts):
        return
    records[pos] = (ref_allele, alts)

for start0, unit, copies in repeats:
    k = len(unit)
    end0 = start0 + k * copies  # first base after the repeat
    kind = rng.randrange(4)
    if kind == 0:
        # deletion of one unit written at the right end of the repeat (not left-aligned)
        pos = end0 - k  # 1-based position of the base before the last unit
        add(pos, ref(pos, k + 1), [ref(pos, 1)])
    elif kind == 1:
        # insertion of one unit written at the right end
        pos = end0
        add(pos, ref(pos, 1), [ref(pos, 1) + unit])
    elif kind == 2:
        # deletion written with extra padding on both sides, inside the repeat
        pos = start0 + rng.randrange(max(1, copies - 2)) * k + 1
        length = k * 2 + 2
        r = ref(pos, length)
        add(pos, r, [r[0] + r[1 + k:]])
    else:
        # multi-allelic: deletion and insertion of the unit, plus a padded SNV, at one position
        pos = end0 - k
        r = ref(pos, k + 2)
        snv = r[0] + other_base(r[1]) + r[2:]
        add(pos, r, [r[0] + r[k + 1:], r[:k + 1] + unit + r[k + 1:], snv])

for _ in range(150):
    pos = rng.randint(2, len(reference) - 5)
    kind = rng.randrange(3)
    if kind == 0:
        add(pos, ref(pos, 1), [other_base(ref(pos, 1))])
    elif kind == 1:
        # SNV written as a padded MNP
        r = ref(pos, 3)
        add(pos, r, [r[0] + other_base(r[1]) + r[2]])
    else:
        # two SNVs at one site
        b = ref(pos, 1)
        alts = rng.sample([x for x in BASES if x != b], 2)
        add(pos, b, alts)

samples = [f"S{index:02d}" for index in range(1, 9)]
with open(f"{out}/leftalign.vcf", "w") as vcf:
    vcf.write("##fileformat=VCFv4.2\n")
    vcf.write(f"##contig=<ID=chr22,length={len(reference)}>\n")
    vcf.write('##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n')
    vcf.write('##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Depth">\n')
    vcf.write("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t" + "\t".join(samples) + "\n")
    for pos in sorted(records):
        r, alts = records[pos]
        if rng.random() < 0.15:
            r = r.lower()
            alts = [a.lower() for a in alts]
        calls = []
        for _ in samples:
            roll = rng.random()
            if roll < 0.08:
                calls.append("./.")
            elif roll < 0.12:
                calls.append(f"{rng.randint(0, len(alts))}/.")
            else:
                separator = "|" if rng.random() < 0.5 else "/"
                calls.append(f"{rng.randint(0, len(alts))}{separator}{rng.randint(0, len(alts))}")
        gt_last = rng.random() < 0.3
        fmt = "DP:GT" if gt_last else "GT:DP"
        cells = [f"{rng.randint(5, 60)}:{c}" if gt_last else f"{c}:{rng.randint(5, 60)}" for c in calls]
        vcf.write(f"chr22\t{pos}\t.\t{r}\t{','.join(alts)}\t50\tPASS\t.\t{fmt}\t" + "\t".join(cells) + "\n")
