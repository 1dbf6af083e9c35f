package no.permed.vcf.header;

import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import no.permed.vcf.genome.Assembly;

/**
 * The header of a VCF file: its version, declared contigs, INFO and FORMAT definitions, sample names and the
 * assembly (given by the caller or recognised from the contigs). Immutable.
 *
 * @param fileFormat the version as written, e.g. {@code VCFv4.2}
 * @param contigs the {@code ##contig} lines in file order
 * @param infoFields the {@code ##INFO} definitions in file order
 * @param formatFields the {@code ##FORMAT} definitions in file order
 * @param samples the sample names from the {@code #CHROM} line, in column order, all distinct
 * @param metaLines every {@code ##} line as written (without the newline), for provenance
 * @param assembly the assembly, if given or recognised
 */
public record VcfHeader(
        String fileFormat,
        List<ContigDefinition> contigs,
        List<FieldDefinition> infoFields,
        List<FieldDefinition> formatFields,
        List<String> samples,
        List<String> metaLines,
        Optional<Assembly> assembly) {
    public VcfHeader {
        requireNonNull(fileFormat, "fileFormat is null");
        contigs = List.copyOf(requireNonNull(contigs, "contigs is null"));
        infoFields = List.copyOf(requireNonNull(infoFields, "infoFields is null"));
        formatFields = List.copyOf(requireNonNull(formatFields, "formatFields is null"));
        samples = List.copyOf(requireNonNull(samples, "samples is null"));
        metaLines = List.copyOf(requireNonNull(metaLines, "metaLines is null"));
        requireNonNull(assembly, "assembly is null");
        Set<String> seen = new HashSet<>();
        for (String sample : samples) {
            if (!seen.add(sample)) {
                throw new IllegalArgumentException("duplicate sample name: " + sample);
            }
        }
    }

    public int sampleCount() {
        return samples.size();
    }

    /** The contig definition with this canonical name, if declared. */
    public Optional<ContigDefinition> contig(String canonicalName) {
        for (ContigDefinition contig : contigs) {
            if (contig.canonicalName().equals(canonicalName)) {
                return Optional.of(contig);
            }
        }
        return Optional.empty();
    }

    /** The INFO definition with this key, if declared. */
    public Optional<FieldDefinition> infoField(String id) {
        return infoFields.stream().filter(field -> field.id().equals(id)).findFirst();
    }

    /** The FORMAT definition with this key, if declared. */
    public Optional<FieldDefinition> formatField(String id) {
        return formatFields.stream().filter(field -> field.id().equals(id)).findFirst();
    }
}
