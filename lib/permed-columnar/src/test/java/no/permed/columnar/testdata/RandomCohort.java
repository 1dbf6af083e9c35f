package no.permed.columnar.testdata;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import no.permed.columnar.GenotypeCodes;
import no.permed.columnar.Site;
import no.permed.columnar.segment.SegmentWriter;
import no.permed.columnar.segment.SegmentWriterOptions;
import no.permed.columnar.segment.SiteCalls;
import no.permed.columnar.segment.WrittenSegment;

/**
 * Seeded random cohorts that exercise every path of the codec: rare and common sites (sparse and
 * dense), hom-alt-heavy sites, all-missing sites, haploid samples (fixed sets, changing sets, all
 * haploid), phased, unphased and mixed phase, missing and partly missing calls, several sites at
 * one position, several contigs.
 */
public final class RandomCohort {
    private static final String[] CONTIGS = {"1", "2", "X", "MT", "GL000192.1"};
    private static final String[] ALLELES = {"A", "C", "G", "T", "AT", "GCC", "<DEL>", "*", "N"};

    private final List<Site> sites;
    private final List<byte[]> calls;
    private final int sampleCount;

    private RandomCohort(int sampleCount, List<Site> sites, List<byte[]> calls) {
        this.sampleCount = sampleCount;
        this.sites = sites;
        this.calls = calls;
    }

    public static RandomCohort generate(long seed, int sampleCount, int siteCount) {
        Random random = new Random(seed);
        List<Site> sites = new ArrayList<>();
        List<byte[]> calls = new ArrayList<>();
        int contigCount = 1 + random.nextInt(CONTIGS.length);
        int sitesLeft = siteCount;
        boolean[] fixedHaploid = new boolean[sampleCount];
        for (int sample = 0; sample < sampleCount; sample++) {
            fixedHaploid[sample] = random.nextBoolean();
        }
        for (int contig = 0; contig < contigCount && sitesLeft > 0; contig++) {
            int here = contig == contigCount - 1 ? sitesLeft : random.nextInt(sitesLeft + 1);
            sitesLeft -= here;
            int position = 1 + random.nextInt(1000);
            List<String> usedAtPosition = new ArrayList<>();
            for (int index = 0; index < here; index++) {
                if (random.nextInt(6) != 0 || usedAtPosition.size() > 20) {
                    position += 1 + random.nextInt(random.nextBoolean() ? 10 : 100_000);
                    usedAtPosition.clear();
                }
                Site site;
                do {
                    String reference = ALLELES[random.nextInt(4)];
                    String alternate = ALLELES[random.nextInt(ALLELES.length)];
                    if (reference.equals(alternate)) {
                        alternate = reference + "A";
                    }
                    site = new Site(CONTIGS[contig], position, reference, alternate);
                } while (usedAtPosition.contains(site.reference() + ">" + site.alternate()));
                usedAtPosition.add(site.reference() + ">" + site.alternate());
                sites.add(site);
                calls.add(randomCalls(random, sampleCount, fixedHaploid));
            }
        }
        return new RandomCohort(sampleCount, List.copyOf(sites), List.copyOf(calls));
    }

    private static byte[] randomCalls(Random random, int sampleCount, boolean[] fixedHaploid) {
        byte[] codes = new byte[sampleCount];
        double alternateFrequency = switch (random.nextInt(6)) {
            case 0 -> 0;
            case 1 -> 0.5 / Math.max(1, sampleCount);
            case 2 -> random.nextDouble() * 0.02;
            case 3 -> random.nextDouble();
            case 4 -> 0.9 + random.nextDouble() * 0.1;
            default -> random.nextDouble() * 0.3;
        };
        double missingRate = switch (random.nextInt(5)) {
            case 0 -> 0.05;
            case 1 -> 1.0;
            default -> random.nextInt(3) == 0 ? 0.002 : 0;
        };
        double partlyMissingRate = random.nextInt(4) == 0 ? 0.01 : 0;
        int ploidyMode = random.nextInt(6);
        int phaseMode = random.nextInt(4);
        for (int sample = 0; sample < sampleCount; sample++) {
            boolean haploid = switch (ploidyMode) {
                case 0, 1 -> fixedHaploid[sample];
                case 2 -> random.nextInt(50) == 0;
                case 3 -> true;
                default -> false;
            };
            if (haploid) {
                int allele = random.nextDouble() < missingRate ? GenotypeCodes.MISSING
                        : random.nextDouble() < alternateFrequency ? GenotypeCodes.ALTERNATE : GenotypeCodes.REFERENCE;
                codes[sample] = GenotypeCodes.haploid(allele);
                continue;
            }
            boolean phased = switch (phaseMode) {
                case 0 -> true;
                case 1 -> false;
                case 2 -> random.nextBoolean();
                default -> random.nextInt(20) != 0;
            };
            int first = random.nextDouble() < alternateFrequency ? GenotypeCodes.ALTERNATE : GenotypeCodes.REFERENCE;
            int second = random.nextDouble() < alternateFrequency ? GenotypeCodes.ALTERNATE : GenotypeCodes.REFERENCE;
            if (random.nextDouble() < missingRate) {
                first = GenotypeCodes.MISSING;
                second = GenotypeCodes.MISSING;
            } else if (random.nextDouble() < partlyMissingRate) {
                if (random.nextBoolean()) {
                    first = GenotypeCodes.MISSING;
                } else {
                    second = GenotypeCodes.MISSING;
                }
            }
            codes[sample] = GenotypeCodes.diploid(first, second, phased);
        }
        return codes;
    }

    public int sampleCount() {
        return sampleCount;
    }

    public int siteCount() {
        return sites.size();
    }

    public List<Site> sites() {
        return sites;
    }

    public Site site(int index) {
        return sites.get(index);
    }

    /** The calls of a site; do not modify. */
    public byte[] calls(int index) {
        return calls.get(index);
    }

    /** Writes the cohort as a segment. */
    public WrittenSegment write(Path target, SegmentWriterOptions options) {
        try (SegmentWriter writer = SegmentWriter.create(target, sampleCount, options)) {
            SiteCalls buffer = new SiteCalls(sampleCount);
            for (int index = 0; index < sites.size(); index++) {
                buffer.copyFrom(calls.get(index), 0);
                writer.add(sites.get(index), buffer);
            }
            return writer.commit();
        }
    }

    /** Naive reference counts: {AC, AN, HOM, HEMI} of one site over the samples with {@code included[sample]}. */
    public int[] naiveCounts(int site, boolean[] included) {
        int alleleCount = 0;
        int alleleNumber = 0;
        int homozygous = 0;
        int hemizygous = 0;
        byte[] codes = calls.get(site);
        for (int sample = 0; sample < sampleCount; sample++) {
            if (!included[sample] || GenotypeCodes.isMissing(codes[sample])) {
                continue;
            }
            int alternates = GenotypeCodes.alternateAlleleCount(codes[sample]);
            alleleCount += alternates;
            if (GenotypeCodes.ploidy(codes[sample]) == 1) {
                alleleNumber += 1;
                hemizygous += alternates;
            } else {
                alleleNumber += 2;
                if (alternates == 2) {
                    homozygous++;
                }
            }
        }
        return new int[] {alleleCount, alleleNumber, homozygous, hemizygous};
    }
}
