package no.permed.server.beacon;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import no.permed.frequency.CohortSource;
import no.permed.frequency.RegisteredSample;
import no.permed.vcf.genome.Assembly;
import no.permed.vcf.normalise.VariantKey;

/**
 * A real cohort for the Beacon tests: the first sites of the 1000 Genomes phase 3 chromosome 22 subset committed for the
 * demo (2,504 samples, GRCh37), with the samples' populations and sexes from the same release. Only biallelic records
 * whose alleles are already a register key are kept. The last {@link #PILOT_SAMPLES} samples of the VCF form a second,
 * small dataset ({@code pilot}), the others the dataset {@code 1000G}.
 *
 * <p>Each site keeps the counts 1000 Genomes itself wrote in INFO (AC, AN, EUR_AF, ...): the tests compare the Beacon's
 * answers with those, not with anything the register computed.
 */
final class ThousandGenomesCohort implements CohortSource {
    static final String BIG = "1000G";
    static final String PILOT = "pilot";
    static final int PILOT_SAMPLES = 30;
    private static final Path DEMO = Path.of("..", "permed-app", "src", "main", "resources", "no", "permed", "app", "demo");

    /** One kept site: its key, 1000 Genomes' INFO and each sample's ALT dosage (0, 1, 2). */
    record Site(VariantKey key, Map<String, String> info, byte[] dosages) {
        int infoAlleleCount() {
            return Integer.parseInt(info.get("AC"));
        }

        int infoAlleleNumber() {
            return Integer.parseInt(info.get("AN"));
        }
    }

    private final List<RegisteredSample> samples;
    private final List<Site> sites;
    private final Map<VariantKey, Site> byKey = new HashMap<>();

    private ThousandGenomesCohort(List<RegisteredSample> samples, List<Site> sites) {
        this.samples = List.copyOf(samples);
        this.sites = List.copyOf(sites);
        sites.forEach(site -> byKey.putIfAbsent(site.key(), site));
    }

    /** Reads the first {@code maxRecords} records of the VCF. */
    static ThousandGenomesCohort load(int maxRecords) {
        Map<String, String[]> labels = new HashMap<>();
        try {
            for (String line : Files.readAllLines(DEMO.resolve("1kg_phase3_samples.tsv"), StandardCharsets.UTF_8)) {
                String[] columns = line.split("\t");
                if (!columns[0].equals("sample")) {
                    labels.put(columns[0], columns);
                }
            }
            List<RegisteredSample> samples = new ArrayList<>();
            List<Site> sites = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                    Files.newInputStream(DEMO.resolve("1kg_phase3_chr22_2504samples.vcf.gz"))), StandardCharsets.UTF_8))) {
                int records = 0;
                for (String line = reader.readLine(); line != null && records < maxRecords; line = reader.readLine()) {
                    if (line.startsWith("##")) {
                        continue;
                    }
                    if (line.startsWith("#")) {
                        String[] columns = line.split("\t");
                        for (int column = 9; column < columns.length; column++) {
                            String name = columns[column];
                            String[] label = labels.get(name);
                            String dataset = column >= columns.length - PILOT_SAMPLES ? PILOT : BIG;
                            samples.add(new RegisteredSample(column - 8, name, Optional.of(label[3]), dataset, Optional.empty(),
                                    Optional.of(label[1]), Optional.of(label[2]), Assembly.GRCH37, true));
                        }
                        continue;
                    }
                    records++;
                    String[] columns = new String[9];
                    int from = 0;
                    for (int column = 0; column < 9; column++) {
                        int tab = line.indexOf('\t', from);
                        columns[column] = line.substring(from, tab);
                        from = tab + 1;
                    }
                    if (columns[4].contains(",")) {
                        continue;
                    }
                    VariantKey key;
                    try {
                        key = new VariantKey(Assembly.GRCH37, columns[0], Integer.parseInt(columns[1]), columns[3], columns[4]);
                    } catch (IllegalArgumentException notAKey) {
                        continue;
                    }
                    Map<String, String> info = new HashMap<>();
                    for (String field : columns[7].split(";")) {
                        int equals = field.indexOf('=');
                        if (equals > 0) {
                            info.put(field.substring(0, equals), field.substring(equals + 1));
                        }
                    }
                    // diploid phased calls "a|b", one per sample, separated by tabs
                    byte[] dosages = new byte[samples.size()];
                    if (line.length() - from != 4 * dosages.length - 1) {
                        throw new IllegalStateException("record " + records + " does not hold one diploid call per sample");
                    }
                    for (int sample = 0; sample < dosages.length; sample++) {
                        int at = from + 4 * sample;
                        char separator = line.charAt(at + 1);
                        if (separator != '|' && separator != '/' || at + 3 < line.length() && line.charAt(at + 3) != '\t') {
                            throw new IllegalStateException("record " + records + ": sample " + (sample + 1) + " is not a diploid call");
                        }
                        dosages[sample] = (byte) ((line.charAt(at) == '1' ? 1 : 0) + (line.charAt(at + 2) == '1' ? 1 : 0));
                    }
                    sites.add(new Site(key, info, dosages));
                }
            }
            return new ThousandGenomesCohort(samples, sites);
        } catch (IOException e) {
            throw new UncheckedIOException("the 1000 Genomes demo files are missing under " + DEMO.toAbsolutePath(), e);
        }
    }

    List<Site> sites() {
        return sites;
    }

    @Override
    public long generation() {
        return 1;
    }

    @Override
    public List<RegisteredSample> samples() {
        return samples;
    }

    @Override
    public void forEachCount(Assembly assembly, Set<Long> sampleIds, SiteVisitor visitor) {
        if (assembly != Assembly.GRCH37) {
            return;
        }
        int[] indexes = sampleIds.stream().mapToInt(id -> (int) (id - 1)).toArray();
        for (Site site : sites) {
            int alleleCount = 0;
            int alleleNumber = 0;
            int homozygotes = 0;
            for (int index : indexes) {
                int dosage = site.dosages()[index];
                alleleCount += dosage;
                alleleNumber += 2;
                if (dosage == 2) {
                    homozygotes++;
                }
            }
            VariantKey key = site.key();
            visitor.site(key.contig(), key.position(), key.reference(), key.alternate(), alleleCount, alleleNumber, homozygotes, 0);
        }
    }

    @Override
    public List<Long> carriers(VariantKey variant) {
        List<Long> carriers = new ArrayList<>();
        Site site = byKey.get(variant);
        if (site != null) {
            for (int index = 0; index < site.dosages().length; index++) {
                if (site.dosages()[index] > 0) {
                    carriers.add(index + 1L);
                }
            }
        }
        return carriers;
    }
}
