#!/usr/bin/env python3
"""Build the PGx conformance fixture for permed-pgx from the shared PharmCAT data.

Usage: make-conformance.py [PGX_DATA_DIR]
  PGX_DATA_DIR defaults to ../shared/data/pgx beside the repository root.

Writes (all deterministic, standard library only):
  src/test/resources/conformance/expected.tsv   one row per (input, sample, gene)
  src/test/resources/conformance/vcf/...        copies of the PharmCAT test VCFs (gzip -n style if > 20 KB)
                                                and synthetic VCFs built from NAT2/tests.tsv and DPYD/hapb3.tsv
The expectations are read from PharmCAT's data; nothing here calls genotypes.
"""
import gzip
import io
import json
import os
import re
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
MODULE = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))  # capability/permed-pgx
REPO = os.path.dirname(os.path.dirname(MODULE))            # repository root
OUT = os.path.join(MODULE, 'src', 'test', 'resources', 'conformance')
VCF_OUT = os.path.join(OUT, 'vcf')
GZIP_LIMIT = 20 * 1024

GENES = ['ABCG2', 'CACNA1S', 'CFTR', 'CYP2B6', 'CYP2C19', 'CYP2C9', 'CYP3A4', 'CYP3A5', 'CYP4F2', 'DPYD',
         'G6PD', 'IFNL3', 'NAT2', 'NUDT15', 'RYR1', 'SLCO1B1', 'TPMT', 'UGT1A1', 'VKORC1']
HAP = 'pharmcat/test-data/haplotype'
COLUMNS = ['case', 'input', 'sample', 'gene', 'expected_diplotypes', 'phased', 'source', 'note', 'expected_lookup',
           'expected_haplotypes']

# Assertions seen in historical PharmCAT unit tests (public repository PharmGKB/PharmCAT,
# src/test/java/org/pharmgkb/pharmcat/haplotype/NamedAlleleMatcher{Cyp2c19,Ugt1a1}Test.java at commit
# 43d819631ecc4ba812c6a11a4fed49a478e39b77 resp. 0e7a5acd542bde8393cfabced7711b96e3bfbad6). They predate the
# 2025-11-05 definitions used here, so they are only quoted in the note, never used as the expectation.
HISTORICAL = {
    'cyp2c19/s1s1.vcf': '*1/*1', 'cyp2c19/s1s2.vcf': '*1/*2', 'cyp2c19/s1s4b.vcf': '*1/*4B|*4A/*17',
    'cyp2c19/s1s17s1s4bmissing.vcf': '*1/*17|*1/*4B', 'cyp2c19/s1s17s1s4bmissingmore.vcf': '*1/*17|*1/*4B',
    'cyp2c19/s1s28.vcf': '*1/*28', 'cyp2c19/s2s2.vcf': '*2/*2', 'cyp2c19/s2s3.vcf': '*2/*3',
    'cyp2c19/s4as4b.vcf': '*4A/*4B', 'cyp2c19/s4bs17.vcf': '*4B/*17', 'cyp2c19/s15s28.vcf': '*15/*28',
    'cyp2c19/sUnks17.vcf': 'no call', 'cyp2c19/rs12769205missingrs4244285het.vcf': '*1/*2',
    'cyp2c19/rs12769205call.vcf': '*27/*35', 'cyp2c19/s4bs17rs28399504missing.vcf': '*17/*17|*17/*4B|*4B/*4B',
    'cyp2c19/s1s1rs12248560missing.vcf': '*1/*1', 'cyp2c19/s4s17het.vcf': '*1/*4B',
    'UGT1A1/s1s1.vcf': '*1/*1', 'UGT1A1/s28s37.vcf': '*28/*37', 'UGT1A1/s6s6.vcf': '*6/*6',
    'UGT1A1/s1s60s80phased.vcf': '*1/*60+*80',
}


def die(msg):
    sys.stderr.write(msg + '\n')
    sys.exit(1)


def read_text(path):
    opener = gzip.open if path.endswith(('.gz', '.bgz')) else open
    with opener(path, 'rt', encoding='utf-8') as fh:
        return fh.read()


def read_vcf(path):
    """Returns (samples, records) with records = list of (chrom, pos, id, ref, alts, [gt per sample])."""
    samples, records = [], []
    for line in read_text(path).splitlines():
        if line.startswith('##') or not line.strip():
            continue
        f = line.split('\t')
        if line.startswith('#'):
            samples = f[9:]
            continue
        gts = [s.split(':')[0] for s in f[9:]]
        records.append((f[0], int(f[1]), f[2], f[3], f[4].split(','), gts))
    return samples, records


def phased_flag(records, idx):
    called = [r[5][idx] for r in records if idx < len(r[5]) and r[5][idx] not in ('.', './.', '.|.')]
    if not called:
        return 'unknown'
    return 'yes' if all('|' in g for g in called) else 'no'


def het_count(records, idx):
    n = 0
    for r in records:
        a = re.split(r'[/|]', r[5][idx])
        if len(a) == 2 and '.' not in a and a[0] != a[1]:
            n += 1
    return n


# ---------------------------------------------------------------- copying

def write_bytes(dest, data):
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    with open(dest, 'wb') as fh:
        fh.write(data)


def gzip_n(data):
    buf = io.BytesIO()
    with gzip.GzipFile(filename='', mode='wb', fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(data)
    return buf.getvalue()


def copy_input(pgx, rel):
    """Copies pgx/rel to vcf/rel (or vcf/rel.gz if larger than 20 KB and not already compressed)."""
    with open(os.path.join(pgx, rel), 'rb') as fh:
        data = fh.read()
    if len(data) > GZIP_LIMIT and not rel.endswith(('.gz', '.bgz')):
        write_bytes(os.path.join(VCF_OUT, rel + '.gz'), gzip_n(data))
        return rel + '.gz'
    write_bytes(os.path.join(VCF_OUT, rel), data)
    return rel


# ---------------------------------------------------------------- definitions

def load_definitions(pgx):
    names, reference = {}, {}
    for gene in GENES:
        with open(os.path.join(pgx, 'pharmcat/definition/alleles/%s_translation.json' % gene)) as fh:
            d = json.load(fh)
        names[gene] = [a['name'] for a in d['namedAlleles']]
        reference[gene] = [a['name'] for a in d['namedAlleles'] if a.get('reference')][0]
    with open(os.path.join(pgx, 'pharmcat/definition/alleles/exemptions.json')) as fh:
        ex = json.load(fh)
    nat2_prio = {}
    for e in (ex.values() if isinstance(ex, dict) else ex):
        if e.get('gene') == 'NAT2':
            for p in e.get('unphasedDiplotypePriorities', []):
                nat2_prio[frozenset(p['list'])] = p['pick']
    return names, reference, nat2_prio


def load_positions(pgx):
    """rsid -> (chrom, pos, ref, alts, gene) and gene -> ordered position lines from pharmcat_positions.vcf."""
    by_rsid, by_gene, header = {}, {}, []
    for line in read_text(os.path.join(pgx, 'pharmcat/positions/pharmcat_positions.vcf')).splitlines():
        if line.startswith('##contig') or line.startswith('##fileformat'):
            header.append(line)
        if line.startswith('#'):
            continue
        f = line.split('\t')
        gene = f[7].replace('PX=', '').split(';')[0]
        rec = (f[0], int(f[1]), f[2], f[3], f[4].split(','), gene)
        by_gene.setdefault(gene, []).append(rec)
        for rs in f[2].split(';'):
            by_rsid.setdefault(rs, rec)
    return by_rsid, by_gene, header


def synth_vcf(header, gene_records, samples):
    """One multi-sample VCF. samples: list of (name, {rsid: GT}, missing rsids); other positions 0/0.
    A position missing for a sample is written as './.' (PharmCAT treats a no-call GT as a missing position)."""
    lines = [h for h in header if h.startswith('##fileformat')]
    chroms = sorted({r[0] for r in gene_records})
    lines += [h for h in header if h.startswith('##contig') and any('ID=%s,' % c in h for c in chroms)]
    lines.append('##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">')
    lines.append('#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t' + '\t'.join(n for n, _, _ in samples))
    for chrom, pos, rsid, ref, alts, gene in gene_records:
        gts = ['./.' if rsid in miss else gt.get(rsid, '0/0') for _, gt, miss in samples]
        lines.append('\t'.join([chrom, str(pos), rsid, ref, ','.join(alts), '.', 'PASS', 'PX=' + gene, 'GT'] + gts))
    return ('\n'.join(lines) + '\n').encode('utf-8')


def store_synth(rel, data):
    if len(data) > GZIP_LIMIT:
        rel += '.gz'
        data = gzip_n(data)
    write_bytes(os.path.join(VCF_OUT, rel), data)
    return rel


# ---------------------------------------------------------------- examples

def example_rows(pgx, rows, inputs):
    ex = 'pharmcat/examples'
    tsv = {}
    for name in ('pharmcat.example', 'pharmcat.example2'):
        lines = read_text(os.path.join(pgx, ex, name + '.report.tsv')).splitlines()
        hdr = lines[1].split('\t')
        for l in lines[2:]:
            f = dict(zip(hdr, l.split('\t')))
            tsv[(name, f['Gene'])] = f
    with open(os.path.join(pgx, ex, 'pharmcat.example.match.json')) as fh:
        match = {r['gene']: r for r in json.load(fh)['results']}
    version = read_text(os.path.join(pgx, ex, 'pharmcat.example.report.tsv')).splitlines()[0].strip()

    def emit(rel, sample, name, tag):
        for gene in GENES:
            t = tsv[(name, gene)]
            notes = ['PharmCAT output (%s)' % version]
            if name == 'pharmcat.example':
                m = match[gene]
                dips = [d['name'] for d in m['diplotypes']]
                exp, src = '|'.join(dips), 'example-match-json'
                phased = 'yes' if m['phased'] else 'no'
                miss = [str(p['position']) for p in m['matchData']['missingPositions']]
                notes.append('missing positions: %s' % (','.join(miss) or 'none'))
                notes.append('report TSV Source Diplotype %s' % ('agrees' if t['Source Diplotype'] == exp
                                                                else 'DIFFERS: ' + t['Source Diplotype']))
            else:
                exp, src, phased = t['Source Diplotype'], 'example-report-tsv', 'no'
                notes.append('missing positions: %s' % t['Missing positions'])
                notes.append('phased: input GTs unphased')
            if tag:
                notes.append(tag)
            rows.append(dict(case='example.%s.%s.%s' % (os.path.basename(rel).replace('.vcf', ''), sample, gene),
                             input=rel, sample=sample, gene=gene, expected_diplotypes=exp, phased=phased,
                             source=src, note='; '.join(notes)))

    for rel, sample, name, tag in (
            (ex + '/pharmcat.example.vcf', 'Sample_1', 'pharmcat.example', ''),
            (ex + '/pharmcat.example2.vcf', 'Sample_2', 'pharmcat.example2', ''),
            (ex + '/multisample.vcf', 'Sample_1', 'pharmcat.example',
             'no own expected output: genotypes identical to pharmcat.example.vcf Sample_1 at all 1202 positions'),
            (ex + '/multisample.vcf', 'Sample_2', 'pharmcat.example2',
             'no own expected output: genotypes identical to pharmcat.example2.vcf Sample_2 at all 1202 positions')):
        emit(rel, sample, name, tag)
        inputs[rel] = None
    # the identity claimed for multisample.vcf is verified, not assumed
    _, ms = read_vcf(os.path.join(pgx, ex, 'multisample.vcf'))
    for i, name in enumerate(('pharmcat.example.vcf', 'pharmcat.example2.vcf')):
        _, one = read_vcf(os.path.join(pgx, ex, name))
        if [r[5][i] for r in ms] != [r[5][0] for r in one]:
            die('multisample.vcf column %d differs from %s' % (i, name))


# ---------------------------------------------------------------- file names

TOKEN = re.compile(r's(\d+(?:[a-d](?=s\d|$|[^a-z])|s(?=s|$))?|Unk)')


def star(tok):
    return '*' + (tok[:-1] + tok[-1].upper() if tok[-1].isalpha() and tok != 'Unk' else tok)


def decode_name(gene, stem, names, reference):
    """Returns (expected, problem, hint). expected is '' when the name cannot be decoded unambiguously."""
    s = stem
    if gene == 'IFNL3':
        m = re.fullmatch(r'rs12979860([CT])([CT])', s)
        if m:
            nm = {'C': 'rs12979860 reference (C)', 'T': 'rs12979860 variant (T)'}
            return nm[m.group(1)] + '/' + nm[m.group(2)], '', 'genotype in name; C=reference per definition'
    if gene == 'VKORC1':
        m = re.fullmatch(r'-1639([GA])-1639([GA])', s)
        if m:
            nm = {'G': 'rs9923231 reference (C)', 'A': 'rs9923231 variant (T)'}
            a = sorted([m.group(1), m.group(2)], key=lambda x: x != 'G')
            return nm[a[0]] + '/' + nm[a[1]], '', ('-1639G>A is rs9923231 C>T (gene on minus strand); '
                                                   'example report maps reference (C) to phenotype "-1639 GG"')
    if gene == 'DPYD':
        if s == 'novariant':
            return 'Reference/Reference', '', 'no variant'
        m = re.fullmatch(r'c(\d+(?:-\d+)?)(het)?(?:c(\d+))?(het)?', s)
        if m and not (m.group(3) and (m.group(2) or m.group(4))):
            found = []
            for num in (m.group(1), m.group(3)):
                if not num:
                    continue
                cand = [n for n in names[gene] if re.match(r'c\.%s[^0-9]' % re.escape(num), n)]
                if len(cand) != 1:
                    return '', 'c.%s matches %d DPYD alleles' % (num, len(cand)), ''
                found.append(cand[0])
            if len(found) == 1 and m.group(2):
                return 'Reference/' + found[0], '', 'het single variant'
            if len(found) == 2:
                return '', ('two DPYD variants in the name without phase or zygosity; PharmCAT reports DPYD '
                            'unphased multi-variant samples as a haplotype list'), 'variants: %s + %s' % tuple(found)
        return '', 'name is not a DPYD allele notation PharmCAT 3 uses (e.g. *2B is not defined)', ''
    if gene == 'NUDT15':
        m = re.fullmatch(r'(ref|s\d+)(ref|s\d+)', s)
        if m:
            al = [reference[gene] if t == 'ref' else star(t[1:]) for t in m.groups()]
            bad = [a for a in al if a not in names[gene]]
            if not bad:
                al.sort(key=lambda a: a != reference[gene])
                return '/'.join(al), '', "'ref' = the reference allele %s" % reference[gene]
    s = re.sub(r'^%s_' % gene, '', s)
    s = re.sub(r'_t\d+$', '', s).replace('_', '')
    m = re.match(r'((?:s(?:\d+(?:[a-d](?=s\d|$|[^a-z])|s(?=s|$))?|Unk))+)(.*)$', s)
    if not m:
        return '', 'name does not encode star alleles', ''
    toks = TOKEN.findall(m.group(1))
    rest = m.group(2)
    als = [star(t) for t in toks]
    hint = 'name tokens: %s%s' % (' '.join(als), (' + "%s"' % rest) if rest else '')
    if len(als) != 2:
        return '', '%d allele tokens (combination, partial or extra calls): not a plain diplotype' % len(als), hint
    if rest not in ('', 'phased', 'unphased'):
        return '', 'modifier "%s" changes the genotype; the resulting call is not stated' % rest, hint
    missing = [a for a in als if a not in names[gene]]
    if missing:
        return '', 'CONFLICT: %s not in current PharmCAT definitions (2025-11-05)' % ','.join(missing), hint
    return '/'.join(als), '', ''


def filename_rows(pgx, names, reference, rows, inputs):
    base = os.path.join(pgx, HAP)
    n = 0
    for d in sorted(os.listdir(base)):
        if not os.path.isdir(os.path.join(base, d)):
            continue
        gene = d.upper()
        for fn in sorted(os.listdir(os.path.join(base, d))):
            if not fn.endswith('.vcf'):
                continue
            n += 1
            rel = '%s/%s/%s' % (HAP, d, fn)
            inputs[rel] = None
            samples, recs = read_vcf(os.path.join(base, d, fn))
            stem = fn[:-4]
            exp, problem, hint = decode_name(gene, stem, names, reference)
            if gene == 'SLCO1B1' and stem == 'multi':
                exp, problem = '', 'multi-sample file; the name encodes no diplotype'
            for i, sample in enumerate(samples):
                notes = []
                if problem:
                    notes.append('UNDECODED: ' + problem)
                if hint:
                    notes.append(hint)
                hist = HISTORICAL.get('%s/%s' % (d, fn))
                if hist:
                    same = hist == exp
                    notes.append('historical PharmCAT unit test (pre-3.0 definitions) asserted %s%s' %
                                 (hist, ' (agrees)' if same else (' (differs)' if exp else '')))
                else:
                    notes.append('no PharmCAT expectation stored for this file (its Java assertions were not '
                                 'copied); only the README naming convention supports it')
                hc = het_count(recs, i)
                ph = phased_flag(recs, i)
                if ph == 'no' and hc <= 1:
                    notes.append('unphased GTs but %d het site(s): effectively phased' % hc)
                nmiss = sum(1 for r in recs if r[5][i] in ('.', './.', '.|.'))
                if nmiss or 'missing' in stem.lower():
                    notes.append('missing positions: %d no-call GT(s) in file; name says "%s"' % (nmiss, stem))
                rows.append(dict(case='file-name.%s.%s.%s' % (d, stem, sample), input=rel, sample=sample,
                                 gene=gene, expected_diplotypes=exp, phased=ph, source='file-name',
                                 note='; '.join(notes)))
    return n


# ---------------------------------------------------------------- NAT2/tests.tsv

def nat2_rows(pgx, by_rsid, by_gene, header, prio, rows, inputs):
    lines = read_text(os.path.join(pgx, HAP, 'NAT2/tests.tsv')).splitlines()
    hdr = lines[0].split('\t')
    rs_cols = [h for h in hdr if h.startswith('rs')]
    rel, samples = 'synthetic/NAT2/tests.vcf', []
    for ln, line in enumerate(lines[1:], start=2):
        f = dict(zip(hdr, line.split('\t') + [''] * (len(hdr) - len(line.split('\t')))))
        if f['Other NAT2 positions'] != 'reference':
            die('NAT2 tests.tsv line %d: unexpected "Other NAT2 positions"' % ln)
        missing = set(re.findall(r'rs\d+', f['Missing positions']))
        gts = {}
        for rs in rs_cols:
            chrom, pos, _, ref, alts, _ = by_rsid[rs]
            alleles = [ref] + alts
            gts[rs] = '/'.join(str(alleles.index(b)) for b in f[rs].split('/'))
        sample = 'line%03d' % ln
        samples.append((sample, gts, missing))
        out = f['Output'].strip()
        notes = ['built from %s/NAT2/tests.tsv line %d (other NAT2 positions 0/0)' % (HAP, ln)]
        if out == 'not called':
            exp = 'no call'
        else:
            dips = [x.strip() for x in out.split(' or ')]
            exp = '|'.join(dips)
            if len(dips) > 1:
                pick = f.get('Pick', '').strip()
                p = prio.get(frozenset(dips))
                notes.append('tie; table Pick=%s; exemptions.json unphasedDiplotypePriorities %s' %
                             (pick or '(none)', ('pick=' + p) if p else 'has no entry for this exact tie set'))
        notes.append('missing positions: %s' % (','.join('%s@%d' % (r, by_rsid[r][1]) for r in sorted(missing))
                                                or 'none'))
        rows.append(dict(case='NAT2-tests.line%03d' % ln, input=rel, sample=sample, gene='NAT2',
                         expected_diplotypes=exp, phased='no', source='NAT2-tests.tsv', note='; '.join(notes)))
    inputs[rel] = store_synth(rel, synth_vcf(header, by_gene['NAT2'], samples))


# ---------------------------------------------------------------- DPYD/hapb3.tsv

HAPB3 = 'c.1129-5923C>G, c.1236G>A (HapB3)'
HAPB3_INTRON = 'c.1129-5923C>G'
DPYD_RS = ['rs56038477', 'rs75017182', 'rs72549310', 'rs67376798', 'rs1801265', 'rs186169810', 'rs115232898']
# hapb3.tsv column 6 ("non-PGx", c.1314A>G) is an allele no DPYD allele defines: PharmCAT's DpydTest writes it as
# rs186169810 A>G (setVariation(..., "G")), while the position's defined ALT is C (c.1314T>G).
NON_PGX_RSID, NON_PGX_ALT = 'rs186169810', 'G'


def dpyd_name(tok, names):
    t = tok.strip()
    t = re.sub(r'\s*\(homozygous\)$', '', t)
    if t.lower() in ('ref', 'reference'):
        return 'Reference'
    if t == 'HapB3':
        return HAPB3
    if t == 'HapB3Intron':
        # PharmCAT 3 (DpydTest.parseDiplotypes) writes HapB3Intron as its own allele, DpydHapB3Matcher.HAPB3_INTRONIC_ALLELE
        return HAPB3_INTRON if HAPB3_INTRON in names else HAPB3
    if t not in names:
        raise ValueError('unknown DPYD allele in hapb3.tsv: ' + t)
    return t


def dpyd_dip(text, names):
    """'Reference/[c.61C>T+HapB3]' -> PharmCAT notation; '' stays ''."""
    text = text.strip()
    if not text:
        return ''
    parts = []
    for h in re.split(r'/(?![^\[]*\])', text):
        h = h.strip()
        if h.startswith('['):
            parts.append('[' + ' + '.join(dpyd_name(x, names) for x in h[1:-1].split('+')) + ']')
        else:
            parts.append(dpyd_name(h, names))
    if len(parts) != 2:
        raise ValueError('not a diplotype: ' + text)
    return '/'.join(parts)


def dpyd_list(text, names):
    """'c.61C>T (homozygous), HapB3' -> 'c.61C>T ; c.61C>T ; c.1129-5923C>G, c.1236G>A (HapB3)' (one entry per copy)."""
    out = []
    for x in text.split(', '):
        if x.strip():
            out += [dpyd_name(x, names)] * (2 if 'homozygous' in x else 1)
    return ' ; '.join(out)


def dpyd_rows(pgx, by_gene, header, names, rows, inputs):
    """Expectations as PharmCAT's own DpydTest.hapB3 reads the table: phased call = column 7; unphased call = the
    haplotype list of column 9 when there is one, else column 7; recommendation lookup = column 8 (phased) or
    column 10, else 8, else the call (unphased)."""
    lines = read_text(os.path.join(pgx, HAP, 'DPYD/hapb3.tsv')).splitlines()
    names = names['DPYD']
    rel, samples = 'synthetic/DPYD/hapb3.vcf', []
    for ln, line in enumerate(lines[3:], start=4):
        f = line.split('\t') + [''] * 20
        geno = f[0:7]
        ph_call, ph_inf, un_list, un_inf = f[7], f[8], f[9], f[10]
        pgx_warn, warn_ph, warn_un, comment, out_0923, chk = f[11], f[12], f[13], f[16], f[17], f[18]
        missing = {DPYD_RS[i] for i, g in enumerate(geno) if g == 'missing'}
        src_note = 'built from %s/DPYD/hapb3.tsv line %d (other DPYD positions 0/0)' % (HAP, ln)
        miss_note = 'missing positions: %s' % (','.join(sorted(missing)) or 'none')
        extra = []
        if pgx_warn.strip():
            extra.append('table "pgx warning" = %s (c.1314A>G, written as rs186169810 A>G, is not part of any DPYD allele)'
                         % pgx_warn.strip())
        if comment:
            extra.append('table comment: ' + comment)
        if chk:
            extra.append('table check 2024-03-18: ' + chk)
        variants = [(DPYD_RS[i], g) for i, g in enumerate(geno) if g != 'missing']
        # phased interpretation: the written allele order is the haplotype order
        gts = {rs: g.replace('/', '|') for rs, g in variants}
        sample = 'line%03d-phased' % ln
        samples.append((sample, gts, missing))
        notes = [src_note, 'GTs written as phased in column order (0/1 -> 0|1, 1/0 -> 1|0)', miss_note]
        if warn_ph:
            notes.append('expected warning: ' + warn_ph)
        ph_exp = dpyd_dip(ph_call, names)
        ph_lookup = dpyd_dip(ph_inf, names) if ph_inf.strip() else ('' if '[' in ph_exp else ph_exp)
        rows.append(dict(case='DPYD-hapb3.line%03d.phased' % ln, input=rel, sample=sample, gene='DPYD',
                         expected_diplotypes=ph_exp, phased='yes', source='DPYD-hapb3.tsv',
                         note='; '.join(notes + extra), expected_lookup=ph_lookup))
        if any('|' in g for g in geno):
            continue            # written phased: no unphased case in the table
        gts = {rs: ('0/1' if g in ('0/1', '1/0') else g) for rs, g in variants}
        sample = 'line%03d-unphased' % ln
        samples.append((sample, gts, missing))
        hets = sum(1 for _, g in variants if g in ('0/1', '1/0'))
        notes = [src_note, 'unphased GTs', miss_note]
        observed = out_0923.strip()
        lookup = ''
        m = re.match(r'list match, (.*?)(?:, normal function|, w:|$)', observed)
        if m:
            lookup = m.group(1).strip()
        haps = ''
        if un_inf.strip():
            un_lookup = dpyd_dip(un_inf, names)
        elif ph_inf.strip():
            un_lookup = dpyd_dip(ph_inf, names)
        else:
            un_lookup = ph_lookup
        if un_list.strip():
            haps = dpyd_list(un_list, names)
            exp = un_lookup
            notes.append('%d het sites: PharmCAT 3 reports the haplotype list {%s} (expected_haplotypes); '
                         'expected_diplotypes = the recommendation lookup diplotype (table column %s)'
                         % (hets, haps, 'inferred unphased' if un_inf.strip() else 'inferred phased'))
            if lookup and lookup.replace(HAPB3_INTRON + '/', '') != exp and lookup != exp:
                notes.append('PharmCAT output recorded 2023-09-20 gave lookup %s (older definitions and DPWG table)' % lookup)
        else:
            if hets > 1:
                notes.append('WARNING: %d het sites but table gives no unphased list; phased call used' % hets)
            exp = ph_exp
            notes.append('%d het site(s): effectively phased, same call as the phased case' % hets)
        if observed:
            notes.append('PharmCAT output recorded 2023-09-20 (older definitions: no separate c.1129-5923C>G allele): "%s"'
                         % observed)
        if warn_un:
            notes.append('expected warning: ' + warn_un)
        rows.append(dict(case='DPYD-hapb3.line%03d.unphased' % ln, input=rel, sample=sample, gene='DPYD',
                         expected_diplotypes=exp, phased='no', source='DPYD-hapb3.tsv', note='; '.join(notes + extra),
                         expected_lookup=un_lookup, expected_haplotypes=haps))
    records = []
    for chrom, pos, rsid, ref, alts, gene in by_gene['DPYD']:
        if rsid == NON_PGX_RSID:
            alts = list(alts) + [NON_PGX_ALT]
        records.append((chrom, pos, rsid, ref, alts, gene))
    fixed = []
    for name, gts, miss in samples:
        gts = dict(gts)
        if NON_PGX_RSID in gts:
            gts[NON_PGX_RSID] = gts[NON_PGX_RSID].replace('1', '2')
        fixed.append((name, gts, miss))
    inputs[rel] = store_synth(rel, synth_vcf(header, records, fixed))


# ---------------------------------------------------------------- main

def main():
    pgx = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(REPO), 'shared', 'data', 'pgx')
    pgx = os.path.abspath(pgx)
    if not os.path.isfile(os.path.join(pgx, 'README.md')):
        die('not a pgx data dir: ' + pgx)
    if os.path.isdir(VCF_OUT):
        shutil.rmtree(VCF_OUT)
    names, reference, prio = load_definitions(pgx)
    by_rsid, by_gene, header = load_positions(pgx)
    rows, inputs = [], {}
    example_rows(pgx, rows, inputs)
    n = filename_rows(pgx, names, reference, rows, inputs)
    if n != 121:
        die('expected 121 per-gene test VCFs, found %d' % n)
    nat2_rows(pgx, by_rsid, by_gene, header, prio, rows, inputs)
    dpyd_rows(pgx, by_gene, header, names, rows, inputs)

    # copy every real input plus the edge-case and preprocessor VCFs (no expected calls for those)
    copies = set(i for i in inputs if not i.startswith('synthetic/'))
    stored = {i: v for i, v in inputs.items() if i.startswith('synthetic/')}
    for d in (HAP, 'pharmcat/preprocessor-tests'):
        for fn in os.listdir(os.path.join(pgx, d)):
            if fn.endswith(('.vcf', '.vcf.bgz')):
                copies.add('%s/%s' % (d, fn))
    copies.add('pharmcat/test-data/PharmCATTest-cyp2c19MissingPositions.vcf')
    for rel in sorted(copies):
        stored[rel] = copy_input(pgx, rel)

    # example 1 as PharmCAT reported it: the calls-only TSV (Match Score per gene) and the match JSON's
    # variantsOfInterest (extra positions, e.g. CYP2C9 rs12777823)
    reports = os.path.join(OUT, 'reports')
    os.makedirs(reports, exist_ok=True)
    with open(os.path.join(pgx, 'pharmcat/examples/pharmcat.example.report.tsv'), 'rb') as fh:
        write_bytes(os.path.join(reports, 'pharmcat.example.report.tsv'), fh.read())
    with open(os.path.join(pgx, 'pharmcat/examples/pharmcat.example.match.json')) as fh:
        match = json.load(fh)
    voi = ['gene\tposition\trsid\tvcf_call']
    for r in match['results']:
        for v in r.get('variantsOfInterest') or []:
            voi.append('%s\t%s\t%s\t%s' % (r['gene'], v['position'], v.get('rsid') or '', v['vcfCall']))
    write_bytes(os.path.join(reports, 'pharmcat.example.variants-of-interest.tsv'), ('\n'.join(voi) + '\n').encode('utf-8'))

    rows.sort(key=lambda r: r['case'])
    if len({r['case'] for r in rows}) != len(rows):
        die('duplicate case ids')
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, 'expected.tsv'), 'w', encoding='utf-8', newline='\n') as fh:
        fh.write('\t'.join(COLUMNS) + '\n')
        for r in rows:
            for c in COLUMNS:
                if '\t' in r.get(c, '') or '\n' in r.get(c, ''):
                    die('tab/newline in %s of %s' % (c, r['case']))
            fh.write('\t'.join(r.get(c, '') for c in COLUMNS) + '\n')
    with open(os.path.join(OUT, 'stored-files.tsv'), 'w', encoding='utf-8', newline='\n') as fh:
        fh.write('input\tstored_as\n')
        for rel in sorted(stored):
            fh.write('%s\tvcf/%s\n' % (rel, stored[rel]))

    # summary
    per = {}
    for r in rows:
        k = (r['source'], r['gene'])
        per.setdefault(k, [0, 0])
        per[k][0] += 1
        per[k][1] += 0 if r['expected_diplotypes'] else 1
    print('rows: %d' % len(rows))
    for k in sorted(per):
        print('%-20s %-8s %4d rows %3d without expectation' % (k[0], k[1], per[k][0], per[k][1]))
    total = 0
    for root, _, files in os.walk(VCF_OUT):
        total += sum(os.path.getsize(os.path.join(root, f)) for f in files)
    print('vcf/ size: %d bytes' % total)


if __name__ == '__main__':
    main()
