package no.permed.columnar.segment;

/** One contig of the segment index: its name and its ranges of sites and blocks. */
record ContigEntry(String name, int firstSite, int siteCount, int firstBlock, int blockCount) {
}
