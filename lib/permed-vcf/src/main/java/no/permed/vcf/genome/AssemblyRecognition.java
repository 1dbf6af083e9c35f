package no.permed.vcf.genome;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the lengths of a header's primary contigs say about its assembly. A contig votes for every assembly
 * whose length for it matches; MT is ignored because GRCh37 and GRCh38 share it (and hg19's chrM differs from
 * both). The result is {@link #assembly()} when at least one contig voted and all votes agree.
 *
 * @param grch37Contigs canonical contigs whose length matches GRCh37 only
 * @param grch38Contigs canonical contigs whose length matches GRCh38 only
 * @param unmatchedContigs primary contigs (not MT) whose length matches neither
 */
public record AssemblyRecognition(List<String> grch37Contigs, List<String> grch38Contigs, List<String> unmatchedContigs) {
    public AssemblyRecognition {
        grch37Contigs = List.copyOf(requireNonNull(grch37Contigs, "grch37Contigs is null"));
        grch38Contigs = List.copyOf(requireNonNull(grch38Contigs, "grch38Contigs is null"));
        unmatchedContigs = List.copyOf(requireNonNull(unmatchedContigs, "unmatchedContigs is null"));
    }

    /**
     * Recognises the assembly from contig lengths.
     *
     * @param lengthsByCanonicalContig declared lengths, keyed by canonical contig name; non-primary contigs are ignored
     */
    public static AssemblyRecognition of(Map<String, Long> lengthsByCanonicalContig) {
        requireNonNull(lengthsByCanonicalContig, "lengthsByCanonicalContig is null");
        List<String> grch37 = new ArrayList<>();
        List<String> grch38 = new ArrayList<>();
        List<String> unmatched = new ArrayList<>();
        for (String contig : Contigs.PRIMARY_CONTIGS) {
            Long length = lengthsByCanonicalContig.get(contig);
            if (length == null || contig.equals("MT")) {
                continue;
            }
            boolean matches37 = Assembly.GRCH37.primaryContigLength(contig).orElse(-1) == length;
            boolean matches38 = Assembly.GRCH38.primaryContigLength(contig).orElse(-1) == length;
            if (matches37 && !matches38) {
                grch37.add(contig);
            } else if (matches38 && !matches37) {
                grch38.add(contig);
            } else if (!matches37) {
                unmatched.add(contig);
            }
        }
        return new AssemblyRecognition(grch37, grch38, unmatched);
    }

    /** The recognised assembly: present when contigs voted for exactly one assembly and none matched neither. */
    public Optional<Assembly> assembly() {
        if (!unmatchedContigs.isEmpty()) {
            return Optional.empty();
        }
        if (!grch37Contigs.isEmpty() && grch38Contigs.isEmpty()) {
            return Optional.of(Assembly.GRCH37);
        }
        if (!grch38Contigs.isEmpty() && grch37Contigs.isEmpty()) {
            return Optional.of(Assembly.GRCH38);
        }
        return Optional.empty();
    }

    /** Whether some contigs match GRCh37 and others GRCh38, which no real reference does. */
    public boolean isConflicting() {
        return !grch37Contigs.isEmpty() && !grch38Contigs.isEmpty();
    }
}
