package no.permed.prs.calc;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import no.permed.prs.match.TargetSite;
import no.permed.vcf.read.Genotypes;
import no.permed.vcf.read.RecordKind;
import no.permed.vcf.read.SiteFilter;
import no.permed.vcf.read.VcfReader;
import no.permed.vcf.read.VcfReaderOptions;
import no.permed.vcf.read.VcfRecord;

/**
 * The calls of some samples of a VCF at some positions, read once into memory (two bytes per sample per site): a
 * {@link GenotypeSource} for a reference panel or a person's file when the same genotypes are scored or projected
 * more than once. Every variant record at a wanted position is a site (multi-allelic records stay one site).
 */
public final class VcfGenotypes implements GenotypeSource {
    private static final byte MISSING = -1;
    private final String name;
    private final List<String> samples;
    private final Map<Locus, List<TargetSite>> sites = new HashMap<>();
    private final Map<Long, byte[]> calls = new HashMap<>();

    private VcfGenotypes(String name, List<String> samples) {
        this.name = name;
        this.samples = samples;
    }

    /**
     * @param loci the positions to keep ({@code null}: every variant record)
     * @param keep which of the VCF's samples to keep, by name
     * @throws no.permed.kernel.PermedException a {@code VCF_*} error naming file, line and field
     */
    public static VcfGenotypes read(Path vcf, Set<Locus> loci, Predicate<String> keep) {
        requireNonNull(vcf, "vcf is null");
        requireNonNull(keep, "keep is null");
        try (VcfReader reader = VcfReader.open(vcf, VcfReaderOptions.defaults())) {
            List<String> all = reader.header().samples();
            List<Integer> columns = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int index = 0; index < all.size(); index++) {
                if (keep.test(all.get(index))) {
                    columns.add(index);
                    names.add(all.get(index));
                }
            }
            VcfGenotypes result = new VcfGenotypes(reader.fileName(), List.copyOf(names));
            long ordinal = 0;
            // the sample columns of records at other positions are not parsed
            SiteFilter wanted = loci == null ? null : (contig, position) -> loci.contains(new Locus(contig, position));
            while (reader.advance(wanted)) {
                VcfRecord record = reader.record();
                ordinal++;
                if (record.kind() != RecordKind.VARIANT || !record.hasGenotypes()) {
                    continue;
                }
                Locus locus = new Locus(record.contig(), record.position());
                TargetSite site = new TargetSite(ordinal, record.contig(), record.position(), record.referenceAllele(),
                        record.alternateAlleles());
                result.sites.computeIfAbsent(locus, key -> new ArrayList<>(1)).add(site);
                result.calls.put(ordinal, calls(record.genotypes(), columns));
            }
            return result;
        }
    }

    private static byte[] calls(Genotypes genotypes, List<Integer> columns) {
        int[] alleles = genotypes.alleleIndicesView();
        byte[] ploidies = genotypes.ploidiesView();
        byte[] calls = new byte[2 * columns.size()];
        for (int out = 0; out < columns.size(); out++) {
            int sample = columns.get(out);
            int first = alleles[2 * sample];
            int second = ploidies[sample] == 1 ? first : alleles[2 * sample + 1];
            if (ploidies[sample] == 0 || first < 0 || second < 0) {
                calls[2 * out] = MISSING;
                calls[2 * out + 1] = MISSING;
            } else {
                calls[2 * out] = (byte) Math.min(first, Byte.MAX_VALUE);
                calls[2 * out + 1] = (byte) Math.min(second, Byte.MAX_VALUE);
            }
        }
        return calls;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> samples() {
        return samples;
    }

    @Override
    public List<TargetSite> sites(String chromosome, int position) {
        return sites.getOrDefault(new Locus(chromosome, position), List.of());
    }

    @Override
    public byte[] calls(TargetSite site) {
        return calls.get(site.ordinal());
    }
}
