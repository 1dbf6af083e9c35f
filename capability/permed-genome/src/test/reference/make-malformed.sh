#!/usr/bin/env bash
# Regenerates the malformed-input corpus of the genome store's ingest tests:
#   capability/permed-genome/src/test/resources/malformed/  (the files and MANIFEST.tsv)
#
# Deterministic: the same python3/zlib gives the same bytes (no timestamps, no file names in gzip headers,
# fixed zip dates). Needs bash and python3 only; BGZF is written by the embedded python (the same block
# layout bgzip writes, with a smaller block size where a case needs several blocks). Optionally checks the
# compressed files with bgzip (Debian package tabix) when it is installed.
#
# Usage: src/test/reference/make-malformed.sh            (from capability/permed-genome, or from anywhere)
#
# The records are cut from public data already in the repository (see malformed/README.md):
#   GRCh38 single sample: lib/permed-vcf/src/test/resources/data/GIAB_HG004_1k.vcf.gz (GIAB HG004, via opencb/opencga)
#   GRCh37 five samples:  lib/permed-vcf/src/test/resources/data/1kg_phase3_chr22_2504samples_first2000.vcf.gz
# Everything else (headers in the style of GATK/GIAB/1000 Genomes, gVCF blocks, the damage) is written here.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/../resources/malformed"
mkdir -p "$out"
# only the files this script writes are replaced; README.md is kept
find "$out" -maxdepth 1 -type f ! -name README.md -delete

python3 - "$out" <<'PYTHON'
import gzip
import io
import os
import struct
import sys
import zipfile
import zlib

OUT = sys.argv[1]

GRCH38 = [248956422, 242193529, 198295559, 190214555, 181538259, 170805979, 159345973, 145138636, 138394717,
          133797422, 135086622, 133275309, 114364328, 107043718, 101991189, 90338345, 83257441, 80373285,
          58617616, 64444167, 46709983, 50818468, 156040895, 57227415, 16569]
GRCH37 = [249250621, 243199373, 198022430, 191154276, 180915260, 171115067, 159138663, 146364022, 141213431,
          135534747, 135006516, 133851895, 115169878, 107349540, 102531392, 90354753, 81195210, 78077248,
          59128983, 63025520, 48129895, 51304566, 155270560, 59373566, 16569]
PRIMARY = [str(n) for n in range(1, 23)] + ["X", "Y", "M"]

VALID_NID = "15858540043"          # synthetic Norwegian national ID (month + 80), correct check digits
SINGLE_TARGET = "patient:%s:HG004" % VALID_NID
COHORT_TARGET = "cohort:1000g-gbr-pilot"

# ---------------------------------------------------------------------------------------------------------
# base 1: one GRCh38 sample, as a clinical lab sends it (header in the style of GIAB v4 / GATK; the
# records are the first ten and the multi-allelic record of GIAB_HG004_1k.vcf.gz, INFO cut to three keys)
# ---------------------------------------------------------------------------------------------------------
def grch38_contigs(prefix="chr", extra=""):
    return ['##contig=<ID=%s%s,length=%d%s>' % (prefix, name, length, extra) for name, length in zip(PRIMARY, GRCH38)]

SINGLE_META = [
    '##fileformat=VCFv4.2',
    '##fileDate=20160824',
    '##source=GIAB integration v4.2.1 (cut for permed tests)',
    '##reference=GRCh38_no_alt_analysis_set.fasta',
    '##FILTER=<ID=PASS,Description="All filters passed">',
    '##INFO=<ID=platforms,Number=1,Type=Integer,Description="Number of different platforms for which at least one callset called this genotype, whether filtered or not">',
    '##INFO=<ID=datasets,Number=1,Type=Integer,Description="Number of different datasets for which at least one callset called this genotype, whether filtered or not">',
    '##INFO=<ID=callsets,Number=1,Type=Integer,Description="Number of different callsets that called this genotype, whether filtered or not">',
    '##FORMAT=<ID=GT,Number=1,Type=String,Description="Consensus Genotype across all datasets with called genotype">',
    '##FORMAT=<ID=PS,Number=1,Type=Integer,Description="Phase set in which this variant falls">',
    '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Total read depth summed across all datasets, excluding MQ0 reads">',
    '##FORMAT=<ID=ADALL,Number=R,Type=Integer,Description="Net allele depths across all datasets">',
    '##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Net allele depths across all unfiltered datasets with called genotype">',
    '##FORMAT=<ID=GQ,Number=1,Type=Integer,Description="Net Genotype quality across all datasets">',
]
SINGLE_CONTIG_FIRST = len(SINGLE_META) + 1                      # line of ##contig chr1 (15)
SINGLE_CHROM = '\t'.join(['#CHROM', 'POS', 'ID', 'REF', 'ALT', 'QUAL', 'FILTER', 'INFO', 'FORMAT', 'HG004'])
SINGLE_HEADER = SINGLE_META + grch38_contigs() + [SINGLE_CHROM]
FMT = 'GT:PS:DP:ADALL:AD:GQ'
SINGLE_RECORDS = [
    'chr1\t602113\t.\tT\tTGCCCA\t50\tPASS\tplatforms=2;datasets=2;callsets=3\t%s\t1/1:.:87:3,38:0,46:132' % FMT,
    'chr1\t603223\t.\tA\tG\t50\tPASS\tplatforms=2;datasets=2;callsets=3\t%s\t0/1:.:131:14,32:12,29:137' % FMT,
    'chr1\t604137\t.\tT\tG\t50\tPASS\tplatforms=3;datasets=3;callsets=5\t%s\t0/1:.:121:19,31:17,29:206' % FMT,
    'chr1\t604358\t.\tG\tC\t50\tPASS\tplatforms=2;datasets=2;callsets=3\t%s\t1/1:.:89:1,45:1,45:86' % FMT,
    'chr1\t604360\t.\tT\tC\t50\tPASS\tplatforms=2;datasets=2;callsets=3\t%s\t1/1:.:90:0,45:0,45:91' % FMT,
    'chr1\t606038\t.\tG\tA\t50\tPASS\tplatforms=3;datasets=3;callsets=4\t%s\t0/1:.:204:30,10:14,13:242' % FMT,
    'chr1\t606389\t.\tA\tG\t50\tPASS\tplatforms=3;datasets=4;callsets=6\t%s\t0/1:.:180:10,11:14,17:292' % FMT,
    'chr1\t611317\t.\tA\tG\t50\tPASS\tplatforms=3;datasets=4;callsets=6\t%s\t1/1:.:307:0,107:0,55:276' % FMT,
    'chr1\t613111\t.\tC\tT\t50\tPASS\tplatforms=4;datasets=4;callsets=5\t%s\t1/1:.:132:3,8:0,68:217' % FMT,
    'chr1\t614166\t.\tA\tG\t50\tPASS\tplatforms=2;datasets=2;callsets=3\t%s\t0/1:.:134:29,20:29,20:152' % FMT,
    'chr1\t951437\t.\tC\tCATTTT,T\t50\tPASS\tplatforms=3;datasets=3;callsets=5\t%s\t2/1:.:336:0,53,33:55,114,52:279' % FMT,
]
SH = len(SINGLE_HEADER)                                       # header lines (40); record k is on line SH + k


def single():
    return SINGLE_HEADER + SINGLE_RECORDS

# ---------------------------------------------------------------------------------------------------------
# base 2: five GRCh37 samples in the style of a 1000 Genomes phase 3 release (records of chr22 from
# 1kg_phase3_chr22_2504samples_first2000.vcf.gz, samples HG00096 HG00097 HG00099 HG00100 HG00101, INFO cut
# to AC/AF/AN/NS/DP, whose values are those of the full 2,504-sample release)
# ---------------------------------------------------------------------------------------------------------
COHORT_META = [
    '##fileformat=VCFv4.1',
    '##FILTER=<ID=PASS,Description="All filters passed">',
    '##fileDate=20140730',
    '##reference=ftp://ftp.1000genomes.ebi.ac.uk//vol1/ftp/technical/reference/phase2_reference_assembly_sequence/hs37d5.fa.gz',
    '##source=1000GenomesPhase3Pipeline',
]
COHORT_CONTIGS = ['##contig=<ID=%s,assembly=b37,length=%d>' % ('MT' if name == 'M' else name, length)
                  for name, length in zip(PRIMARY, GRCH37)]
COHORT_FIELDS = [
    '##INFO=<ID=AC,Number=A,Type=Integer,Description="Total number of alternate alleles in called genotypes">',
    '##INFO=<ID=AF,Number=A,Type=Float,Description="Estimated allele frequency in the range (0,1)">',
    '##INFO=<ID=AN,Number=1,Type=Integer,Description="Total number of alleles in called genotypes">',
    '##INFO=<ID=NS,Number=1,Type=Integer,Description="Number of samples with data">',
    '##INFO=<ID=DP,Number=1,Type=Integer,Description="Total read depth">',
    '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
]
COHORT_SAMPLES = ['HG00096', 'HG00097', 'HG00099', 'HG00100', 'HG00101']
COHORT_CHROM = '\t'.join(['#CHROM', 'POS', 'ID', 'REF', 'ALT', 'QUAL', 'FILTER', 'INFO', 'FORMAT'] + COHORT_SAMPLES)
COHORT_HEADER = COHORT_META + COHORT_CONTIGS + COHORT_FIELDS + [COHORT_CHROM]
COHORT_RECORDS = [
    '22\t16051249\trs62224609\tT\tC\t100\tPASS\tAC=563;AF=0.11242;AN=5008;NS=2504;DP=24401\tGT\t0|0\t1|0\t1|0\t0|0\t0|0',
    '22\t16051453\trs143503259\tA\tC,G\t100\tPASS\tAC=478,17;AF=0.0954473,0.00339457;AN=5008;NS=2504;DP=22548\tGT\t0|0\t1|0\t0|0\t0|0\t0|0',
    '22\t16052080\trs4965031\tG\tA\t100\tPASS\tAC=707;AF=0.141174;AN=5008;NS=2504;DP=22627\tGT\t0|1\t0|0\t0|0\t0|0\t0|0',
    '22\t16052167\trs201290950\tA\tAAAAC\t100\tPASS\tAC=2367;AF=0.472644;AN=5008;NS=2504;DP=22414\tGT\t0|1\t0|0\t0|0\t1|0\t1|0',
    '22\t16052962\trs376238049\tC\tT\t100\tPASS\tAC=470;AF=0.0938498;AN=5008;NS=2504;DP=24030\tGT\t0|0\t1|0\t1|0\t0|0\t0|0',
    '22\t16053659\trs141264943\tA\tC\t100\tPASS\tAC=4295;AF=0.857628;AN=5008;NS=2504;DP=14514\tGT\t1|0\t1|0\t1|0\t1|1\t1|1',
    '22\t16053791\trs11703994\tC\tA\t100\tPASS\tAC=831;AF=0.165935;AN=5008;NS=2504;DP=25845\tGT\t0|0\t0|0\t0|0\t0|1\t0|1',
    '22\t16053862\trs62224614\tC\tT\t100\tPASS\tAC=574;AF=0.114617;AN=5008;NS=2504;DP=27399\tGT\t0|0\t1|0\t1|0\t0|0\t0|0',
    '22\t16053863\trs78724352\tG\tA\t100\tPASS\tAC=703;AF=0.140375;AN=5008;NS=2504;DP=27372\tGT\t0|1\t0|0\t0|0\t0|0\t0|0',
    '22\t16054740\trs55926024\tA\tG\t100\tPASS\tAC=2482;AF=0.495607;AN=5008;NS=2504;DP=22450\tGT\t1|1\t0|0\t0|0\t1|0\t1|0',
]
CH = len(COHORT_HEADER)                                       # 37; record k is on line CH + k
COHORT_CONTIG_FIRST = len(COHORT_META) + 1                    # line of ##contig 1 (6)


def cohort():
    return COHORT_HEADER + COHORT_RECORDS

# ---------------------------------------------------------------------------------------------------------
# base 3: a GRCh38 single-sample gVCF in the style of GATK HaplotypeCaller -ERC GVCF (synthetic: the variant
# positions and alleles are HG004's from GIAB, the reference-block bases, depths and likelihoods are invented)
# ---------------------------------------------------------------------------------------------------------
GVCF_META = [
    '##fileformat=VCFv4.2',
    '##ALT=<ID=NON_REF,Description="Represents any possible alternative allele not already represented at this location by REF and ALT">',
    '##FILTER=<ID=LowQual,Description="Low quality">',
    '##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths for the ref and alt alleles in the order listed">',
    '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Approximate read depth (reads with MQ=255 or with bad mates are filtered)">',
    '##FORMAT=<ID=GQ,Number=1,Type=Integer,Description="Genotype Quality">',
    '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
    '##FORMAT=<ID=MIN_DP,Number=1,Type=Integer,Description="Minimum DP observed within the GVCF block">',
    '##FORMAT=<ID=PL,Number=G,Type=Integer,Description="Normalized, Phred-scaled likelihoods for genotypes as defined in the VCF specification">',
    '##GVCFBlock0-20=minGQ=0(inclusive),maxGQ=20(exclusive)',
    '##GVCFBlock20-60=minGQ=20(inclusive),maxGQ=60(exclusive)',
    '##GVCFBlock60-2147483647=minGQ=60(inclusive),maxGQ=2147483647(exclusive)',
    '##INFO=<ID=DP,Number=1,Type=Integer,Description="Approximate read depth; some reads may have been filtered">',
    '##INFO=<ID=END,Number=1,Type=Integer,Description="Stop position of the interval">',
]
GVCF_TAIL = ['##source=HaplotypeCaller',
             '\t'.join(['#CHROM', 'POS', 'ID', 'REF', 'ALT', 'QUAL', 'FILTER', 'INFO', 'FORMAT', 'HG004'])]
GVCF_HEADER = GVCF_META + grch38_contigs() + GVCF_TAIL
BLOCK = 'GT:DP:GQ:MIN_DP:PL'
CALL = 'GT:AD:DP:GQ:PL'
GVCF_RECORDS = [
    'chr1\t601901\t.\tC\t<NON_REF>\t.\t.\tEND=602112\t%s\t0/0:84:99:71:0,120,1800' % BLOCK,
    'chr1\t602113\t.\tT\tTGCCCA,<NON_REF>\t1622.03\t.\tDP=87\t%s\t1/1:0,46,0:87:132:1660,132,0,1665,138,1671' % CALL,
    'chr1\t602114\t.\tG\t<NON_REF>\t.\t.\tEND=603222\t%s\t0/0:92:99:60:0,120,1800' % BLOCK,
    'chr1\t603223\t.\tA\tG,<NON_REF>\t811.60\t.\tDP=131\t%s\t0/1:12,29,0:131:137:840,0,137,876,223,1099' % CALL,
    'chr1\t603224\t.\tC\t<NON_REF>\t.\t.\tEND=604136\t%s\t0/0:110:99:88:0,120,1800' % BLOCK,
    'chr1\t604137\t.\tT\tG,<NON_REF>\t902.60\t.\tDP=121\t%s\t0/1:17,29,0:121:206:931,0,206,982,293,1275' % CALL,
    'chr1\t604138\t.\tA\t<NON_REF>\t.\t.\tEND=604357\t%s\t0/0:97:42:35:0,42,630' % BLOCK,
    'chr1\t604358\t.\tG\tC,<NON_REF>\t1720.03\t.\tDP=89\t%s\t1/1:1,45,0:89:86:1758,86,0,1761,135,1809' % CALL,
]
GH = len(GVCF_HEADER)


def gvcf():
    return GVCF_HEADER + GVCF_RECORDS

# ---------------------------------------------------------------------------------------------------------
# containers
# ---------------------------------------------------------------------------------------------------------
BGZF_EOF = bytes.fromhex('1f8b08040000000000ff0600424302001b0003000000000000000000')


def bgzf_blocks(data, block_size=65280):
    """BGZF blocks as bgzip writes them (deflate level 6), without the end-of-file marker."""
    blocks = []
    for start in range(0, len(data), block_size):
        chunk = data[start:start + block_size]
        deflater = zlib.compressobj(6, zlib.DEFLATED, -15)
        compressed = deflater.compress(chunk) + deflater.flush()
        header = struct.pack('<BBBBIBBHBBHH', 0x1f, 0x8b, 8, 4, 0, 0, 0xff, 6, ord('B'), ord('C'), 2, len(compressed) + 25)
        blocks.append(header + compressed + struct.pack('<II', zlib.crc32(chunk) & 0xffffffff, len(chunk)))
    return blocks


def bgzf(data, block_size=65280):
    return b''.join(bgzf_blocks(data, block_size)) + BGZF_EOF


def plain_gzip(data):
    return gzip.compress(data, compresslevel=9, mtime=0)


def text(lines):
    return ('\n'.join(lines) + '\n').encode('utf-8')

# ---------------------------------------------------------------------------------------------------------
# line edits
# ---------------------------------------------------------------------------------------------------------
def set_column(lines, number, column, value):
    lines = list(lines)
    columns = lines[number - 1].split('\t')
    columns[column - 1] = value
    lines[number - 1] = '\t'.join(columns)
    return lines


def replace_line(lines, number, value):
    lines = list(lines)
    lines[number - 1] = value
    return lines


def insert_line(lines, number, value):
    lines = list(lines)
    lines.insert(number - 1, value)
    return lines


def remove_line(lines, number):
    lines = list(lines)
    del lines[number - 1]
    return lines


def line_of(lines, prefix):
    return next(index + 1 for index, line in enumerate(lines) if line.startswith(prefix))

# ---------------------------------------------------------------------------------------------------------
# the corpus
# ---------------------------------------------------------------------------------------------------------
ROWS = []
WRITTEN = set()


def write(name, data):
    if name in WRITTEN:
        raise SystemExit('written twice: ' + name)
    WRITTEN.add(name)
    with open(os.path.join(OUT, name), 'wb') as handle:
        handle.write(data)


def case(name, data, code, line, field, what, target=SINGLE_TARGET, assembly='GRCh38'):
    if data is not None:
        write(name, data)
    for value in (name, target, assembly, code, str(line), field, what):
        if '\t' in value or '\n' in value:
            raise SystemExit('tab or newline in manifest value: ' + value)
    ROWS.append((name, target, assembly, code, str(line), field, what))


# valid files the request-level cases use (and a positive control for the test)
write('valid-single-grch38.vcf.gz', bgzf(text(single())))
write('valid-cohort-grch37.vcf.gz', bgzf(text(cohort())))
write('valid-single-grch38.g.vcf.gz', bgzf(text(gvcf())))

# --- container damage -------------------------------------------------------------------------------------
whole = text(single())
blocks = bgzf_blocks(whole, 1024)
# cut in the middle of the deflate data of block 3 (of 6): lines in blocks 1-2 are read, then the data stop
cut = sum(len(block) for block in blocks[:2]) + len(blocks[2]) // 2
case('gz-bgzf-truncated-mid-block.vcf.gz', b''.join(blocks)[:cut], 'VCF_TRUNCATED_INPUT', 'LINE:TRUNC1', 'file',
     'BGZF upload cut short in the middle of the third of %d blocks of 1 KiB text each (the deflate data end mid-stream)' % len(blocks))
case('gz-bgzf-missing-eof-block.vcf.gz', b''.join(blocks), 'VCF_TRUNCATED_INPUT', 'LINE:TRUNC2', 'file',
     'BGZF of %d blocks, every block intact, but the 28-byte EOF marker block is missing (as when a file is cut exactly at a block boundary)' % len(blocks))
damaged = bytearray(bgzf(whole))
damaged[len(damaged) - len(BGZF_EOF) - 8] ^= 0x5a                 # the CRC-32 of the only data block
case('gz-bgzf-bad-crc.vcf.gz', bytes(damaged), 'VCF_CORRUPT_COMPRESSED_INPUT', 'LINE:CRC', 'file',
     'BGZF whose single data block has a wrong CRC-32 in its trailer (one bit-flipped byte, as from a bad disk or copy)')
case('gz-bgzf-zero-padding-after-eof.vcf.gz', bgzf(whole) + bytes(4096), 'VCF_CORRUPT_COMPRESSED_INPUT', 'LINE:PAD', 'file',
     'a complete BGZF file (with EOF marker) followed by 4096 zero bytes, as left by a preallocating transfer tool')
gz = plain_gzip(whole)
case('gz-gzip-truncated.vcf.gz', gz[:len(gz) * 2 // 3], 'VCF_TRUNCATED_INPUT', 'LINE:GZCUT', 'file',
     'plain gzip (not BGZF) cut after two thirds of its compressed bytes')
case('gz-empty-0-bytes.vcf.gz', b'', 'VCF_EMPTY_INPUT', '-', 'file',
     'a 0-byte file named .vcf.gz (an upload that never started)')
html = ('<!DOCTYPE html>\n<html lang="en">\n<head><title>403 Forbidden</title></head>\n<body>\n'
        '<h1>403 Forbidden</h1>\n<p>Your session has expired. Please log in again.</p>\n</body>\n</html>\n').encode('ascii')
case('gz-html-error-page-named-vcf-gz.vcf.gz', html, 'VCF_MISSING_FILEFORMAT', 1, 'fileformat',
     'not gzip at all: an HTML error page from a download portal saved under the name .vcf.gz')
zipped = io.BytesIO()
with zipfile.ZipFile(zipped, 'w', zipfile.ZIP_DEFLATED) as archive:
    info = zipfile.ZipInfo('HG004.vcf', date_time=(2024, 3, 11, 9, 30, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, whole)
case('gz-zip-archive-named-vcf-gz.vcf.gz', zipped.getvalue(), 'VCF_UNSUPPORTED_FORMAT', '-', 'file',
     'not gzip: a zip archive holding the VCF, renamed to .vcf.gz')
case('gz-double-gzipped.vcf.gz', plain_gzip(bgzf(whole)), 'VCF_BINARY_CONTENT', 1, 'line',
     'a BGZF file gzipped a second time: the outer gzip is sound but its content is gzip bytes, not VCF text')
case('gz-utf16-windows-export.vcf', ''.join(line + '\r\n' for line in single()).encode('utf-16'), 'VCF_BINARY_CONTENT', 1, 'line',
     'the VCF saved as UTF-16LE with a byte-order mark and CRLF by a Windows editor (every other byte is NUL)')
nul_lines = single()
nul_record = SH + 5
nul_bytes = b'\0' * len(nul_lines[nul_record - 1].encode('ascii'))
before = text(nul_lines[:nul_record - 1])
after = text(nul_lines[nul_record:])
case('gz-nul-filled-record.vcf', before + nul_bytes + b'\n' + after, 'VCF_BINARY_CONTENT', nul_record, 'line',
     'one record overwritten by NUL bytes of the same length (a zero-filled block after a storage fault)')
case('gz-utf8-bom.vcf', b'\xef\xbb\xbf' + whole, 'VCF_MISSING_FILEFORMAT', 1, 'fileformat',
     'a UTF-8 byte-order mark before ##fileformat (saved by a Windows editor); code, line and field are right but the message quotes the BOM invisibly')

# --- header -----------------------------------------------------------------------------------------------
case('hdr-missing-fileformat.vcf', text(single()[1:]), 'VCF_MISSING_FILEFORMAT', 1, 'fileformat',
     'the ##fileformat line is missing; the file starts with ##fileDate')
case('hdr-version-vcfv3.3.vcf', text(replace_line(single(), 1, '##fileformat=VCFv3.3')), 'VCF_UNSUPPORTED_VERSION', 1, 'fileformat',
     'declares the obsolete version VCFv3.3')
lines = remove_line(single(), SH)
case('hdr-missing-chrom-line.vcf', text(lines), 'VCF_MISSING_COLUMN_HEADER', SH, '#CHROM',
     'the #CHROM column header line is missing; the first record follows the ##contig lines')
chrom = SINGLE_CHROM.split('\t')
chrom[2], chrom[3] = chrom[3], chrom[2]
case('hdr-chrom-columns-swapped.vcf', text(replace_line(single(), SH, '\t'.join(chrom))), 'VCF_MALFORMED_COLUMN_HEADER', SH, 'ID',
     'the #CHROM line has REF and ID swapped (#CHROM POS REF ID ALT ...)')
case('hdr-format-column-missing.vcf', text(replace_line(single(), SH, SINGLE_CHROM.replace('\tFORMAT', ''))),
     'VCF_MALFORMED_COLUMN_HEADER', SH, 'FORMAT',
     'the #CHROM line has a sample column (HG004) but no FORMAT column before it')
case('hdr-chrom-line-trailing-tab.vcf', text(replace_line(single(), SH, SINGLE_CHROM + '\t')), 'VCF_MALFORMED_COLUMN_HEADER', SH,
     'sample column 11', 'the #CHROM line ends with a tab, which makes an 11th column with an empty sample name')
lines = replace_line(cohort(), CH, COHORT_CHROM.replace('HG00101', 'HG00096'))
case('hdr-duplicate-sample.vcf', text(lines), 'VCF_DUPLICATE_SAMPLE', CH, 'sample column 14',
     'two sample columns are named HG00096 (a re-sequenced sample merged in under the same name)',
     target=COHORT_TARGET, assembly='GRCh37')
info_dp = line_of(single(), '##INFO=<ID=platforms')
lines = replace_line(single(), info_dp, single()[info_dp - 1][:-1])
case('hdr-info-missing-closing-bracket.vcf', text(lines), 'VCF_MALFORMED_HEADER_LINE', info_dp, '##INFO',
     'an ##INFO definition lost its closing >')
chr7 = SINGLE_CONTIG_FIRST + 6
case('hdr-contig-length-thousands-separators.vcf', text(replace_line(single(), chr7, '##contig=<ID=chr7,length=159,345,973>')),
     'VCF_MALFORMED_HEADER_LINE', chr7, '##contig',
     'the length of chr7 is written with thousands separators (159,345,973)')
lines = insert_line(single(), SH, '##contig=<ID=MT,length=16569>')
case('hdr-contig-declared-twice-chrm-mt.vcf', text(lines), 'VCF_DUPLICATE_CONTIG', SH, '##contig',
     'the mitochondrion is declared twice, as chrM and as MT (headers of two references merged)')
chrx = SINGLE_CONTIG_FIRST + 22
case('hdr-contig-length-zero.vcf', text(replace_line(single(), chrx, '##contig=<ID=chrX,length=0>')),
     'VCF_MALFORMED_HEADER_LINE', chrx, '##contig', 'contig chrX is declared with length 0')
second = single()[:SH + 4] + single()
case('hdr-two-vcfs-concatenated.vcf', text(second), 'VCF_MALFORMED_HEADER_LINE', SH + 5, 'line',
     'two VCFs joined with cat: the second file\'s ##fileformat line follows four records of the first')
lines = insert_line(single(), SH - 25, '##source HaplotypeCaller version 4.2.6.1')
case('hdr-meta-line-without-equals.vcf', text(lines), 'VCF_MALFORMED_HEADER_LINE', SH - 25, '##',
     'a meta-information line written with a space instead of = (##source HaplotypeCaller ...)')

# --- records ----------------------------------------------------------------------------------------------
lines = replace_line(single(), SH + 3, '\t'.join(SINGLE_RECORDS[2].split('\t')[:8]))
case('rec-sample-columns-missing.vcf', text(lines), 'VCF_WRONG_COLUMN_COUNT', SH + 3, 'line',
     'one record has only the 8 site columns (FORMAT and the sample column are missing)')
lines = replace_line(single(), SH + 6, SINGLE_RECORDS[5] + '\t')
case('rec-trailing-tab.vcf', text(lines), 'VCF_WRONG_COLUMN_COUNT', SH + 6, 'line',
     'one record ends with a tab: 11 columns where the #CHROM line has 10')
case('rec-pos-excel-scientific.vcf', text(set_column(single(), SH + 4, 2, '6.04358E+05')), 'VCF_INVALID_POSITION', SH + 4, 'POS',
     'POS written in scientific notation (6.04358E+05) after a round trip through a spreadsheet')
case('rec-pos-zero.vcf', text(set_column(single(), SH + 1, 2, '0')), 'VCF_INVALID_POSITION', SH + 1, 'POS',
     'POS 0 on the first record (a 0-based BED coordinate written as POS)')
case('rec-pos-negative.vcf', text(set_column(single(), SH + 2, 2, '-603223')), 'VCF_INVALID_POSITION', SH + 2, 'POS',
     'a negative POS')
case('rec-ref-dash-insertion.vcf', text(set_column(set_column(single(), SH + 1, 4, '-'), SH + 1, 5, 'GCCCA')),
     'VCF_INVALID_REFERENCE_ALLELE', SH + 1, 'REF',
     'an insertion written ANNOVAR/HGVS style with REF - instead of a padding base')
case('rec-alt-dash-deletion.vcf', text(set_column(single(), SH + 3, 5, '-')), 'VCF_INVALID_ALTERNATE_ALLELE', SH + 3, 'ALT',
     'a deletion written with ALT - instead of the padding base')
case('rec-ref-iupac-lowercase.vcf', text(set_column(single(), SH + 7, 4, 'y')), 'VCF_INVALID_REFERENCE_ALLELE', SH + 7, 'REF',
     'REF is the IUPAC ambiguity code y (soft-masked reference with ambiguity codes)')
case('rec-alt-empty.vcf', text(set_column(single(), SH + 8, 5, '')), 'VCF_INVALID_ALTERNATE_ALLELE', SH + 8, 'ALT',
     'ALT is an empty string instead of . or an allele')
case('rec-alt-equals-ref.vcf', text(set_column(single(), SH + 9, 5, 'C')), 'VCF_INVALID_ALTERNATE_ALLELE', SH + 9, 'ALT',
     'reader-gap: ALT C equals REF C (a homozygous-reference site written as a variant)')
case('rec-alt-listed-twice.vcf', text(set_column(single(), SH + 11, 5, 'CATTTT,CATTTT')), 'VCF_INVALID_ALTERNATE_ALLELE', SH + 11, 'ALT',
     'reader-gap: the same ALT allele is listed twice (CATTTT,CATTTT); GT 2/1 would then be a homozygous call in disguise')
case('rec-alt-symbolic-with-space.vcf', text(set_column(single(), SH + 10, 5, '<INS ME>')), 'VCF_INVALID_ALTERNATE_ALLELE', SH + 10, 'ALT',
     'a symbolic ALT allele with a space in it (<INS ME> instead of <INS:ME>)')
case('rec-qual-decimal-comma.vcf', text(set_column(single(), SH + 2, 6, '49,87')), 'VCF_INVALID_QUALITY', SH + 2, 'QUAL',
     'QUAL written with a decimal comma (49,87) by a Norwegian-locale export')
case('rec-format-empty-key.vcf', text(set_column(single(), SH + 5, 9, 'GT:PS::DP:ADALL:AD:GQ')), 'VCF_INVALID_FORMAT', SH + 5, 'FORMAT',
     'FORMAT has an empty key (GT:PS::DP:...)')
case('rec-qual-two-decimal-points.vcf', text(set_column(single(), SH + 11, 6, '1.622.03')), 'VCF_INVALID_QUALITY', SH + 11, 'QUAL',
     'reader-gap: QUAL 1.622.03 (1622.03 with a thousands point added) is not a number; the reader only checks the characters used')
case('rec-info-with-space.vcf', text(set_column(single(), SH + 6, 8, 'platforms=3; datasets=3; callsets=4')), 'VCF_INVALID_INFO', SH + 6, 'INFO',
     'reader-gap: INFO written with spaces after the semicolons (platforms=3; datasets=3; ...); white space is not allowed in INFO (bcftools refuses it)')
case('rec-sample-more-fields-than-format.vcf', text(set_column(single(), SH + 2, 9, 'GT:PS:DP:ADALL:AD')), 'VCF_INVALID_FORMAT', SH + 2, 'FORMAT',
     'reader-gap: FORMAT lost its last key (GQ) but the sample still has six values; the sample has more subfields than FORMAT has keys (bcftools refuses it)')
case('rec-format-gt-twice.vcf', text(set_column(set_column(single(), SH + 8, 9, 'GT:PS:DP:ADALL:AD:GT'), SH + 8, 10, '1/1:.:307:0,107:0,55:0/1')),
     'VCF_INVALID_FORMAT', SH + 8, 'FORMAT',
     'reader-gap: FORMAT lists GT twice (GT:PS:DP:ADALL:AD:GT) with different calls 1/1 and 0/1; which one is meant is undefined')
lines = single()
lines[SH + 5], lines[SH + 6] = lines[SH + 6], lines[SH + 5]
case('rec-unsorted.vcf.gz', bgzf(text(lines)), 'VCF_UNSORTED_RECORDS', SH + 7, 'POS',
     'BGZF; two records of chr1 swapped (606389 before 606038)')
lines = insert_line(single(), SH + 8,
                    'chr2\t10473\t.\tG\tA\t50\tPASS\tplatforms=2;datasets=2;callsets=3\t%s\t0/1:.:98:41,40:40,38:99' % FMT)
case('rec-contig-not-contiguous.vcf', text(lines), 'VCF_CONTIG_NOT_CONTIGUOUS', SH + 9, 'CHROM',
     'a chr2 record between chr1 records (two shards of a sharded run joined in the wrong order)')
lines = single() + ['chrUn_KI270742v1\t23050\t.\tC\tT\t50\tPASS\tplatforms=2;datasets=2;callsets=3\t%s\t0/1:.:77:38,39:37,36:99' % FMT]
case('rec-contig-not-declared.vcf', text(lines), 'VCF_INVALID_CONTIG', SH + 12, 'CHROM',
     'reader-gap: a record on chrUn_KI270742v1, which the header (declaring chr1-chrM) does not declare, so its length is unknown')
lines = single() + ['chr1\t249240604\t.\tT\tC\t50\tPASS\tplatforms=3;datasets=4;callsets=6\t%s\t0/1:.:151:70,81:69,80:300' % FMT]
case('rec-pos-beyond-contig.vcf', text(lines), 'VCF_POSITION_BEYOND_CONTIG', SH + 12, 'POS',
     'a GRCh37 coordinate (chr1:249240604) in a GRCh38 file, beyond the declared length of chr1 (248956422)')
cut_text = text(single())
last = cut_text.rfind(b'\tC\tCATTTT')
case('rec-plain-text-cut-mid-record.vcf', cut_text[:last + 2], 'VCF_WRONG_COLUMN_COUNT', SH + 11, 'line',
     'plain-text upload cut short in the last record (after its REF, no final newline)')
lines = set_column(cohort(), CH + 4, 14, '')
lines[CH + 3] = lines[CH + 3][:-1]                              # drop the tab as well
case('rec-cohort-sample-column-missing.vcf', text(lines), 'VCF_WRONG_COLUMN_COUNT', CH + 4, 'line',
     'one record of the five-sample file has only four sample columns', target=COHORT_TARGET, assembly='GRCh37')

# --- genotypes --------------------------------------------------------------------------------------------
case('gt-allele-index-beyond-alt.vcf', text(set_column(single(), SH + 3, 10, '0/2:.:121:19,31:17,29:206')),
     'VCF_ALLELE_INDEX_OUT_OF_RANGE', SH + 3, 'GT', 'GT 0/2 on a record with one ALT allele')
case('gt-bases-instead-of-indices.vcf', text(set_column(single(), SH + 2, 10, 'A/G:.:131:14,32:12,29:137')),
     'VCF_MALFORMED_GENOTYPE', SH + 2, 'GT', 'GT written as bases (A/G) instead of allele indices')
case('gt-haploid-on-autosome.vcf', text(set_column(single(), SH + 4, 10, '1:.:89:1,45:1,45:86')),
     'VCF_PLOIDY_NOT_ALLOWED', SH + 4, 'GT', 'a haploid call (GT 1) on chr1')
case('gt-triploid.vcf', text(set_column(cohort(), CH + 6, 12, '1|0|1')), 'VCF_UNSUPPORTED_PLOIDY', CH + 6, 'GT',
     'sample HG00099 has a triploid call (1|0|1)', target=COHORT_TARGET, assembly='GRCh37')
case('gt-mixed-ploidy-cohort.vcf', text(set_column(cohort(), CH + 8, 13, '0')), 'VCF_PLOIDY_NOT_ALLOWED', CH + 8, 'GT',
     'sample HG00100 has a haploid call on chromosome 22 while the other four are diploid', target=COHORT_TARGET, assembly='GRCh37')
lines = set_column(cohort(), CH + 2, 5, 'C')
lines = set_column(lines, CH + 2, 8, 'AC=478;AF=0.0954473;AN=5008;NS=2504;DP=22548')
lines = set_column(lines, CH + 2, 11, '2|0')
case('gt-index-kept-after-naive-split.vcf', text(lines), 'VCF_ALLELE_INDEX_OUT_OF_RANGE', CH + 2, 'GT',
     'a multi-allelic record (A>C,G) split by a script that kept the ALT C but left HG00097\'s GT 2|0', target=COHORT_TARGET,
     assembly='GRCh37')

# --- gVCF -------------------------------------------------------------------------------------------------
case('gvcf-end-before-pos.g.vcf', text(set_column(gvcf(), GH + 5, 8, 'END=603124')), 'VCF_INVALID_INFO', GH + 5, 'INFO',
     'a reference block at chr1:603224 with END=603124 (END before POS)')
case('gvcf-overlapping-blocks.g.vcf', text(set_column(gvcf(), GH + 3, 8, 'END=603300')), 'VCF_UNSORTED_RECORDS', GH + 4, 'POS',
     'reader-gap: the reference block chr1:602114 is given END=603300, so it overlaps the variant at 603223 (line %d) and the next block; '
     'records are sorted by POS but overlap; no dedicated code exists (UNSORTED_RECORDS at the first overlapped record is proposed)' % (GH + 4))

# --- assembly ---------------------------------------------------------------------------------------------
case('asm-grch38-file-flag-grch37.vcf.gz', bgzf(text(single())), 'VCF_ASSEMBLY_MISMATCH', SINGLE_CONTIG_FIRST, '##contig',
     'a GRCh38 file (contig lengths of GRCh38) submitted with --assembly GRCh37', assembly='GRCh37')
case('asm-grch37-cohort-flag-grch38.vcf', text(cohort()), 'VCF_ASSEMBLY_MISMATCH', COHORT_CONTIG_FIRST, '##contig',
     'a GRCh37 (b37) cohort file submitted with --assembly GRCh38', target=COHORT_TARGET, assembly='GRCh38')
lines = replace_line(single(), SINGLE_CONTIG_FIRST + 1, '##contig=<ID=chr2,length=243199373>')
case('asm-contig-lengths-mixed.vcf', text(lines), 'VCF_ASSEMBLY_CONFLICT', SINGLE_CONTIG_FIRST, '##contig',
     'chr2 declared with its GRCh37 length among GRCh38 lengths (a header patched by hand); no --assembly given', assembly='-')
lines = single()
for index in range(25):
    lines = replace_line(lines, SINGLE_CONTIG_FIRST + index, '##contig=<ID=chr%s>' % PRIMARY[index])
case('asm-unrecognisable.vcf', text(lines), 'VCF_ASSEMBLY_UNKNOWN', SH, 'assembly',
     'the ##contig lines carry no lengths and no --assembly is given; the ingest requires an assembly (reader option requireAssembly=true)',
     assembly='-')

# --- request level (the VCF itself is valid; the ingest refuses) ---------------------------------------------
case('valid-single-grch38.vcf.gz', None, 'GENOME_INVALID_NATIONAL_ID', '-', '-',
     'valid file, national ID 12345678901 has wrong check digits', target='patient:12345678901:HG004')
case('valid-single-grch38.vcf.gz', None, 'GENOME_INVALID_NATIONAL_ID', '-', '-',
     'valid file, national ID with 10 digits (1585854004)', target='patient:1585854004:HG004')
case('valid-single-grch38.vcf.gz', None, 'GENOME_INVALID_NATIONAL_ID', '-', '-',
     'valid file, national ID with the letter O for a zero (15858540O43)', target='patient:15858540O43:HG004')
case('valid-single-grch38.vcf.gz', None, 'GENOME_INVALID_NATIONAL_ID', '-', '-',
     'valid file, national ID 32858540088 has correct check digits but day 32 (the ingest must check the date too)',
     target='patient:32858540088:HG004')
case('valid-single-grch38.vcf.gz', None, 'GENOME_SAMPLE_EXISTS', '-', '-',
     'precondition: ingest-once; the same patient sample ingested a second time')
case('valid-cohort-grch37.vcf.gz', None, 'GENOME_SAMPLE_EXISTS', '-', '-',
     'precondition: ingest-once; the same cohort file ingested a second time (its five sample IDs are already in the store)',
     target=COHORT_TARGET, assembly='GRCh37')
case('valid-single-grch38.vcf.gz', None, 'GENOME_SAMPLE_NOT_IN_FILE', '-', '-',
     'valid file whose only sample is HG004, asked to store sample HG002', target='patient:%s:HG002' % VALID_NID)
sites = [line for line in SINGLE_META if not line.startswith('##FORMAT')] + grch38_contigs() + [
    '\t'.join(['#CHROM', 'POS', 'ID', 'REF', 'ALT', 'QUAL', 'FILTER', 'INFO'])] + [
    '\t'.join(record.split('\t')[:8]) for record in SINGLE_RECORDS]
case('req-sites-only-for-patient.vcf.gz', bgzf(text(sites)), 'GENOME_SAMPLE_NOT_IN_FILE', '-', '-',
     'a sites-only VCF (no FORMAT, no sample columns, e.g. an annotation file sent by mistake) submitted for a patient')
case('valid-cohort-grch37.vcf.gz', None, 'GENOME_SINGLE_SAMPLE_EXPECTED', '-', '-',
     'the five-sample file submitted for one patient (--patient with sample HG00096, which is in the file)',
     target='patient:%s:HG00096' % VALID_NID, assembly='GRCh37')
case('req-header-only.vcf.gz', bgzf(text(SINGLE_HEADER)), 'GENOME_EMPTY_INPUT', '-', '-',
     'a complete, valid header with no records (a pipeline that failed before calling)')
case('req-gvcf-header-only.g.vcf', text(GVCF_HEADER), 'GENOME_EMPTY_INPUT', '-', '-',
     'a gVCF header with neither variants nor reference blocks', assembly='-')
lines = insert_line(single(), SH + 5, SINGLE_RECORDS[3].replace('\t1/1:', '\t0/1:'))
case('req-duplicate-record.vcf', text(lines), 'GENOME_DUPLICATE_VARIANT', SH + 5, '-',
     'the record chr1:604358 G>C appears twice in a row with different calls (1/1, then 0/1: two callers joined);'
     ' line = the second copy (identical repeats, as in real Platinum Genomes files, are merged, not refused)')
lines = insert_line(single(), SH + 5,
                    'chr1\t604358\t.\tG\tC,T\t50\tPASS\tplatforms=1;datasets=1;callsets=1\t%s\t1/2:.:89:1,40,4:1,40,4:20' % FMT)
case('req-duplicate-after-split.vcf', text(lines), 'GENOME_DUPLICATE_VARIANT', SH + 5, '-',
     'chr1:604358 G>C as its own record and again inside the multi-allelic G>C,T that follows (duplicate once split); line = the second record')

# --- generated at test time (too big to commit) --------------------------------------------------------------
case('generated:huge-line', None, 'VCF_LINE_TOO_LONG', SH + 1, 'line',
     'made by the test: valid-single-grch38.vcf.gz decompressed, record line %d (the first) with INFO extended by ";X=" and '
     '"A" repeated until the line is 67108865 bytes (64 MiB + 1) without its newline; plain text' % (SH + 1))
case('generated:huge-header-line', None, 'VCF_LINE_TOO_LONG', 3, 'line',
     'made by the test: valid-single-grch38.vcf.gz decompressed, line 3 (##source=...) extended with "A" to 67108865 bytes; '
     'then BGZF-compressed like valid-single-grch38.vcf.gz (about 110 KB)')

with open(os.path.join(OUT, 'MANIFEST.tsv'), 'w', encoding='utf-8', newline='\n') as manifest:
    manifest.write('file\ttarget\tassembly\texpected_code\tline\tfield\twhat\n')
    for row in ROWS:
        manifest.write('\t'.join(row) + '\n')

# the truncation lines depend on how much decompresses before the damage; note them for resolution below
with open(os.path.join(OUT, '.pending-lines'), 'w') as pending:
    for row in ROWS:
        if row[4].startswith('LINE:'):
            pending.write(row[0] + '\t' + row[4] + '\n')
PYTHON

# ---------------------------------------------------------------------------------------------------------
# The line named by a container error is the line being read when the damage is met: for a cut or a bad CRC
# that is the first line not wholly decompressed before it. Work it out independently of permed: decompress
# what can be decompressed (python's zlib, member by member, stopping at the damage) and count the complete
# lines; the error names the next line.
# ---------------------------------------------------------------------------------------------------------
python3 - "$out" <<'PYTHON'
import os
import sys
import zlib

OUT = sys.argv[1]


def readable_prefix(data):
    """Text decompressed before the damage: whole members, then what a truncated or damaged member yields."""
    text = b''
    position = 0
    while position < len(data):
        if data[position:position + 2] != b'\x1f\x8b':
            break
        flags = data[position + 3]
        cursor = position + 10
        if flags & 4:
            extra = int.from_bytes(data[cursor:cursor + 2], 'little')
            cursor += 2 + extra
        if flags & 8:
            cursor = data.index(b'\0', cursor) + 1
        inflater = zlib.decompressobj(-15)
        member = inflater.decompress(data[cursor:])
        if not inflater.eof:
            return text + member
        trailer = inflater.unused_data[:8]
        if len(trailer) < 8:
            return text + member
        if int.from_bytes(trailer[:4], 'little') != zlib.crc32(member) & 0xffffffff:
            return text + member                # the member's text is handed on before its CRC is checked
        text += member
        position = len(data) - len(inflater.unused_data) + 8
    return text


manifest = os.path.join(OUT, 'MANIFEST.tsv')
pending = dict(line.rstrip('\n').split('\t') for line in open(os.path.join(OUT, '.pending-lines')))
rows = []
for line in open(manifest, encoding='utf-8'):
    columns = line.rstrip('\n').split('\t')
    if columns[0] in pending:
        data = open(os.path.join(OUT, columns[0]), 'rb').read()
        prefix = readable_prefix(data)
        columns[4] = str(prefix.count(b'\n') + 1)
    rows.append('\t'.join(columns))
open(manifest, 'w', encoding='utf-8', newline='\n').write('\n'.join(rows) + '\n')
os.remove(os.path.join(OUT, '.pending-lines'))
PYTHON

if command -v bgzip > /dev/null; then
    # the valid files must be sound BGZF for htslib too
    for valid in valid-single-grch38.vcf.gz valid-cohort-grch37.vcf.gz valid-single-grch38.g.vcf.gz; do
        bgzip -t "$out/$valid"
    done
fi

count=$(($(wc -l < "$out/MANIFEST.tsv") - 1))
echo "wrote $count cases to $out ($(du -sb "$out" | cut -f1) bytes)"
