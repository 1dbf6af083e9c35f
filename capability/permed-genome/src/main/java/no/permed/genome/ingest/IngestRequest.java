package no.permed.genome.ingest;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import no.permed.vcf.genome.Assembly;

/**
 * One ingest: the files (one sample's or one cohort's; several files are merged into one segment, for
 * example one per chromosome), whose they are, and how to read them.
 *
 * @param files the VCF or gVCF files, plain, gzip or BGZF
 * @param target the patient or cohort
 * @param assembly the assembly the caller says the files are on; otherwise recognised from the headers
 * @param referenceFasta an indexed FASTA of the assembly (with {@code .fai}) to check REF and left-align indels
 * @param testType what was sequenced, e.g. {@code genome}, {@code exome}, {@code panel}, {@code array}
 * @param displayNames how the files are named in errors and provenance (for uploads: the client's file names);
 *     empty to use the files' names
 * @param conflictingDuplicates what to do when one variant is given twice with different calls
 */
public record IngestRequest(
        List<Path> files,
        IngestTarget target,
        Optional<Assembly> assembly,
        Optional<Path> referenceFasta,
        String testType,
        List<String> displayNames,
        ConflictingDuplicates conflictingDuplicates) {

    /** What an ingest does with a variant given twice (after splitting and trimming) with different calls. */
    public enum ConflictingDuplicates {
        /** Refuse the file (the default: a clinical sample with two answers for one variant needs a look). */
        REFUSE,
        /** Store the call as missing ({@code ./.}) for the samples whose calls disagree, and count it. */
        MARK_MISSING
    }

    public IngestRequest {
        requireNonNull(conflictingDuplicates, "conflictingDuplicates is null");
        files = List.copyOf(requireNonNull(files, "files is null"));
        requireNonNull(target, "target is null");
        requireNonNull(assembly, "assembly is null");
        requireNonNull(referenceFasta, "referenceFasta is null");
        requireNonNull(testType, "testType is null");
        displayNames = List.copyOf(requireNonNull(displayNames, "displayNames is null"));
        if (!displayNames.isEmpty() && displayNames.size() != files.size()) {
            throw new IllegalArgumentException("give one display name per file or none");
        }
    }

    public static IngestRequest of(List<Path> files, IngestTarget target) {
        return new IngestRequest(files, target, Optional.empty(), Optional.empty(), "genome", List.of(), ConflictingDuplicates.REFUSE);
    }

    public IngestRequest withAssembly(Assembly newAssembly) {
        return new IngestRequest(files, target, Optional.of(newAssembly), referenceFasta, testType, displayNames, conflictingDuplicates);
    }

    public IngestRequest withReferenceFasta(Path fasta) {
        return new IngestRequest(files, target, assembly, Optional.of(fasta), testType, displayNames, conflictingDuplicates);
    }

    public IngestRequest withTestType(String newTestType) {
        return new IngestRequest(files, target, assembly, referenceFasta, newTestType, displayNames, conflictingDuplicates);
    }

    public IngestRequest withDisplayNames(List<String> names) {
        return new IngestRequest(files, target, assembly, referenceFasta, testType, names, conflictingDuplicates);
    }

    public IngestRequest withConflictingDuplicates(ConflictingDuplicates policy) {
        return new IngestRequest(files, target, assembly, referenceFasta, testType, displayNames, policy);
    }

    /** The name errors and provenance use for file {@code index}. */
    public String displayName(int index) {
        return displayNames.isEmpty() ? String.valueOf(files.get(index).getFileName()) : displayNames.get(index);
    }
}
