package no.permed.interpretation.register;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.permed.interpretation.InterpretationErrorCode;
import no.permed.kernel.PermedException;
import no.permed.vcf.genome.Assembly;
import no.permed.vcf.normalise.VariantKey;
import no.permed.vcf.normalise.VariantNormaliser;
import no.permed.vcf.read.VcfReader;
import no.permed.vcf.read.VcfReaderOptions;
import no.permed.vcf.read.VcfRecord;

/**
 * Bulk submissions as a sites VCF (4.1–4.3, plain or gzip/BGZF): one classification per record, in INFO.
 *
 * <pre>
 * ##fileformat=VCFv4.3
 * ##contig=&lt;ID=17,length=83257441&gt;
 * ##INFO=&lt;ID=CLASSIFICATION,Number=1,Type=String,Description="ACMG/AMP class"&gt;
 * ##INFO=&lt;ID=CONDITION,Number=1,Type=String,Description="MONDO, ORPHA or OMIM identifier, or text"&gt;
 * ##INFO=&lt;ID=CRITERIA,Number=.,Type=String,Description="ACMG/AMP criteria with ClinGen strengths"&gt;
 * #CHROM  POS       ID  REF  ALT  QUAL  FILTER  INFO
 * 17      43045712  .   G    A    .     .       CLASSIFICATION=Likely_pathogenic;CONDITION=MONDO:0007254;CRITERIA=PS3,PM2_Supporting,PP3;DATE=2024-03-01
 * </pre>
 *
 * {@code CLASSIFICATION} (or ClinVar's {@code CLNSIG}; underscores read as spaces) and {@code CONDITION} are required;
 * {@code CRITERIA}, {@code EVIDENCE} and {@code DATE} are optional; text may be percent-encoded as VCF 4.3 asks
 * ({@code %3B} for a semicolon, {@code %20} for a space). The fields mean what they mean in CSV ({@link SubmissionFields}).
 * The variant is the record's CHROM, POS, REF and ALT, trimmed as the register keys variants; a record with several ALT
 * alleles is refused (split it with {@code bcftools norm -m-}: each allele is its own classification). The assembly comes
 * from the caller or the header (recognised from its {@code ##contig} lengths). The whole file is validated before anything is
 * stored; an error names the file, the line and the field.
 */
public final class SubmissionVcf {
    /** The INFO keys read. */
    public static final List<String> INFO_KEYS = List.of("CLASSIFICATION", "CONDITION", "CRITERIA", "EVIDENCE", "DATE");

    private SubmissionVcf() {
    }

    /**
     * Reads and validates every record.
     *
     * @param assembly the assembly, when the header does not say it (or to check that it agrees)
     * @param today the default date and the latest date accepted
     */
    public static List<SubmissionCsv.Row> parse(Path vcf, String fileName, Optional<Assembly> assembly, LocalDate today) {
        requireNonNull(vcf, "vcf is null");
        requireNonNull(fileName, "fileName is null");
        requireNonNull(assembly, "assembly is null");
        requireNonNull(today, "today is null");
        List<SubmissionCsv.Row> rows = new ArrayList<>();
        try (VcfReader reader = VcfReader.open(open(vcf, fileName), fileName, VcfReaderOptions.defaults())) {
            Optional<Assembly> declared = reader.header().assembly();
            if (assembly.isPresent() && declared.isPresent() && assembly.get() != declared.get()) {
                throw invalid(fileName, 1, "assembly", "the header says " + declared.get().displayName() + " but "
                        + assembly.get().displayName() + " was given");
            }
            Assembly chosen = assembly.or(() -> declared).orElseThrow(() -> invalid(fileName, 1, "assembly", "the header's ##contig"
                    + " lines do not tell the assembly; give it (GRCh37 or GRCh38)"));
            VariantNormaliser normaliser = VariantNormaliser.withoutReference(chosen);
            while (reader.advance()) {
                VcfRecord record = reader.record();
                int line = (int) record.lineNumber();
                if (rows.size() == SubmissionCsv.MAX_ROWS) {
                    throw invalid(fileName, line, "(record)", "the file holds more than " + SubmissionCsv.MAX_ROWS
                            + " records; split it");
                }
                List<String> alternates = record.alternateAlleles();
                if (alternates.size() != 1) {
                    throw invalid(fileName, line, "ALT", alternates.isEmpty() ? "the record has no ALT allele to classify"
                            : "the record has " + alternates.size() + " ALT alleles; give each its own record (bcftools norm -m-)");
                }
                VariantKey key;
                try {
                    key = normaliser.normalise(record.contig(), record.position(), record.referenceAllele(), alternates.get(0));
                } catch (RuntimeException failure) {
                    throw invalid(fileName, line, "ALT", "the allele cannot be classified: " + failure.getMessage());
                }
                Optional<String> classification = text(record, "CLASSIFICATION").or(() -> text(record, "CLNSIG"))
                        .map(value -> value.replace('_', ' '));
                SubmissionFields fields = new SubmissionFields(key.toString(), Optional.empty(), text(record, "CONDITION").orElse(""),
                        classification.orElse(""), text(record, "CRITERIA"), text(record, "EVIDENCE"), text(record, "DATE"));
                try {
                    rows.add(new SubmissionCsv.Row(line, fields.validate(today)));
                } catch (PermedException e) {
                    String field = infoKey(String.valueOf(e.details().getOrDefault("field", "(record)")));
                    Map<String, Object> details = new HashMap<>(e.details());
                    details.put("file", fileName);
                    details.put("line", line);
                    details.put("field", field);
                    throw new PermedException(e.errorCode(), fileName + " line " + line + ", field " + field + ": " + e.getMessage(),
                            details, e);
                }
            }
        }
        if (rows.isEmpty()) {
            throw invalid(fileName, 1, "(record)", "the file holds no records to submit");
        }
        return List.copyOf(rows);
    }

    /** The file as a stream (the reader then names the file as the submitter called it, not as it was saved). */
    private static java.io.InputStream open(Path vcf, String fileName) {
        try {
            return java.nio.file.Files.newInputStream(vcf);
        } catch (java.io.IOException failure) {
            throw new PermedException(InterpretationErrorCode.INVALID_SUBMISSION, fileName + " cannot be read ("
                    + failure.getClass().getSimpleName() + ")", Map.of("file", fileName));
        }
    }

    /** The INFO key of a submission field, for messages. */
    private static String infoKey(String field) {
        return switch (field) {
            case "condition" -> "CONDITION";
            case "classification" -> "CLASSIFICATION";
            case "criteria" -> "CRITERIA";
            case "evidence" -> "EVIDENCE";
            case "date" -> "DATE";
            case "variant", "assembly" -> "ALT";
            default -> field;
        };
    }

    /** An INFO value, percent-decoded; empty when absent or blank. */
    private static Optional<String> text(VcfRecord record, String key) {
        return record.info(key).map(SubmissionVcf::percentDecoded).map(String::strip).filter(value -> !value.isEmpty());
    }

    /** VCF 4.3's percent-encoding of special characters ({@code %3A}, {@code %3B}, {@code %3D}, {@code %25}, {@code %2C}, …). */
    static String percentDecoded(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
        for (int index = 0; index < bytes.length; index++) {
            if (bytes[index] == '%' && index + 2 < bytes.length && hex(bytes[index + 1]) >= 0 && hex(bytes[index + 2]) >= 0) {
                out.write(hex(bytes[index + 1]) * 16 + hex(bytes[index + 2]));
                index += 2;
            } else {
                out.write(bytes[index]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte value) {
        return Character.digit((char) value, 16);
    }

    private static PermedException invalid(String fileName, int line, String field, String message) {
        return new PermedException(InterpretationErrorCode.INVALID_SUBMISSION, fileName + " line " + line + ", field " + field + ": "
                + message, Map.of("file", fileName, "line", line, "field", field));
    }
}
