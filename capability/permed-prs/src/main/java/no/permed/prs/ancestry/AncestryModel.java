package no.permed.prs.ancestry;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import no.permed.kernel.PermedException;
import no.permed.prs.PrsErrorCode;
import no.permed.prs.calc.GenotypeSource;
import no.permed.prs.calc.Locus;
import no.permed.prs.match.TargetSite;
import no.permed.prs.normalise.PopulationLabel;
import no.permed.prs.normalise.Populations;
import no.permed.vcf.read.Genotypes;
import no.permed.vcf.read.RecordKind;
import no.permed.vcf.read.VcfReader;
import no.permed.vcf.read.VcfReaderOptions;
import no.permed.vcf.read.VcfRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the reference super-population closest to a person's ancestry, so that a score is compared with people of
 * similar ancestry when nobody names the population (pgsc_calc does the same with its reference PCA).
 * <ol>
 *   <li><b>Variants</b>: autosomal biallelic SNPs of the reference VCF, not strand-ambiguous (A/T, C/G), with a minor
 *       allele frequency of at least {@link Options#minimumFrequency()} among the labelled samples; when there are more
 *       than {@link Options#maximumVariants()}, that many evenly spaced ones (which also thins linkage).</li>
 *   <li><b>PCA</b>: each variant standardised as {@code (g − 2p) ÷ √(2p(1 − p))} (missing → 0, the mean), the top
 *       {@link Options#components()} right singular vectors of the samples × variants matrix by subspace (block power)
 *       iteration with a Rayleigh–Ritz step, in plain Java.</li>
 *   <li><b>Centroids</b>: the mean principal-component scores of each super-population's reference samples.</li>
 *   <li><b>Projection</b>: a person's standardised genotypes at the model's variants times the loadings; a variant the
 *       person lacks counts as the mean, and the projection is scaled up by variants ÷ variants observed so that
 *       missing variants do not pull the person towards the origin. The nearest centroid (Euclidean) wins.</li>
 * </ol>
 * Super-populations come from the population file ({@link PopulationLabel#superPopulation()}); samples without one are
 * left out.
 */
public final class AncestryModel {
    private static final Logger LOG = LoggerFactory.getLogger(AncestryModel.class);
    private static final int ITERATIONS = 60;
    private static final int OVERSAMPLING = 4;

    /**
     * @param components principal components used (4 separates the five 1000 Genomes super-populations)
     * @param maximumVariants at most this many variants
     * @param minimumFrequency the minor allele frequency a variant needs (0 to 0.5)
     * @param minimumObserved the share of the model's variants a person must have called for a projection
     * @param seed the start of the iteration (results do not depend on it beyond rounding)
     */
    public record Options(int components, int maximumVariants, double minimumFrequency, double minimumObserved, long seed) {
        public Options {
            if (components < 1 || components > 20) {
                throw new IllegalArgumentException("components must be from 1 to 20: " + components);
            }
            if (maximumVariants < components) {
                throw new IllegalArgumentException("maximumVariants must be at least components: " + maximumVariants);
            }
            if (!(minimumFrequency > 0 && minimumFrequency < 0.5)) {
                throw new IllegalArgumentException("minimumFrequency must be above 0 and below 0.5: " + minimumFrequency);
            }
            if (!(minimumObserved > 0 && minimumObserved <= 1)) {
                throw new IllegalArgumentException("minimumObserved must be above 0 and at most 1: " + minimumObserved);
            }
        }

        public static Options defaults() {
            return new Options(4, 5_000, 0.05, 0.5, 1);
        }
    }

    /** One variant of the model: its position and alleles, and its standardisation. */
    public record ModelVariant(Locus locus, String reference, String alternate, double mean, double scale) {
    }

    /** Where a person falls: the nearest super-population, the coordinates and every centroid's distance. */
    public record Assignment(String superPopulation, double[] coordinates, Map<String, Double> distances, int variantsObserved,
            int variantsTotal) {
        public Assignment {
            requireNonNull(superPopulation, "superPopulation is null");
            coordinates = coordinates.clone();
            distances = Collections.unmodifiableMap(new LinkedHashMap<>(distances));
        }

        @Override
        public double[] coordinates() {
            return coordinates.clone();
        }

        /** How much closer the chosen centroid is than the next: the next distance ÷ the chosen one (≥ 1). */
        public double margin() {
            List<Double> sorted = distances.values().stream().sorted().toList();
            return sorted.size() < 2 || sorted.get(0) == 0 ? Double.POSITIVE_INFINITY : sorted.get(1) / sorted.get(0);
        }
    }

    private final String referenceName;
    private final Options options;
    private final List<ModelVariant> variants;
    private final double[][] loadings;        // [variant][component]
    private final double[] singularValues;
    private final Map<String, double[]> centroids;
    private final Map<String, Integer> sizes;

    private AncestryModel(String referenceName, Options options, List<ModelVariant> variants, double[][] loadings,
            double[] singularValues, Map<String, double[]> centroids, Map<String, Integer> sizes) {
        this.referenceName = referenceName;
        this.options = options;
        this.variants = variants;
        this.loadings = loadings;
        this.singularValues = singularValues;
        this.centroids = centroids;
        this.sizes = sizes;
    }

    /** Fits the model on every reference sample that has a super-population. */
    public static AncestryModel fit(Path referenceVcf, Populations populations, Options options) {
        return fit(referenceVcf, populations, options, sample -> true);
    }

    /**
     * Fits the model on the reference samples {@code use} accepts and that have a super-population (leaving some out
     * tests the model on people it has not seen).
     *
     * @throws PermedException {@code PRS_ANCESTRY_MODEL_INVALID} when fewer than two super-populations or too few
     *     variants remain; a {@code VCF_*} error naming file, line and field
     */
    public static AncestryModel fit(Path referenceVcf, Populations populations, Options options, Predicate<String> use) {
        requireNonNull(referenceVcf, "referenceVcf is null");
        requireNonNull(populations, "populations is null");
        requireNonNull(options, "options is null");
        requireNonNull(use, "use is null");
        String file;
        List<String> superPopulations = new ArrayList<>();
        List<ModelVariant> candidates = new ArrayList<>();
        List<byte[]> dosages = new ArrayList<>();
        try (VcfReader reader = VcfReader.open(referenceVcf, VcfReaderOptions.defaults())) {
            file = reader.fileName();
            List<String> samples = reader.header().samples();
            List<Integer> columns = new ArrayList<>();
            for (int index = 0; index < samples.size(); index++) {
                Optional<String> superPopulation = populations.of(samples.get(index)).flatMap(AncestryModel::superPopulation);
                if (superPopulation.isPresent() && use.test(samples.get(index))) {
                    columns.add(index);
                    superPopulations.add(superPopulation.get());
                }
            }
            int n = columns.size();
            while (reader.advance()) {
                VcfRecord record = reader.record();
                if (record.kind() != RecordKind.VARIANT || record.alternateAlleles().size() != 1 || !autosome(record.contig())) {
                    continue;
                }
                String reference = record.referenceAllele();
                String alternate = record.alternateAlleles().get(0);
                if (!snp(reference) || !snp(alternate) || complement(reference).equals(alternate)) {
                    continue;
                }
                Genotypes genotypes = record.genotypes();
                int[] alleles = genotypes.alleleIndicesView();
                byte[] ploidies = genotypes.ploidiesView();
                byte[] row = new byte[n];
                long copies = 0;
                int called = 0;
                for (int out = 0; out < n; out++) {
                    int sample = columns.get(out);
                    int first = alleles[2 * sample];
                    int second = ploidies[sample] == 1 ? first : alleles[2 * sample + 1];
                    if (ploidies[sample] == 0 || first < 0 || second < 0) {
                        row[out] = -1;
                    } else {
                        row[out] = (byte) ((first == 1 ? 1 : 0) + (second == 1 ? 1 : 0));
                        copies += row[out];
                        called++;
                    }
                }
                if (called < 2) {
                    continue;
                }
                double p = copies / (2.0 * called);
                if (Math.min(p, 1 - p) < options.minimumFrequency()) {
                    continue;
                }
                candidates.add(new ModelVariant(new Locus(record.contig(), record.position()), reference, alternate, 2 * p,
                        1 / Math.sqrt(2 * p * (1 - p))));
                dosages.add(row);
            }
        }
        Set<String> distinct = new TreeSet<>(superPopulations);
        if (distinct.size() < 2) {
            throw invalid(file, "has samples of " + distinct.size() + " labelled super-population(s); at least 2 are needed");
        }
        if (candidates.size() < 10 * options.components()) {
            throw invalid(file, "has only " + candidates.size() + " common biallelic SNPs (minor allele frequency at least "
                    + options.minimumFrequency() + "); at least " + 10 * options.components() + " are needed");
        }
        // evenly spaced selection
        List<ModelVariant> variants = new ArrayList<>();
        List<byte[]> rows = new ArrayList<>();
        int m = Math.min(options.maximumVariants(), candidates.size());
        for (int k = 0; k < m; k++) {
            int index = (int) ((long) k * candidates.size() / m);
            variants.add(candidates.get(index));
            rows.add(dosages.get(index));
        }
        int n = superPopulations.size();
        float[][] x = new float[m][n];  // standardised, variant-major
        for (int j = 0; j < m; j++) {
            ModelVariant variant = variants.get(j);
            byte[] row = rows.get(j);
            for (int i = 0; i < n; i++) {
                x[j][i] = row[i] < 0 ? 0f : (float) ((row[i] - variant.mean()) * variant.scale());
            }
        }
        int k = options.components();
        int r = Math.min(k + OVERSAMPLING, Math.min(m, n));
        double[][] q = new double[m][r];
        Random random = new Random(options.seed());
        for (double[] line : q) {
            for (int c = 0; c < r; c++) {
                line[c] = random.nextGaussian();
            }
        }
        orthonormalise(q);
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            double[][] y = times(x, q, n);       // n × r
            q = transposeTimes(x, y, m);         // m × r
            orthonormalise(q);
        }
        // Rayleigh-Ritz: eigen-decompose (XQ)ᵀ(XQ) and rotate Q
        double[][] y = times(x, q, n);
        double[][] gram = new double[r][r];
        for (double[] line : y) {
            for (int a = 0; a < r; a++) {
                for (int b = 0; b < r; b++) {
                    gram[a][b] += line[a] * line[b];
                }
            }
        }
        double[][] vectors = new double[r][r];
        double[] values = jacobi(gram, vectors);
        Integer[] order = new Integer[r];
        for (int c = 0; c < r; c++) {
            order[c] = c;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
        double[][] loadings = new double[m][k];
        double[] singular = new double[k];
        for (int c = 0; c < k; c++) {
            int source = order[c];
            singular[c] = Math.sqrt(Math.max(values[source], 0));
            for (int j = 0; j < m; j++) {
                double sum = 0;
                for (int b = 0; b < r; b++) {
                    sum += q[j][b] * vectors[b][source];
                }
                loadings[j][c] = sum;
            }
        }
        double[][] scores = times(x, loadings, n);  // n × k
        Map<String, double[]> centroids = new TreeMap<>();
        Map<String, Integer> sizes = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            double[] centroid = centroids.computeIfAbsent(superPopulations.get(i), key -> new double[k]);
            for (int c = 0; c < k; c++) {
                centroid[c] += scores[i][c];
            }
            sizes.merge(superPopulations.get(i), 1, Integer::sum);
        }
        centroids.forEach((name, centroid) -> {
            for (int c = 0; c < k; c++) {
                centroid[c] /= sizes.get(name);
            }
        });
        LOG.info("ancestry model on {}: {} samples, {} variants of {} candidates, {} components, singular values {}", file, n, m,
                candidates.size(), k, java.util.Arrays.toString(singular));
        return new AncestryModel(file, options, List.copyOf(variants), loadings, singular, Collections.unmodifiableMap(centroids),
                Collections.unmodifiableMap(sizes));
    }

    private static Optional<String> superPopulation(PopulationLabel label) {
        return label.superPopulation().or(() -> Populations.thousandGenomesSuperPopulation(label.population()));
    }

    /** The reference file the model was fitted on (its name only). */
    public String referenceName() {
        return referenceName;
    }

    public Options options() {
        return options;
    }

    public List<ModelVariant> variants() {
        return variants;
    }

    /** The positions of the model's variants: what a person's genotypes must be loaded at. */
    public Set<Locus> loci() {
        Set<Locus> loci = new TreeSet<>();
        variants.forEach(variant -> loci.add(variant.locus()));
        return loci;
    }

    /** The super-populations and their numbers of reference samples. */
    public Map<String, Integer> superPopulations() {
        return sizes;
    }

    public double[] singularValues() {
        return singularValues.clone();
    }

    /**
     * Projects sample {@code sample} (index into {@code person.samples()}) and assigns the nearest super-population.
     * A site matches a model variant when it has the same REF and the variant's ALT among its ALTs (or REF and ALT
     * swapped).
     *
     * @throws PermedException {@code PRS_ANCESTRY_TOO_FEW_VARIANTS} when fewer than {@link Options#minimumObserved()} of
     *     the variants are called for the person
     */
    public Assignment assign(GenotypeSource person, int sample) {
        requireNonNull(person, "person is null");
        if (sample < 0 || sample >= person.samples().size()) {
            throw new IllegalArgumentException("no sample " + sample + " in " + person.name());
        }
        int k = loadings[0].length;
        double[] coordinates = new double[k];
        int observed = 0;
        for (int j = 0; j < variants.size(); j++) {
            ModelVariant variant = variants.get(j);
            int dosage = dosage(person, sample, variant);
            if (dosage < 0) {
                continue;
            }
            observed++;
            double value = (dosage - variant.mean()) * variant.scale();
            for (int c = 0; c < k; c++) {
                coordinates[c] += value * loadings[j][c];
            }
        }
        if (observed < options.minimumObserved() * variants.size()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("observed", observed);
            details.put("total", variants.size());
            throw new PermedException(PrsErrorCode.ANCESTRY_TOO_FEW_VARIANTS, String.format(java.util.Locale.ROOT,
                    "only %d of the %d variants of the ancestry model (on %s) are called in %s (%.0f %% are needed): the reference "
                    + "population cannot be chosen by ancestry; name it", observed, variants.size(), referenceName, person.name(),
                    100 * options.minimumObserved()), details);
        }
        double scale = (double) variants.size() / observed;
        Map<String, Double> distances = new LinkedHashMap<>();
        String best = null;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (Map.Entry<String, double[]> entry : centroids.entrySet()) {
            double squares = 0;
            for (int c = 0; c < k; c++) {
                double difference = coordinates[c] * scale - entry.getValue()[c];
                squares += difference * difference;
            }
            double distance = Math.sqrt(squares);
            distances.put(entry.getKey(), distance);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = entry.getKey();
            }
        }
        for (int c = 0; c < k; c++) {
            coordinates[c] *= scale;
        }
        return new Assignment(best, coordinates, distances, observed, variants.size());
    }

    /** Copies of the model's ALT allele in the person's call, or −1 when missing or absent. */
    private static int dosage(GenotypeSource person, int sample, ModelVariant variant) {
        for (TargetSite site : person.sites(variant.locus().chromosome(), variant.locus().position())) {
            int alternate;
            boolean swapped = false;
            if (site.reference().equals(variant.reference())) {
                alternate = site.alternates().indexOf(variant.alternate()) + 1;
            } else if (site.reference().equals(variant.alternate()) && site.alternates().contains(variant.reference())) {
                alternate = site.alternates().indexOf(variant.reference()) + 1;
                swapped = true;
            } else {
                continue;
            }
            if (alternate <= 0) {
                continue;
            }
            byte[] calls = person.calls(site);
            byte first = calls[2 * sample];
            byte second = calls[2 * sample + 1];
            if (first < 0 || second < 0) {
                return -1;
            }
            int copies = (first == alternate ? 1 : 0) + (second == alternate ? 1 : 0);
            if (swapped) {
                // the site's REF is the model's ALT: copies of the model's ALT are the REF alleles of the call
                copies = (first == 0 ? 1 : 0) + (second == 0 ? 1 : 0);
            }
            return copies;
        }
        return -1;
    }

    private static double[][] times(float[][] x, double[][] q, int n) {
        int r = q[0].length;
        double[][] y = new double[n][r];
        for (int j = 0; j < x.length; j++) {
            float[] row = x[j];
            double[] weights = q[j];
            for (int i = 0; i < n; i++) {
                float value = row[i];
                if (value != 0f) {
                    double[] out = y[i];
                    for (int c = 0; c < r; c++) {
                        out[c] += value * weights[c];
                    }
                }
            }
        }
        return y;
    }

    private static double[][] transposeTimes(float[][] x, double[][] y, int m) {
        int r = y[0].length;
        double[][] z = new double[m][r];
        for (int j = 0; j < m; j++) {
            float[] row = x[j];
            double[] out = z[j];
            for (int i = 0; i < row.length; i++) {
                float value = row[i];
                if (value != 0f) {
                    double[] in = y[i];
                    for (int c = 0; c < r; c++) {
                        out[c] += value * in[c];
                    }
                }
            }
        }
        return z;
    }

    /** Modified Gram–Schmidt on the columns. */
    private static void orthonormalise(double[][] q) {
        int r = q[0].length;
        for (int c = 0; c < r; c++) {
            for (int previous = 0; previous < c; previous++) {
                double dot = 0;
                for (double[] line : q) {
                    dot += line[c] * line[previous];
                }
                for (double[] line : q) {
                    line[c] -= dot * line[previous];
                }
            }
            double norm = 0;
            for (double[] line : q) {
                norm += line[c] * line[c];
            }
            norm = Math.sqrt(norm);
            for (double[] line : q) {
                line[c] = norm == 0 ? 0 : line[c] / norm;
            }
        }
    }

    /** Cyclic Jacobi eigen-decomposition of a small symmetric matrix; eigenvectors in the columns of {@code vectors}. */
    static double[] jacobi(double[][] matrix, double[][] vectors) {
        int size = matrix.length;
        double[][] a = new double[size][];
        for (int i = 0; i < size; i++) {
            a[i] = matrix[i].clone();
            java.util.Arrays.fill(vectors[i], 0);
            vectors[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < size; p++) {
                for (int s = p + 1; s < size; s++) {
                    off += a[p][s] * a[p][s];
                }
            }
            if (off < 1e-22) {
                break;
            }
            for (int p = 0; p < size; p++) {
                for (int s = p + 1; s < size; s++) {
                    if (Math.abs(a[p][s]) < 1e-300) {
                        continue;
                    }
                    double theta = (a[s][s] - a[p][p]) / (2 * a[p][s]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double sn = t * c;
                    for (int i = 0; i < size; i++) {
                        double aip = a[i][p];
                        double ais = a[i][s];
                        a[i][p] = c * aip - sn * ais;
                        a[i][s] = sn * aip + c * ais;
                    }
                    for (int i = 0; i < size; i++) {
                        double api = a[p][i];
                        double asi = a[s][i];
                        a[p][i] = c * api - sn * asi;
                        a[s][i] = sn * api + c * asi;
                    }
                    for (int i = 0; i < size; i++) {
                        double vip = vectors[i][p];
                        double vis = vectors[i][s];
                        vectors[i][p] = c * vip - sn * vis;
                        vectors[i][s] = sn * vip + c * vis;
                    }
                }
            }
        }
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] = a[i][i];
        }
        return values;
    }

    private static boolean autosome(String contig) {
        if (contig.isEmpty() || contig.length() > 2) {
            return false;
        }
        for (int i = 0; i < contig.length(); i++) {
            if (!Character.isDigit(contig.charAt(i))) {
                return false;
            }
        }
        int number = Integer.parseInt(contig);
        return number >= 1 && number <= 22;
    }

    private static boolean snp(String allele) {
        return allele.length() == 1 && "ACGT".indexOf(allele.charAt(0)) >= 0;
    }

    private static String complement(String base) {
        return switch (base) {
            case "A" -> "T";
            case "T" -> "A";
            case "C" -> "G";
            case "G" -> "C";
            default -> base;
        };
    }

    private static PermedException invalid(String file, String reason) {
        return new PermedException(PrsErrorCode.ANCESTRY_MODEL_INVALID, "ancestry model: the reference " + file + " " + reason,
                Map.of("file", file));
    }
}
