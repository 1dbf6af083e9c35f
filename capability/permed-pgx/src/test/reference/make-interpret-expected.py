#!/usr/bin/env python3
"""Copies and extracts PharmCAT's expected example outputs for the interpretation tests (permed-pgx).

Usage: make-interpret-expected.py [PGX_DATA_DIR]   (default: ../shared/data/pgx beside the repository)
Writes src/test/resources/interpret/. Standard library only; deterministic. Nothing is computed: the extracted
TSVs hold fields of PharmCAT's own JSON, one line per object, tabs and newlines inside text escaped as \\t and \\n.
"""
import json
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
MODULE = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
OUT = os.path.join(MODULE, 'src', 'test', 'resources', 'interpret')
DATA = sys.argv[1] if len(sys.argv) > 1 else os.path.join(MODULE, '..', '..', '..', 'shared', 'data', 'pgx')

COPIES = {
    'pharmcat/examples/pharmcat.example.report.tsv': 'pharmcat.example.report.tsv',
    'pharmcat/examples/pharmcat.example2.report.tsv': 'pharmcat.example2.report.tsv',
    'pharmcat/examples/pharmcat.example.outsideCall.tsv': 'outside/pharmcat.example.outsideCall.tsv',
    'pharmcat/test-data/reporter/outside_CYP2D6_G6PD.tsv': 'outside/outside_CYP2D6_G6PD.tsv',
    'pharmcat/test-data/PharmCATTest-cyp2d6.tsv': 'outside/PharmCATTest-cyp2d6.tsv',
    'getrm-tutorial/outside_calls_from_get-rm.NA18526.txt': 'outside/outside_calls_from_get-rm.NA18526.txt',
    'getrm-tutorial/outside_calls_from_get-rm.NA18565.txt': 'outside/outside_calls_from_get-rm.NA18565.txt',
    'getrm-tutorial/outside_calls_from_get-rm.NA18861.txt': 'outside/outside_calls_from_get-rm.NA18861.txt',
    'getrm-tutorial/example_outside_calls.txt': 'outside/example_outside_calls.txt',
}


def esc(s):
    return '' if s is None else str(s).replace('\\', '\\\\').replace('\t', '\\t').replace('\r', '').replace('\n', '\\n')


def main():
    os.makedirs(os.path.join(OUT, 'outside'), exist_ok=True)
    for src, dst in sorted(COPIES.items()):
        shutil.copyfile(os.path.join(DATA, src), os.path.join(OUT, dst))

    with open(os.path.join(DATA, 'pharmcat/examples/pharmcat.example.phenotype.json'), encoding='utf-8') as f:
        phenotype = json.load(f)
    rows = ['gene\tcallSource\tlabel\tphenotypes\tactivityScore\tallele1Function\tallele2Function']
    for gene, report in sorted(phenotype['geneReports'].items()):
        for d in report['sourceDiplotypes']:
            a1 = d.get('allele1') or {}
            a2 = d.get('allele2') or {}
            rows.append('\t'.join(esc(x) for x in [gene, report['callSource'], d['label'], '; '.join(d['phenotypes']),
                                                   d.get('activityScore'), a1.get('function'), a2.get('function')]))
    with open(os.path.join(OUT, 'pharmcat.example.phenotypes.tsv'), 'w', encoding='utf-8', newline='\n') as f:
        f.write('\n'.join(rows) + '\n')

    with open(os.path.join(DATA, 'pharmcat/examples/pharmcat.example.report.json'), encoding='utf-8') as f:
        report = json.load(f)
    rows = ['source\tdrug\tguidelineId\tpopulation\tclassification\tlookupKey\talternateDrugAvailable\tdrugRecommendation']
    for section, source in [('CPIC Guideline Annotation', 'CPIC'), ('DPWG Guideline Annotation', 'DPWG')]:
        for drug, entry in sorted(report['drugs'][section].items()):
            for g in entry['guidelines']:
                if not g['annotations']:
                    rows.append('\t'.join([source, esc(drug), g['id'], '', '', '', '', '(no annotation)']))
                for a in g['annotations']:
                    keys = a.get('lookupKey') or []
                    key = '; '.join(sorted(f'{k}={v}' for m in keys for k, v in m.items()))
                    rows.append('\t'.join(esc(x) for x in [source, drug, g['id'], a.get('population'), a.get('classification'), key,
                                                           str(a.get('alternateDrugAvailable')).lower(), a.get('drugRecommendation')]))
    with open(os.path.join(OUT, 'pharmcat.example.recommendations.tsv'), 'w', encoding='utf-8', newline='\n') as f:
        f.write('\n'.join(rows) + '\n')


if __name__ == '__main__':
    main()
