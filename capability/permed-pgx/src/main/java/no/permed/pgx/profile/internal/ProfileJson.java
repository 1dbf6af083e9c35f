package no.permed.pgx.profile.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.permed.kernel.PermedException;
import no.permed.pgx.call.CallResult;
import no.permed.pgx.call.GeneCall;
import no.permed.pgx.interpret.OutsideCall;
import no.permed.pgx.knowledge.PgxSource;
import no.permed.pgx.profile.ProfileErrorCode;
import no.permed.pgx.profile.RecommendationChange;
import no.permed.pgx.profile.RecommendationSummary;

/**
 * The JSON stored in schema {@code pgx}: the calls of a profile, interpretation summaries and re-interpretation
 * changes. Written through these records only, never through the model types, so that a change of the model cannot
 * change what profiles stored years ago mean; {@code format} says which layout a document has. Reading is strict:
 * an unknown format, an unknown field or a missing one is an error naming the profile row.
 */
public final class ProfileJson {
    /** The layout of the calls document written now. */
    public static final int CALLS_FORMAT = 1;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .build();
    private static final TypeReference<List<SummaryDocument>> SUMMARIES = new TypeReference<>() {};
    private static final TypeReference<List<ChangeDocument>> CHANGES = new TypeReference<>() {};

    private ProfileJson() {
    }

    /** The calls of a profile as read back. */
    public record StoredCalls(CallResult calls, List<OutsideCall> outsideCalls) {
    }

    record CallsDocument(int format, String sample, List<GeneDocument> genes, List<OutsideDocument> outsideCalls) {
    }

    record GeneDocument(String gene, List<String> diplotypes, List<String> missingPositions, List<String> warnings, boolean phased,
            int matchScore) {
    }

    record OutsideDocument(String gene, String diplotype, String phenotype, String activityScore, int line) {
    }

    record SummaryDocument(String drug, String source, String population, String strength, String text, boolean alternateDrugAdvised,
            String recommendationId, String guidelineName, int guidelineVersion, Map<String, String> genotype) {
    }

    record ChangeDocument(String drug, String source, String population, List<SummaryDocument> before, List<SummaryDocument> after) {
    }

    public static String writeCalls(CallResult calls, List<OutsideCall> outside) {
        List<GeneDocument> genes = calls.genes().values().stream()
                .map(call -> new GeneDocument(call.gene(), call.diplotypes(), call.missingPositions(), call.warnings(), call.phased(),
                        call.matchScore()))
                .toList();
        List<OutsideDocument> outsideCalls = outside.stream()
                .map(call -> new OutsideDocument(call.gene(), call.diplotype().orElse(null), call.phenotype().orElse(null),
                        call.activityScore().orElse(null), call.line()))
                .toList();
        return write(new CallsDocument(CALLS_FORMAT, calls.sample(), genes, outsideCalls));
    }

    /**
     * @param where the row, for the error message ({@code profile version 3})
     */
    public static StoredCalls readCalls(String json, String where) {
        CallsDocument document = read(json, CallsDocument.class, where);
        if (document.format() != CALLS_FORMAT) {
            throw unreadable(where, "its calls have format " + document.format() + ", this version of permed reads format "
                    + CALLS_FORMAT + "; upgrade permed", null);
        }
        try {
            Map<String, GeneCall> genes = new LinkedHashMap<>();
            for (GeneDocument gene : document.genes()) {
                genes.put(gene.gene(), new GeneCall(gene.gene(), gene.diplotypes(), gene.missingPositions(), gene.warnings(), gene.phased(),
                        gene.matchScore()));
            }
            List<OutsideCall> outside = document.outsideCalls().stream()
                    .map(call -> new OutsideCall(call.gene(), Optional.ofNullable(call.diplotype()), Optional.ofNullable(call.phenotype()),
                            Optional.ofNullable(call.activityScore()), call.line()))
                    .toList();
            return new StoredCalls(new CallResult(document.sample(), genes), outside);
        } catch (RuntimeException invalid) {
            throw unreadable(where, "its calls are incomplete (" + invalid.getMessage() + ")", invalid);
        }
    }

    public static String writeSummaries(List<RecommendationSummary> summaries) {
        return write(summaries.stream().map(ProfileJson::document).toList());
    }

    public static List<RecommendationSummary> readSummaries(String json, String where) {
        List<SummaryDocument> documents = read(json, SUMMARIES, where);
        try {
            return documents.stream().map(ProfileJson::summary).toList();
        } catch (RuntimeException invalid) {
            throw unreadable(where, "its recommendation summary is incomplete (" + invalid.getMessage() + ")", invalid);
        }
    }

    public static String writeChanges(List<RecommendationChange> changes) {
        return write(changes.stream()
                .map(change -> new ChangeDocument(change.drug(), change.source().name(), change.population().orElse(null),
                        change.before().stream().map(ProfileJson::document).toList(),
                        change.after().stream().map(ProfileJson::document).toList()))
                .toList());
    }

    public static List<RecommendationChange> readChanges(String json, String where) {
        List<ChangeDocument> documents = read(json, CHANGES, where);
        try {
            return documents.stream()
                    .map(change -> new RecommendationChange(change.drug(), PgxSource.valueOf(change.source()),
                            Optional.ofNullable(change.population()), change.before().stream().map(ProfileJson::summary).toList(),
                            change.after().stream().map(ProfileJson::summary).toList()))
                    .toList();
        } catch (RuntimeException invalid) {
            throw unreadable(where, "its changes are incomplete (" + invalid.getMessage() + ")", invalid);
        }
    }

    private static SummaryDocument document(RecommendationSummary summary) {
        return new SummaryDocument(summary.drug(), summary.source().name(), summary.population().orElse(null),
                summary.strength().orElse(null), summary.text(), summary.alternateDrugAdvised(), summary.recommendationId(),
                summary.guidelineName(), summary.guidelineVersion(), summary.genotype());
    }

    private static RecommendationSummary summary(SummaryDocument document) {
        return new RecommendationSummary(document.drug(), PgxSource.valueOf(document.source()), Optional.ofNullable(document.population()),
                Optional.ofNullable(document.strength()), document.text(), document.alternateDrugAdvised(), document.recommendationId(),
                document.guidelineName(), document.guidelineVersion(), document.genotype());
    }

    private static String write(Object document) {
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("records of strings, numbers and lists always serialise", e);
        }
    }

    private static <T> T read(String json, Class<T> type, String where) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw unreadable(where, "its JSON does not match the stored layout (" + e.getOriginalMessage() + ")", e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type, String where) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw unreadable(where, "its JSON does not match the stored layout (" + e.getOriginalMessage() + ")", e);
        }
    }

    private static PermedException unreadable(String where, String why, Throwable cause) {
        return new PermedException(ProfileErrorCode.PROFILE_UNREADABLE, "cannot read " + where + ": " + why, Map.of("row", where), cause);
    }
}
