package no.permed.interpretation.register.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.permed.interpretation.acmg.AppliedCriterion;
import no.permed.interpretation.acmg.Classification;
import no.permed.interpretation.aggregate.Aggregate;
import no.permed.interpretation.aggregate.AggregateClassification;
import no.permed.interpretation.aggregate.AggregateReviewStatus;
import no.permed.interpretation.aggregate.SubmissionReviewStatus;
import no.permed.interpretation.register.Condition;
import no.permed.interpretation.register.EngineCheck;
import no.permed.interpretation.register.Notification;
import no.permed.interpretation.register.Reclassification;
import no.permed.interpretation.register.Recipient;
import no.permed.interpretation.register.Submission;
import no.permed.interpretation.register.VariantAggregate;
import no.permed.kernel.OrganisationId;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.UserId;
import no.permed.vcf.normalise.VariantKey;

/** Mapping of the register's rows to its records (column lists and mappers kept side by side). */
public final class Rows {
    public static final String SUBMISSION_COLUMNS = "s.id, v.key as variant_key, s.condition_kind, s.condition_value, s.laboratory,"
            + " s.version, s.classification, s.criteria, s.review_status, s.evidence, s.classified_on, s.submitted_at, s.submitted_by,"
            + " s.engine_acmg2015, s.engine_points, s.engine_points_class, s.flagged, s.submitted_as";
    public static final String AGGREGATE_COLUMNS = "v.key as variant_key, a.condition_key, a.version, a.classification,"
            + " a.review_status, a.pathogenic, a.likely_pathogenic, a.uncertain, a.likely_benign, a.benign, a.submission, a.computed_at";
    public static final String RECLASSIFICATION_COLUMNS = "r.id, v.key as variant_key, r.condition_key, r.from_class, r.to_class,"
            + " r.aggregate_version, r.submission, r.created_at, r.recalled_at";
    public static final String NOTIFICATION_COLUMNS = "n.id, n.reclassification, v.key as variant_key, r.condition_key, r.from_class,"
            + " r.to_class, n.recipient_kind, n.recipient, n.patient, n.sample_id, n.created_at, n.acknowledged_at, n.acknowledged_by";

    private Rows() {
    }

    public static Submission submission(ResultSet row) throws SQLException {
        String criteria = row.getString("criteria");
        Optional<EngineCheck> check = Optional.empty();
        if (row.getString("engine_acmg2015") != null) {
            check = Optional.of(new EngineCheck(Classification.valueOf(row.getString("engine_acmg2015")), row.getInt("engine_points"),
                    Classification.valueOf(row.getString("engine_points_class")), row.getBoolean("flagged")));
        }
        return new Submission(row.getLong("id"), VariantKey.parse(row.getString("variant_key")),
                new Condition(Condition.Kind.valueOf(row.getString("condition_kind")), row.getString("condition_value")),
                OrganisationId.of(row.getString("laboratory")), row.getInt("version"), Classification.valueOf(row.getString("classification")),
                criteria.isEmpty() ? List.of() : AppliedCriterion.parseList(criteria),
                SubmissionReviewStatus.valueOf(row.getString("review_status")), Optional.ofNullable(row.getString("evidence")),
                row.getObject("classified_on", LocalDate.class), instant(row, "submitted_at"), UserId.of(row.getString("submitted_by")),
                check, Optional.ofNullable(row.getString("submitted_as")));
    }

    public static VariantAggregate aggregate(ResultSet row) throws SQLException {
        Map<Classification, Integer> counts = new EnumMap<>(Classification.class);
        counts.put(Classification.PATHOGENIC, row.getInt("pathogenic"));
        counts.put(Classification.LIKELY_PATHOGENIC, row.getInt("likely_pathogenic"));
        counts.put(Classification.UNCERTAIN_SIGNIFICANCE, row.getInt("uncertain"));
        counts.put(Classification.LIKELY_BENIGN, row.getInt("likely_benign"));
        counts.put(Classification.BENIGN, row.getInt("benign"));
        Aggregate aggregate = new Aggregate(AggregateClassification.valueOf(row.getString("classification")),
                AggregateReviewStatus.valueOf(row.getString("review_status")), counts);
        return new VariantAggregate(VariantKey.parse(row.getString("variant_key")), row.getString("condition_key"), row.getInt("version"),
                aggregate, row.getLong("submission"), instant(row, "computed_at"));
    }

    public static Reclassification reclassification(ResultSet row) throws SQLException {
        return new Reclassification(row.getLong("id"), VariantKey.parse(row.getString("variant_key")), row.getString("condition_key"),
                AggregateClassification.valueOf(row.getString("from_class")), AggregateClassification.valueOf(row.getString("to_class")),
                row.getInt("aggregate_version"), row.getLong("submission"), instant(row, "created_at"),
                optionalInstant(row, "recalled_at"));
    }

    public static Notification notification(ResultSet row) throws SQLException {
        return new Notification(row.getLong("id"), row.getLong("reclassification"), VariantKey.parse(row.getString("variant_key")),
                row.getString("condition_key"), AggregateClassification.valueOf(row.getString("from_class")),
                AggregateClassification.valueOf(row.getString("to_class")),
                new Recipient(Recipient.Kind.valueOf(row.getString("recipient_kind")), row.getString("recipient")),
                Optional.ofNullable(row.getString("patient")).map(Pseudonym::of), Optional.ofNullable(row.getString("sample_id")),
                instant(row, "created_at"), optionalInstant(row, "acknowledged_at"),
                Optional.ofNullable(row.getString("acknowledged_by")).map(UserId::of));
    }

    public static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }

    public static Optional<Instant> optionalInstant(ResultSet row, String column) throws SQLException {
        return Optional.ofNullable(row.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    public static Object timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
