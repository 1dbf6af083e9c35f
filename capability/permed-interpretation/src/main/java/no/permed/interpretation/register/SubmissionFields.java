package no.permed.interpretation.register;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.permed.interpretation.InterpretationErrorCode;
import no.permed.interpretation.acmg.AppliedCriterion;
import no.permed.interpretation.acmg.Classification;
import no.permed.interpretation.variant.HgvsGenomic;
import no.permed.interpretation.variant.VariantKeys;
import no.permed.kernel.PermedException;
import no.permed.vcf.genome.Assembly;
import no.permed.vcf.normalise.VariantKey;

/**
 * A submission as text, the way the edges receive it (a JSON body, a CSV row, the command line), before validation.
 *
 * @param variant a key {@code GRCh38-17-43045712-G-A}, {@code 17-43045712-G-A} with {@code assembly}, genomic HGVS
 *     {@code NC_000017.11:g.43045712G>A} ({@code chr17:g.…} with {@code assembly}), or coding HGVS on a versioned RefSeq
 *     transcript {@code NM_001289862.1:c.1243C>G} where permed's transcript table places it exactly ({@code assembly}
 *     needed when the table has the transcript on both); see {@link VariantKeys}, {@link HgvsGenomic} and
 *     {@link no.permed.interpretation.variant.TranscriptAnchors}
 * @param assembly GRCh37 or GRCh38, for a variant written without one
 * @param condition a MONDO, ORPHA or OMIM identifier, or free text ({@link Condition#parse})
 * @param classification Pathogenic, Likely pathogenic, Uncertain significance, Likely benign, Benign (or P, LP, VUS, LB, B)
 * @param criteria ACMG/AMP criteria with ClinGen's strength suffixes, separated by commas, semicolons or spaces
 * @param evidence the evidence summary
 * @param date the date of the classification, {@code YYYY-MM-DD} (default: today)
 */
public record SubmissionFields(String variant, Optional<String> assembly, String condition, String classification,
        Optional<String> criteria, Optional<String> evidence, Optional<String> date) {
    public SubmissionFields {
        requireNonNull(assembly, "assembly is null");
        requireNonNull(criteria, "criteria is null");
        requireNonNull(evidence, "evidence is null");
        requireNonNull(date, "date is null");
    }

    /**
     * Validates every field.
     *
     * @param today the date used when none is given, and the latest date accepted
     * @throws PermedException naming the field in its details ({@code field}) and message
     */
    public NewSubmission validate(LocalDate today) {
        requireNonNull(today, "today is null");
        VariantKey key;
        try {
            key = parseVariant(required(variant, "variant"), assembly.filter(text -> !text.isBlank()));
        } catch (PermedException e) {
            Object part = e.details().getOrDefault("field", "variant");
            if (part.equals("assembly") || part.equals("variant")) {
                throw e;
            }
            Map<String, Object> details = new HashMap<>(e.details());
            details.put("field", "variant");
            details.put("part", part);
            throw new PermedException(e.errorCode(), e.getMessage(), details, e);
        }
        Condition parsedCondition = Condition.parse(required(condition, "condition"));
        Classification parsedClass = Classification.parse(required(classification, "classification"));
        List<AppliedCriterion> parsedCriteria = criteria.map(AppliedCriterion::parseList).orElse(List.of());
        Optional<String> summary = evidence.map(String::strip).filter(text -> !text.isEmpty());
        if (summary.isPresent() && summary.get().length() > NewSubmission.MAX_EVIDENCE) {
            throw invalid("evidence", "The evidence summary has " + summary.get().length() + " characters; at most "
                    + NewSubmission.MAX_EVIDENCE + " are kept in the register");
        }
        LocalDate classifiedOn = today;
        Optional<String> dateText = date.map(String::strip).filter(text -> !text.isEmpty());
        if (dateText.isPresent()) {
            try {
                classifiedOn = LocalDate.parse(dateText.get());
            } catch (DateTimeParseException e) {
                throw invalid("date", "The date of the classification must be YYYY-MM-DD, not '" + shorten(dateText.get()) + "'");
            }
            if (classifiedOn.isAfter(today)) {
                throw invalid("date", "The date of the classification " + classifiedOn + " is in the future");
            }
        }
        // an HGVS expression is kept as the lab wrote it, beside the key it resolved to
        Optional<String> submittedAs = Optional.of(variant.strip()).filter(text -> text.contains(":"));
        return new NewSubmission(key, parsedCondition, parsedClass, parsedCriteria, summary, classifiedOn, submittedAs);
    }

    /**
     * Parses a variant key or an HGVS expression (see {@link #variant()}); anything with a ':' is read as HGVS.
     *
     * @throws PermedException naming the field ({@code assembly} when a c. expression needs it, else {@code variant} or
     *     {@code hgvs}) in its details
     */
    public static VariantKey parseVariant(String text, Optional<String> assembly) {
        Optional<Assembly> parsedAssembly = assembly.map(SubmissionFields::parseAssembly);
        String trimmed = text.strip();
        if (trimmed.contains(":")) {
            return HgvsGenomic.parse(trimmed, parsedAssembly, Optional.empty());
        }
        if (trimmed.split("-", -1).length == 4 && parsedAssembly.isEmpty()) {
            throw invalid("assembly", "Variant '" + shorten(trimmed) + "' names no assembly: write it as GRCh38-" + shorten(trimmed)
                    + " or give the assembly (GRCh37 or GRCh38)");
        }
        return VariantKeys.parse(trimmed, parsedAssembly.orElse(null));
    }

    private static Assembly parseAssembly(String text) {
        try {
            return Assembly.parse(text.strip());
        } catch (RuntimeException e) {
            throw invalid("assembly", "The assembly must be GRCh37 or GRCh38, not '" + shorten(text) + "'");
        }
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw invalid(field, "The field " + field + " is required");
        }
        return value;
    }

    static PermedException invalid(String field, String message) {
        Map<String, Object> details = new HashMap<>();
        details.put("field", field);
        return new PermedException(InterpretationErrorCode.INVALID_SUBMISSION, message, details);
    }

    static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
