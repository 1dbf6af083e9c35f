package no.permed.simulate.internal;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import no.permed.simulate.SimulationModel;
import no.permed.simulate.SimulationProgress;
import no.permed.simulate.SimulationRequest;
import no.permed.vcf.header.ContigDefinition;

/**
 * Writes the simulated cohort as VCF text: the header, then one record per planned site, built in a reused byte
 * buffer (no object per genotype).
 */
public final class CohortWriter {
    private static final int PROGRESS_INTERVAL = 256;
    /** The text of an allele by {@code allele + 2}: absent and missing are {@code .}. */
    private static final byte[] ALLELE_TEXT = {'.', '.', '0', '1'};
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    /** The four bytes {@code \tA|B} of a diploid call as one little-endian int, by {@code 4 * (a + 2) + (b + 2)}. */
    private static final int[] DIPLOID_TEXT = diploidText();

    private final ReferencePanel panel;
    private final SitePlan plan;
    private final SimulationRequest request;

    private CohortWriter(ReferencePanel panel, SitePlan plan, SimulationRequest request) {
        this.panel = panel;
        this.plan = plan;
        this.request = request;
    }

    /** Plans the sites; throws {@code SIMULATE_TOO_MANY_SITES} when repetition would pass the largest position. */
    public static CohortWriter plan(ReferencePanel panel, SimulationRequest request) {
        requireNonNull(panel, "panel is null");
        requireNonNull(request, "request is null");
        long requested = request.sites().isPresent() ? request.sites().getAsInt() : panel.sites().size();
        return new CohortWriter(panel, SitePlan.of(panel, requested), request);
    }

    public long totalSites() {
        return plan.totalSites();
    }

    public int copies() {
        return plan.maximumCopies();
    }

    /** Writes header and records to {@code out} (not closed), telling {@code progress} as it goes. */
    public void write(OutputStream out, SimulationProgress progress) throws IOException {
        progress.update(0, plan.totalSites());
        out.write(header().getBytes(StandardCharsets.US_ASCII));
        int samples = request.samples();
        MosaicGenerator generator = new MosaicGenerator(panel.samples().size(), samples, request.model(), request.seed());
        List<ReferenceSite> sites = panel.sites();
        List<ReferenceContig> contigs = panel.contigs();
        int longestColumns = 0;
        for (ReferenceSite site : sites) {
            longestColumns = Math.max(longestColumns, site.columnsAfterPosition().length);
        }
        int longestContig = 0;
        for (ReferenceContig contig : contigs) {
            longestContig = Math.max(longestContig, contig.name().length());
        }
        byte[] line = new byte[longestContig + 12 + longestColumns + 4 * samples + 1];
        long written = 0;
        for (int contigIndex = 0; contigIndex < contigs.size() && written < plan.totalSites(); contigIndex++) {
            ReferenceContig contig = contigs.get(contigIndex);
            byte[] contigName = contig.name().getBytes(StandardCharsets.US_ASCII);
            int copies = plan.copiesByContig()[contigIndex];
            long shift = plan.shiftByContig()[contigIndex];
            if (copies > 0) {
                generator.startContig(contig.firstPosition());
            }
            for (int copy = 0; copy < copies && written < plan.totalSites(); copy++) {
                for (int index = contig.firstSite(); index < contig.endSite() && written < plan.totalSites(); index++) {
                    ReferenceSite site = sites.get(index);
                    long position = site.position() + copy * shift;
                    generator.site(site, position);
                    int length = formatRecord(line, contigName, position, site.columnsAfterPosition(), generator);
                    out.write(line, 0, length);
                    written++;
                    if (written % PROGRESS_INTERVAL == 0) {
                        progress.update(written, plan.totalSites());
                    }
                }
            }
        }
        if (written % PROGRESS_INTERVAL != 0) {
            progress.update(written, plan.totalSites());
        }
    }

    private static int formatRecord(byte[] line, byte[] contig, long position, byte[] columns, MosaicGenerator generator) {
        System.arraycopy(contig, 0, line, 0, contig.length);
        int at = contig.length;
        line[at++] = '\t';
        at = writeNumber(line, at, position);
        System.arraycopy(columns, 0, line, at, columns.length);
        at += columns.length;
        byte[] alleles = generator.alleles();
        byte[] ploidies = generator.ploidies();
        if (generator.allDiploid()) {
            for (int slot = 0; slot < alleles.length; slot += 2) {
                INTS.set(line, at, DIPLOID_TEXT[4 * (alleles[slot] + 2) + alleles[slot + 1] + 2]);
                at += 4;
            }
            line[at++] = '\n';
            return at;
        }
        for (int sample = 0; sample < ploidies.length; sample++) {
            line[at++] = '\t';
            int ploidy = ploidies[sample];
            if (ploidy == 2) {
                line[at++] = ALLELE_TEXT[alleles[2 * sample] + 2];
                line[at++] = '|';
                line[at++] = ALLELE_TEXT[alleles[2 * sample + 1] + 2];
            } else if (ploidy == 1) {
                line[at++] = ALLELE_TEXT[alleles[2 * sample] + 2];
            } else {
                line[at++] = '.';
            }
        }
        line[at++] = '\n';
        return at;
    }

    private static int[] diploidText() {
        int[] text = new int[16];
        for (int first = 0; first < 4; first++) {
            for (int second = 0; second < 4; second++) {
                text[4 * first + second] = '\t' | ALLELE_TEXT[first] << 8 | '|' << 16 | ALLELE_TEXT[second] << 24;
            }
        }
        return text;
    }

    private static int writeNumber(byte[] line, int at, long value) {
        int digits = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        long rest = value;
        for (int index = at + digits - 1; index >= at; index--) {
            line[index] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        return at + digits;
    }

    /** The header text, ending with the {@code #CHROM} line. */
    String header() {
        SimulationModel model = request.model();
        StringBuilder text = new StringBuilder();
        text.append("##fileformat=VCFv4.2\n");
        text.append("##source=permed simulate --reference ").append(panel.fileName())
                .append(" --samples ").append(request.samples())
                .append(" --sites ").append(plan.totalSites())
                .append(" --seed ").append(request.seed())
                .append("; model: each haplotype is a mosaic of the reference's ").append(panel.haplotypeCount())
                .append(" haplotypes (Li and Stephens copying)")
                .append(", recombinationRate=").append(number(model.recombinationRate())).append(" cM/Mb")
                .append(", switchesPerMorgan=").append(number(model.switchesPerMorgan()))
                .append(", meanSegmentLength=").append(Math.round(model.meanSegmentLength())).append(" bp")
                .append(", copyingErrorRate=").append(number(model.copyingErrorRate()))
                .append("; multi-allelic records split, symbolic and * alleles left out, missing alleles copied as missing\n");
        Set<String> declared = new LinkedHashSet<>();
        for (ContigDefinition definition : panel.declaredContigs()) {
            declared.add(definition.name());
            text.append("##contig=<ID=").append(definition.name());
            OptionalLong length = extendedLength(definition.name(), definition.length());
            if (length.isPresent()) {
                text.append(",length=").append(length.getAsLong());
            }
            text.append(">\n");
        }
        for (ReferenceContig contig : panel.contigs()) {
            if (!declared.contains(contig.name())) {
                text.append("##contig=<ID=").append(contig.name()).append(">\n");
            }
        }
        List<ReferenceContig> contigs = panel.contigs();
        for (int index = 0; index < contigs.size(); index++) {
            int copies = plan.copiesByContig()[index];
            if (copies > 1) {
                ReferenceContig contig = contigs.get(index);
                long shift = plan.shiftByContig()[index];
                text.append("##permedSimulateRepeat=<ID=").append(contig.name())
                        .append(",Copies=").append(copies)
                        .append(",Shift=").append(shift)
                        .append(",Description=\"The reference region ").append(contig.name()).append(':').append(contig.firstPosition())
                        .append('-').append(contig.lastEnd()).append(" is written ").append(copies)
                        .append(" times end to end on this contig; copy k (from 0) has its positions shifted by k*").append(shift)
                        .append(" (region length plus a gap of ").append(SitePlan.GAP).append(" bases); repeats are not new variation\">\n");
            }
        }
        text.append("##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Phased genotype copied from a mosaic of reference haplotypes\">\n");
        text.append("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT");
        int width = Math.max(6, Integer.toString(request.samples()).length());
        String format = "\tSIM%0" + width + "d";
        for (int sample = 1; sample <= request.samples(); sample++) {
            text.append(String.format(Locale.ROOT, format, sample));
        }
        text.append('\n');
        return text.toString();
    }

    private OptionalLong extendedLength(String name, OptionalLong declaredLength) {
        List<ReferenceContig> contigs = panel.contigs();
        for (int index = 0; index < contigs.size(); index++) {
            int copies = plan.copiesByContig()[index];
            if (contigs.get(index).name().equals(name) && copies > 1 && declaredLength.isPresent()) {
                // keep the declared length (so the assembly stays recognisable) unless the copies run past it
                long lastEnd = contigs.get(index).lastEnd() + (copies - 1L) * plan.shiftByContig()[index];
                return OptionalLong.of(Math.max(declaredLength.getAsLong(), lastEnd));
            }
        }
        return declaredLength;
    }

    private static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
