package no.permed.interpretation.register;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import no.permed.db.Database;
import no.permed.db.Storage;
import no.permed.interpretation.InterpretationErrorCode;
import no.permed.interpretation.acmg.AcmgClassifier;
import no.permed.interpretation.acmg.AppliedCriterion;
import no.permed.interpretation.acmg.Classification;
import no.permed.interpretation.aggregate.Aggregate;
import no.permed.interpretation.aggregate.AggregateClassification;
import no.permed.interpretation.aggregate.ClinVarAggregator;
import no.permed.interpretation.aggregate.SubmissionReviewStatus;
import no.permed.interpretation.register.internal.Rows;
import no.permed.interpretation.variant.VrsIdentifier;
import no.permed.kernel.OrganisationId;
import no.permed.kernel.PermedException;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.Purpose;
import no.permed.kernel.UserId;
import no.permed.spi.AuditEvent;
import no.permed.spi.AuditOutcome;
import no.permed.spi.TransactionalAuditSink;
import no.permed.spi.RequestContext;
import no.permed.vcf.normalise.VariantKey;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The national register of interpreted variants, in PostgreSQL schema {@code interpretation} (see
 * {@code V1__variant_register.sql}).
 *
 * <p><b>Submissions.</b> A laboratory (the organisation of the caller's token) submits its classification of a variant
 * for a condition; each submission is a new version, numbered per variant, condition and laboratory, and nothing is
 * overwritten. The engine's check of the stated class against the criteria is stored with it ({@link EngineCheck}).
 * A bulk submission ({@link #submitAll}) is one transaction: all or nothing.
 *
 * <p><b>Aggregation.</b> In the same transaction, under a PostgreSQL advisory lock per variant and condition, the
 * aggregate is recomputed with {@link ClinVarAggregator} from each laboratory's latest version, stored, and appended to
 * its history; so concurrent submissions for the same variant never lose an update, and the aggregate versions count
 * the submissions one by one.
 *
 * <p><b>Discordance.</b> When the aggregate becomes conflicting a {@link Discordance} is opened; the laboratories
 * involved see it and act on it ({@link #act}); it is closed as concordant when their classifications come together.
 *
 * <p><b>Reclassification recall.</b> A clinically significant change ({@link ClinicalGroup#isSignificant}) is recorded
 * as a {@link Reclassification} in the submission's transaction; after the commit, its recall finds the carriers
 * ({@link CarrierLookup}), leaves out those who do not want such notices ({@link RecallPreference}), and notifies the
 * submitting laboratories, the clinicians responsible for each carrier ({@link ClinicianDirectory}) and each carrier's
 * testing laboratory. A recall interrupted by a crash is made by {@link #recallPending} (call it at start-up).
 *
 * <p>Every change is audited inside its own transaction ({@link TransactionalAuditSink}, through the transaction's
 * connection, so no second connection is waited for): a submission, a discordance action, a recall's notices or an
 * acknowledgement is committed together with its audit entries or not at all, and a failing audit log refuses the
 * change. Reads are audited before their result is returned. Messages and logs name variants, laboratories and ids,
 * never a patient. Thread-safe.
 */
public final class VariantRegister {
    /** The PostgreSQL schema this register owns. */
    public static final String SCHEMA = "interpretation";
    private static final Logger LOG = LoggerFactory.getLogger(VariantRegister.class);
    private static final UserId SYSTEM = UserId.of("system");

    private final Jdbi jdbi;
    private final Storage storage;
    private final TransactionalAuditSink audit;
    private final CarrierLookup carriers;
    private final ClinicianDirectory clinicians;
    private final RecallPreference preference;
    private final SubmitterDesignations designations;
    private final Clock clock;

    public VariantRegister(Jdbi jdbi, TransactionalAuditSink audit, CarrierLookup carriers, ClinicianDirectory clinicians, RecallPreference preference,
            Clock clock) {
        this(jdbi, audit, carriers, clinicians, preference, SubmitterDesignations.NONE, clock);
    }

    /**
     * A register in which the designated organisations' submissions are expert-panel or practice-guideline
     * classifications ({@link SubmitterDesignations}).
     */
    public VariantRegister(Jdbi jdbi, TransactionalAuditSink audit, CarrierLookup carriers, ClinicianDirectory clinicians, RecallPreference preference,
            SubmitterDesignations designations, Clock clock) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.storage = new Storage(jdbi, InterpretationErrorCode.STORAGE_FAILURE);
        this.audit = requireNonNull(audit, "audit is null");
        this.carriers = requireNonNull(carriers, "carriers is null");
        this.clinicians = requireNonNull(clinicians, "clinicians is null");
        this.preference = requireNonNull(preference, "preference is null");
        this.designations = requireNonNull(designations, "designations is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Migrates schema {@code interpretation} and opens the register on it. */
    public static VariantRegister open(Database database, TransactionalAuditSink audit, CarrierLookup carriers, ClinicianDirectory clinicians,
            RecallPreference preference, Clock clock) {
        requireNonNull(database, "database is null");
        return open(database, audit, carriers, clinicians, preference, SubmitterDesignations.NONE, clock);
    }

    /** Migrates schema {@code interpretation} and opens the register on it, with designated submitters. */
    public static VariantRegister open(Database database, TransactionalAuditSink audit, CarrierLookup carriers, ClinicianDirectory clinicians,
            RecallPreference preference, SubmitterDesignations designations, Clock clock) {
        requireNonNull(database, "database is null");
        database.migrate(SCHEMA);
        return new VariantRegister(database.jdbi(), audit, carriers, clinicians, preference, designations, clock);
    }

    /** Today in the register's clock (UTC): the default date of a classification. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
    }

    // ---------------------------------------------------------------------------------------------
    // submissions

    /**
     * Stores one submission of the caller's laboratory, recomputes the aggregate, and recalls a clinically significant
     * change.
     *
     * @throws PermedException {@link InterpretationErrorCode#NO_ORGANISATION} when the token names no organisation
     */
    public SubmissionResult submit(RequestContext context, NewSubmission submission) {
        requireNonNull(submission, "submission is null");
        return submitAll(context, List.of(submission)).get(0);
    }

    /**
     * Stores submissions of the caller's laboratory in one transaction (all or none), in the order given: two rows for
     * the same variant and condition become two versions. Audited once, as {@code interpretation.submission.bulk}.
     */
    public List<SubmissionResult> submitAll(RequestContext context, List<NewSubmission> submissions) {
        requireNonNull(context, "context is null");
        requireNonNull(submissions, "submissions is null");
        if (submissions.isEmpty()) {
            throw new IllegalArgumentException("no submissions");
        }
        OrganisationId laboratory = laboratoryOf(context);
        UserId user = context.principal().user();
        Instant now = now();
        List<Stored> stored = inTransaction("store the submissions", handle -> {
            // every lock and every new variant row in one order, so that two bulk submissions cannot deadlock
            Set<String> locks = new TreeSet<>();
            Set<VariantKey> variants = new TreeSet<>();
            for (NewSubmission each : submissions) {
                locks.add(each.variant() + "|" + each.condition().key());
                variants.add(each.variant());
            }
            for (String lock : locks) {
                handle.createQuery("select pg_advisory_xact_lock(hashtext('interpretation.aggregate'), hashtext(:lock))")
                        .bind("lock", lock).mapTo(String.class).one();
            }
            Map<VariantKey, Long> variantIds = new HashMap<>();
            for (VariantKey variant : variants) {
                variantIds.put(variant, variantId(handle, variant, now));
            }
            List<Stored> results = new ArrayList<>();
            for (NewSubmission each : submissions) {
                results.add(store(handle, variantIds.get(each.variant()), each, laboratory, user, now));
            }
            auditSubmissions(handle, context, laboratory, results);
            return results;
        });
        List<SubmissionResult> results = new ArrayList<>();
        for (Stored each : stored) {
            Optional<Recall> recall = Optional.empty();
            if (each.reclassification().isPresent()) {
                long reclassification = each.reclassification().get().id();
                try {
                    recall = recall(context, reclassification);
                } catch (PermedException e) {
                    // the submissions are committed; the recall stays pending (recalled_at is null) and is made by
                    // recallPending, so the laboratory is not told its stored submission failed
                    LOG.warn("The recall of reclassification {} could not be made now ({}); it stays pending and is made at the"
                            + " next start or recallPending", reclassification, e.errorCode());
                }
            }
            results.add(new SubmissionResult(each.submission(), each.aggregate(), each.reclassification(), recall, each.discordance()));
        }
        return List.copyOf(results);
    }

    /** The audit entries of stored submissions, written in their transaction. */
    private void auditSubmissions(Handle handle, RequestContext context, OrganisationId laboratory, List<Stored> stored) {
        if (stored.size() == 1) {
            Submission one = stored.get(0).submission();
            auditEvent(handle, context, "interpretation.submission.create", Optional.empty(), Purpose.QUALITY_ASSURANCE, Map.of(
                    "submission", Long.toString(one.id()), "variant", one.variant().toString(), "condition", one.condition().key(),
                    "laboratory", laboratory.value(), "version", Integer.toString(one.version()), "flagged", Boolean.toString(one.flagged())));
        } else {
            auditEvent(handle, context, "interpretation.submission.bulk", Optional.empty(), Purpose.QUALITY_ASSURANCE, Map.of(
                    "submissions", Integer.toString(stored.size()), "laboratory", laboratory.value(),
                    "firstSubmission", Long.toString(stored.get(0).submission().id()),
                    "lastSubmission", Long.toString(stored.get(stored.size() - 1).submission().id()),
                    "flagged", Long.toString(stored.stream().filter(each -> each.submission().flagged()).count())));
        }
        for (Stored each : stored) {
            each.openedDiscordance().ifPresent(id -> auditEvent(handle, context, "interpretation.discordance.open", Optional.empty(),
                    Purpose.QUALITY_ASSURANCE, Map.of("discordance", Long.toString(id), "variant", each.submission().variant().toString())));
            each.reclassification().ifPresent(change -> auditEvent(handle, context, "interpretation.reclassification.record",
                    Optional.empty(), Purpose.QUALITY_ASSURANCE, Map.of("reclassification", Long.toString(change.id()),
                            "variant", change.variant().toString(), "condition", change.conditionKey(),
                            "from", change.from().displayName(), "to", change.to().displayName())));
        }
    }

    private record Stored(Submission submission, VariantAggregate aggregate, Optional<Reclassification> reclassification,
            Optional<Long> discordance, Optional<Long> openedDiscordance) {
    }

    private Stored store(Handle handle, long variantId, NewSubmission submission, OrganisationId laboratory, UserId user, Instant now) {
        String conditionKey = submission.condition().key();
        int version = handle.createQuery("select coalesce(max(version), 0) + 1 from interpretation.submission"
                        + " where variant = :variant and condition_key = :condition and laboratory = :laboratory")
                .bind("variant", variantId).bind("condition", conditionKey).bind("laboratory", laboratory.value())
                .mapTo(Integer.class).one();
        Optional<EngineCheck> check = submission.criteria().isEmpty() ? Optional.empty()
                : Optional.of(EngineCheck.of(AcmgClassifier.check(submission.classification(), submission.criteria())));
        SubmissionReviewStatus reviewStatus = designations.statusOf(laboratory, !submission.criteria().isEmpty());
        long id = handle.createQuery("insert into interpretation.submission (variant, condition_key, condition_kind, condition_value,"
                        + " laboratory, version, classification, criteria, review_status, evidence, classified_on, submitted_at, submitted_by,"
                        + " engine_acmg2015, engine_points, engine_points_class, flagged, submitted_as) values (:variant, :conditionKey,"
                        + " :conditionKind, :conditionValue, :laboratory, :version, :classification, :criteria, :reviewStatus, :evidence,"
                        + " :classifiedOn, :now, :user, :acmg2015, :points, :pointsClass, :flagged, :submittedAs) returning id")
                .bind("variant", variantId)
                .bind("conditionKey", conditionKey)
                .bind("conditionKind", submission.condition().kind().name())
                .bind("conditionValue", submission.condition().value())
                .bind("laboratory", laboratory.value())
                .bind("version", version)
                .bind("classification", submission.classification().name())
                .bind("criteria", submission.criteria().stream().map(AppliedCriterion::toString).collect(Collectors.joining(",")))
                .bind("reviewStatus", reviewStatus.name())
                .bind("evidence", submission.evidence().orElse(null))
                .bind("classifiedOn", submission.classifiedOn())
                .bind("now", Rows.timestamp(now))
                .bind("user", user.value())
                .bind("acmg2015", check.map(value -> value.acmg2015().name()).orElse(null))
                .bind("points", check.map(EngineCheck::points).orElse(null))
                .bind("pointsClass", check.map(value -> value.pointsClassification().name()).orElse(null))
                .bind("flagged", check.map(EngineCheck::flagged).orElse(false))
                .bind("submittedAs", submission.submittedAs().orElse(null))
                .mapTo(Long.class).one();
        Submission stored = new Submission(id, submission.variant(), submission.condition(), laboratory, version,
                submission.classification(), submission.criteria(), reviewStatus, submission.evidence(), submission.classifiedOn(), now,
                user, check, submission.submittedAs());

        Optional<VariantAggregate> before = handle.createQuery("select " + Rows.AGGREGATE_COLUMNS + " from interpretation.aggregate a"
                        + " join interpretation.variant v on v.id = a.variant where a.variant = :variant and a.condition_key = :condition")
                .bind("variant", variantId).bind("condition", conditionKey)
                .map((row, context) -> Rows.aggregate(row)).findOne();
        List<Submission> latest = latest(handle, variantId, conditionKey);
        Aggregate aggregate = ClinVarAggregator.aggregate(latest.stream().map(Submission::asSubmitted).toList());
        VariantAggregate after = new VariantAggregate(submission.variant(), conditionKey, before.map(value -> value.version() + 1).orElse(1),
                aggregate, id, now);
        writeAggregate(handle, variantId, after);

        Optional<Long> openedDiscordance = Optional.empty();
        Optional<Long> unresolved = handle.createQuery("select id from interpretation.discordance where variant = :variant"
                        + " and condition_key = :condition and status <> 'RESOLVED' for update")
                .bind("variant", variantId).bind("condition", conditionKey).mapTo(Long.class).findOne();
        boolean wasConflicted = before.map(value -> value.aggregate().conflicted()).orElse(false);
        if (unresolved.isPresent()) {
            String status = aggregate.conflicted() ? currentStatus(handle, unresolved.get()) : Discordance.Status.RESOLVED.name();
            addAction(handle, unresolved.get(), Discordance.ActionKind.RESUBMITTED, Optional.of(laboratory), user, Optional.empty(),
                    Optional.of(id), status, now);
            if (!aggregate.conflicted()) {
                addAction(handle, unresolved.get(), Discordance.ActionKind.CONCORDANT, Optional.empty(), SYSTEM, Optional.empty(),
                        Optional.empty(), Discordance.Status.RESOLVED.name(), now);
                handle.createUpdate("update interpretation.discordance set status = 'RESOLVED', closed_at = :now where id = :id")
                        .bind("now", Rows.timestamp(now)).bind("id", unresolved.get()).execute();
                unresolved = Optional.empty();
            }
        } else if (aggregate.conflicted() && !wasConflicted) {
            long opened = handle.createQuery("insert into interpretation.discordance (variant, condition_key, status, opened_at)"
                            + " values (:variant, :condition, 'OPEN', :now) returning id")
                    .bind("variant", variantId).bind("condition", conditionKey).bind("now", Rows.timestamp(now))
                    .mapTo(Long.class).one();
            addAction(handle, opened, Discordance.ActionKind.OPENED, Optional.empty(), SYSTEM, Optional.empty(), Optional.of(id),
                    Discordance.Status.OPEN.name(), now);
            unresolved = Optional.of(opened);
            openedDiscordance = Optional.of(opened);
        }

        Optional<Reclassification> reclassification = Optional.empty();
        if (before.isPresent() && ClinicalGroup.isSignificant(before.get().aggregate().classification(), aggregate.classification())) {
            AggregateClassification from = before.get().aggregate().classification();
            long eventId = handle.createQuery("insert into interpretation.reclassification (variant, condition_key, from_class, to_class,"
                            + " from_group, to_group, aggregate_version, submission, created_at) values (:variant, :condition, :from, :to,"
                            + " :fromGroup, :toGroup, :version, :submission, :now) returning id")
                    .bind("variant", variantId).bind("condition", conditionKey)
                    .bind("from", from.name()).bind("to", aggregate.classification().name())
                    .bind("fromGroup", ClinicalGroup.of(from).name()).bind("toGroup", ClinicalGroup.of(aggregate.classification()).name())
                    .bind("version", after.version()).bind("submission", id).bind("now", Rows.timestamp(now))
                    .mapTo(Long.class).one();
            reclassification = Optional.of(new Reclassification(eventId, submission.variant(), conditionKey, from,
                    aggregate.classification(), after.version(), id, now, Optional.empty()));
        }
        return new Stored(stored, after, reclassification, unresolved, openedDiscordance);
    }

    private static long variantId(Handle handle, VariantKey variant, Instant now) {
        Optional<String> vrs;
        try {
            vrs = Optional.of(VrsIdentifier.of(variant));
        } catch (PermedException notComputable) {
            vrs = Optional.empty();
        }
        handle.createUpdate("insert into interpretation.variant (key, assembly, contig, position, reference, alternate, vrs_id, created_at)"
                        + " values (:key, :assembly, :contig, :position, :reference, :alternate, :vrs, :now) on conflict (key) do nothing")
                .bind("key", variant.toString())
                .bind("assembly", variant.assembly().displayName())
                .bind("contig", variant.contig())
                .bind("position", variant.position())
                .bind("reference", variant.reference())
                .bind("alternate", variant.alternate())
                .bind("vrs", vrs.orElse(null))
                .bind("now", Rows.timestamp(now))
                .execute();
        return handle.createQuery("select id from interpretation.variant where key = :key").bind("key", variant.toString())
                .mapTo(Long.class).one();
    }

    private static List<Submission> latest(Handle handle, long variantId, String conditionKey) {
        return handle.createQuery("select distinct on (s.laboratory) " + Rows.SUBMISSION_COLUMNS + " from interpretation.submission s"
                        + " join interpretation.variant v on v.id = s.variant where s.variant = :variant and s.condition_key = :condition"
                        + " order by s.laboratory, s.version desc")
                .bind("variant", variantId).bind("condition", conditionKey)
                .map((row, context) -> Rows.submission(row)).list();
    }

    private static void writeAggregate(Handle handle, long variantId, VariantAggregate value) {
        Aggregate aggregate = value.aggregate();
        Map<Classification, Integer> counts = aggregate.submissionCounts();
        for (String sql : List.of(
                "insert into interpretation.aggregate (variant, condition_key, version, classification, review_status, stars, conflicted,"
                        + " pathogenic, likely_pathogenic, uncertain, likely_benign, benign, submission, computed_at) values (:variant,"
                        + " :condition, :version, :classification, :reviewStatus, :stars, :conflicted, :p, :lp, :vus, :lb, :b, :submission, :now)"
                        + " on conflict (variant, condition_key) do update set version = excluded.version, classification = excluded.classification,"
                        + " review_status = excluded.review_status, stars = excluded.stars, conflicted = excluded.conflicted,"
                        + " pathogenic = excluded.pathogenic, likely_pathogenic = excluded.likely_pathogenic, uncertain = excluded.uncertain,"
                        + " likely_benign = excluded.likely_benign, benign = excluded.benign, submission = excluded.submission,"
                        + " computed_at = excluded.computed_at",
                "insert into interpretation.aggregate_history (variant, condition_key, version, classification, review_status, stars,"
                        + " conflicted, pathogenic, likely_pathogenic, uncertain, likely_benign, benign, submission, computed_at) values"
                        + " (:variant, :condition, :version, :classification, :reviewStatus, :stars, :conflicted, :p, :lp, :vus, :lb, :b,"
                        + " :submission, :now)")) {
            handle.createUpdate(sql)
                    .bind("variant", variantId)
                    .bind("condition", value.conditionKey())
                    .bind("version", value.version())
                    .bind("classification", aggregate.classification().name())
                    .bind("reviewStatus", aggregate.reviewStatus().name())
                    .bind("stars", aggregate.goldStars())
                    .bind("conflicted", aggregate.conflicted())
                    .bind("p", counts.get(Classification.PATHOGENIC))
                    .bind("lp", counts.get(Classification.LIKELY_PATHOGENIC))
                    .bind("vus", counts.get(Classification.UNCERTAIN_SIGNIFICANCE))
                    .bind("lb", counts.get(Classification.LIKELY_BENIGN))
                    .bind("b", counts.get(Classification.BENIGN))
                    .bind("submission", value.submissionId())
                    .bind("now", Rows.timestamp(value.computedAt()))
                    .execute();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // reading

    /** Every version of every laboratory's submissions for the variant (and condition), by condition, laboratory, version. */
    public List<Submission> submissions(VariantKey variant, Optional<Condition> condition) {
        requireNonNull(variant, "variant is null");
        requireNonNull(condition, "condition is null");
        return read("read the submissions", handle -> handle.createQuery("select " + Rows.SUBMISSION_COLUMNS
                        + " from interpretation.submission s join interpretation.variant v on v.id = s.variant where v.key = :key"
                        + " and (cast(:condition as text) is null or s.condition_key = :condition)"
                        + " order by s.condition_key, s.laboratory, s.version")
                .bind("key", variant.toString()).bind("condition", condition.map(Condition::key).orElse(null))
                .map((row, context) -> Rows.submission(row)).list());
    }

    /** Each laboratory's latest version for the variant and condition (what the aggregate counts), by laboratory. */
    public List<Submission> latestSubmissions(VariantKey variant, Condition condition) {
        requireNonNull(variant, "variant is null");
        requireNonNull(condition, "condition is null");
        return read("read the submissions", handle -> handle.createQuery("select id from interpretation.variant where key = :key")
                .bind("key", variant.toString()).mapTo(Long.class).findOne()
                .map(id -> latest(handle, id, condition.key())).orElse(List.of()));
    }

    /** The current aggregates of the variant, one per condition, by condition key. */
    public List<VariantAggregate> aggregates(VariantKey variant) {
        requireNonNull(variant, "variant is null");
        return read("read the aggregates", handle -> handle.createQuery("select " + Rows.AGGREGATE_COLUMNS
                        + " from interpretation.aggregate a join interpretation.variant v on v.id = a.variant where v.key = :key"
                        + " order by a.condition_key")
                .bind("key", variant.toString()).map((row, context) -> Rows.aggregate(row)).list());
    }

    /** The current aggregate of the variant and condition. */
    public Optional<VariantAggregate> aggregate(VariantKey variant, Condition condition) {
        requireNonNull(condition, "condition is null");
        return aggregates(variant).stream().filter(each -> each.conditionKey().equals(condition.key())).findFirst();
    }

    /** Every aggregate the variant and condition had, oldest first. */
    public List<VariantAggregate> aggregateHistory(VariantKey variant, Condition condition) {
        requireNonNull(variant, "variant is null");
        requireNonNull(condition, "condition is null");
        return read("read the aggregate history", handle -> handle.createQuery("select " + Rows.AGGREGATE_COLUMNS
                        + " from interpretation.aggregate_history a join interpretation.variant v on v.id = a.variant"
                        + " where v.key = :key and a.condition_key = :condition order by a.version")
                .bind("key", variant.toString()).bind("condition", condition.key())
                .map((row, context) -> Rows.aggregate(row)).list());
    }

    /** The variant's GA4GH VRS identifier, when the register holds the variant and could compute one. */
    public Optional<String> vrsIdentifier(VariantKey variant) {
        requireNonNull(variant, "variant is null");
        return read("read the variant", handle -> handle.createQuery("select vrs_id from interpretation.variant where key = :key")
                .bind("key", variant.toString()).mapTo(String.class).findOne());
    }

    /** The reclassifications of the variant, oldest first. */
    public List<Reclassification> reclassifications(VariantKey variant) {
        requireNonNull(variant, "variant is null");
        return read("read the reclassifications", handle -> handle.createQuery("select " + Rows.RECLASSIFICATION_COLUMNS
                        + " from interpretation.reclassification r join interpretation.variant v on v.id = r.variant where v.key = :key"
                        + " order by r.id")
                .bind("key", variant.toString()).map((row, context) -> Rows.reclassification(row)).list());
    }

    // ---------------------------------------------------------------------------------------------
    // discordances

    /**
     * The discordances that involve the caller's laboratory (it submitted for the variant and condition), newest first.
     * Audited as {@code interpretation.discordance.list}.
     *
     * @param includeResolved whether resolved ones are listed too
     */
    public List<Discordance> discordances(RequestContext context, boolean includeResolved) {
        OrganisationId laboratory = laboratoryOf(context);
        List<Discordance> found = read("read the discordances", handle -> {
            List<Long> ids = handle.createQuery("select d.id from interpretation.discordance d where (:all or d.status <> 'RESOLVED')"
                            + " and exists (select 1 from interpretation.submission s where s.variant = d.variant"
                            + " and s.condition_key = d.condition_key and s.laboratory = :laboratory) order by d.id desc")
                    .bind("all", includeResolved).bind("laboratory", laboratory.value()).mapTo(Long.class).list();
            List<Discordance> result = new ArrayList<>();
            for (long id : ids) {
                result.add(discordance(handle, id).orElseThrow());
            }
            return result;
        });
        auditEvent(context, "interpretation.discordance.list", Optional.empty(), Purpose.QUALITY_ASSURANCE,
                Map.of("laboratory", laboratory.value(), "discordances", Integer.toString(found.size())));
        return found;
    }

    /**
     * One discordance, if it involves the caller's laboratory.
     *
     * @throws PermedException {@link InterpretationErrorCode#DISCORDANCE_NOT_FOUND} otherwise
     */
    public Discordance discordance(RequestContext context, long id) {
        OrganisationId laboratory = laboratoryOf(context);
        return read("read the discordance", handle -> discordance(handle, id))
                .filter(found -> found.laboratories().contains(laboratory))
                .orElseThrow(() -> discordanceNotFound(id));
    }

    /**
     * Takes a laboratory's action on a discordance: {@link Discordance.ActionKind#COMMENT}, {@code RE_EVALUATE},
     * {@code ESCALATE} or {@code RESOLVE}. Audited as {@code interpretation.discordance.action}.
     *
     * @param comment required for comment, escalate and resolve (at most 2,000 characters, no personal data)
     * @return the discordance after the action
     * @throws PermedException {@link InterpretationErrorCode#DISCORDANCE_NOT_FOUND} when it does not involve the caller's
     *     laboratory, {@link InterpretationErrorCode#DISCORDANCE_RESOLVED} when it is resolved,
     *     {@link InterpretationErrorCode#INVALID_DISCORDANCE_ACTION} for one of the register's own actions or a missing comment
     */
    public Discordance act(RequestContext context, long id, Discordance.ActionKind action, Optional<String> comment) {
        requireNonNull(action, "action is null");
        requireNonNull(comment, "comment is null");
        OrganisationId laboratory = laboratoryOf(context);
        Optional<String> text = comment.map(String::strip).filter(value -> !value.isEmpty());
        if (!action.byLaboratory()) {
            throw new PermedException(InterpretationErrorCode.INVALID_DISCORDANCE_ACTION, "Action " + action
                    + " is the register's own; a laboratory may comment, re-evaluate, escalate or resolve",
                    Map.of("field", "action", "value", action.name(), "allowed", List.of("COMMENT", "RE_EVALUATE", "ESCALATE", "RESOLVE")));
        }
        if (action.needsComment() && text.isEmpty()) {
            throw new PermedException(InterpretationErrorCode.INVALID_DISCORDANCE_ACTION, "Action " + action
                    + " needs a comment (the reason); write no personal data in it", Map.of("field", "comment"));
        }
        if (text.isPresent() && text.get().length() > 2000) {
            throw new PermedException(InterpretationErrorCode.INVALID_DISCORDANCE_ACTION, "A comment has at most 2000 characters",
                    Map.of("field", "comment"));
        }
        Instant now = now();
        Discordance after = inTransaction("act on the discordance", handle -> {
            Optional<String> status = handle.createQuery("select status from interpretation.discordance where id = :id for update")
                    .bind("id", id).mapTo(String.class).findOne();
            Discordance current = status.flatMap(found -> discordance(handle, id))
                    .filter(found -> found.laboratories().contains(laboratory))
                    .orElseThrow(() -> discordanceNotFound(id));
            if (current.status() == Discordance.Status.RESOLVED) {
                throw new PermedException(InterpretationErrorCode.DISCORDANCE_RESOLVED, "Discordance " + id + " is resolved; a new"
                        + " conflict of the classifications opens a new one", Map.of("discordance", id));
            }
            Discordance.Status next = switch (action) {
                case COMMENT -> current.status();
                case RE_EVALUATE -> Discordance.Status.RE_EVALUATING;
                case ESCALATE -> Discordance.Status.ESCALATED;
                case RESOLVE -> Discordance.Status.RESOLVED;
                case OPENED, RESUBMITTED, CONCORDANT -> throw new IllegalStateException("checked above");
            };
            addAction(handle, id, action, Optional.of(laboratory), context.principal().user(), text, Optional.empty(), next.name(), now);
            handle.createUpdate("update interpretation.discordance set status = :status, closed_at = :closed where id = :id")
                    .bind("status", next.name())
                    .bind("closed", next == Discordance.Status.RESOLVED ? Rows.timestamp(now) : null)
                    .bind("id", id).execute();
            auditEvent(handle, context, "interpretation.discordance.action", Optional.empty(), Purpose.QUALITY_ASSURANCE, Map.of(
                    "discordance", Long.toString(id), "action", action.name(), "laboratory", laboratory.value(),
                    "status", next.name()));
            return discordance(handle, id).orElseThrow();
        });
        return after;
    }

    private static Optional<Discordance> discordance(Handle handle, long id) {
        record Head(long variant, String variantKey, String conditionKey, String status, Instant opened, Optional<Instant> closed) {
        }
        Optional<Head> head = handle.createQuery("select d.variant, v.key, d.condition_key, d.status, d.opened_at, d.closed_at"
                        + " from interpretation.discordance d join interpretation.variant v on v.id = d.variant where d.id = :id")
                .bind("id", id)
                .map((row, context) -> new Head(row.getLong("variant"), row.getString("key"), row.getString("condition_key"),
                        row.getString("status"), Rows.instant(row, "opened_at"), Rows.optionalInstant(row, "closed_at")))
                .findOne();
        if (head.isEmpty()) {
            return Optional.empty();
        }
        List<Submission> latest = latest(handle, head.get().variant(), head.get().conditionKey());
        Set<OrganisationId> laboratories = new LinkedHashSet<>();
        latest.forEach(submission -> laboratories.add(submission.laboratory()));
        Condition condition = latest.stream().max(Comparator.comparing(Submission::submittedAt)).map(Submission::condition)
                .orElseThrow();
        List<Discordance.Action> actions = handle.createQuery("select id, action, laboratory, actor, comment, submission, status_after, at"
                        + " from interpretation.discordance_action where discordance = :id order by id")
                .bind("id", id)
                .map((row, context) -> new Discordance.Action(row.getLong("id"), Discordance.ActionKind.valueOf(row.getString("action")),
                        Optional.ofNullable(row.getString("laboratory")).map(OrganisationId::of), UserId.of(row.getString("actor")),
                        Optional.ofNullable(row.getString("comment")), Optional.ofNullable(row.getObject("submission", Long.class)),
                        Discordance.Status.valueOf(row.getString("status_after")), Rows.instant(row, "at")))
                .list();
        return Optional.of(new Discordance(id, VariantKey.parse(head.get().variantKey()), condition,
                Discordance.Status.valueOf(head.get().status()), head.get().opened(), head.get().closed(), laboratories, actions));
    }

    private static String currentStatus(Handle handle, long discordance) {
        return handle.createQuery("select status from interpretation.discordance where id = :id").bind("id", discordance)
                .mapTo(String.class).one();
    }

    private static void addAction(Handle handle, long discordance, Discordance.ActionKind action, Optional<OrganisationId> laboratory,
            UserId actor, Optional<String> comment, Optional<Long> submission, String statusAfter, Instant now) {
        handle.createUpdate("insert into interpretation.discordance_action (discordance, action, laboratory, actor, comment, submission,"
                        + " status_after, at) values (:discordance, :action, :laboratory, :actor, :comment, :submission, :status, :now)")
                .bind("discordance", discordance)
                .bind("action", action.name())
                .bind("laboratory", laboratory.map(OrganisationId::value).orElse(null))
                .bind("actor", actor.value())
                .bind("comment", comment.orElse(null))
                .bind("submission", submission.orElse(null))
                .bind("status", statusAfter)
                .bind("now", Rows.timestamp(now))
                .execute();
    }

    private static PermedException discordanceNotFound(long id) {
        return new PermedException(InterpretationErrorCode.DISCORDANCE_NOT_FOUND, "No discordance " + id
                + " involves your laboratory", Map.of("discordance", id));
    }

    // ---------------------------------------------------------------------------------------------
    // recall and notifications

    /**
     * Recalls every reclassification whose recall has not been made (after a crash between the submission and its
     * recall). Call at start-up with a system context.
     *
     * @return the recalls made
     */
    public List<Recall> recallPending(RequestContext context) {
        requireNonNull(context, "context is null");
        List<Long> pending = read("read the pending recalls", handle -> handle.createQuery(
                        "select id from interpretation.reclassification where recalled_at is null order by id")
                .mapTo(Long.class).list());
        List<Recall> recalls = new ArrayList<>();
        for (long id : pending) {
            recall(context, id).ifPresent(recalls::add);
        }
        if (!recalls.isEmpty()) {
            LOG.info("Recalled {} pending reclassification(s)", recalls.size());
        }
        return recalls;
    }

    private Optional<Recall> recall(RequestContext context, long reclassificationId) {
        Optional<Reclassification> found = read("read the reclassification", handle -> reclassification(handle, reclassificationId));
        if (found.isEmpty() || found.get().recalledAt().isPresent()) {
            return Optional.empty();
        }
        Reclassification change = found.get();
        Instant now = now();
        // ask the genome store and the care relationships before the transaction: they may use the same pool
        List<Carrier> carriersFound = carriers.carriersOf(change.variant());
        Map<Carrier, List<UserId>> wanting = new LinkedHashMap<>();
        List<Carrier> declined = new ArrayList<>();
        for (Carrier carrier : carriersFound) {
            if (preference.wantsReclassificationNotices(carrier.patient())) {
                wanting.put(carrier, clinicians.responsibleClinicians(carrier.patient(), now).stream().distinct().toList());
            } else {
                declined.add(carrier);
            }
        }
        record Planned(Recipient recipient, Optional<Carrier> carrier) {
        }
        Optional<Integer> made = inTransaction("record the recall", handle -> {
            boolean due = handle.createQuery("select recalled_at is null from interpretation.reclassification where id = :id for update")
                    .bind("id", reclassificationId).mapTo(Boolean.class).one();
            if (!due) {
                return Optional.<Integer>empty();
            }
            List<Planned> planned = new ArrayList<>();
            handle.createQuery("select distinct s.laboratory from interpretation.submission s join interpretation.reclassification r"
                            + " on r.variant = s.variant and r.condition_key = s.condition_key where r.id = :id order by s.laboratory")
                    .bind("id", reclassificationId).mapTo(String.class)
                    .forEach(laboratory -> planned.add(new Planned(Recipient.laboratory(OrganisationId.of(laboratory)), Optional.empty())));
            wanting.forEach((carrier, responsible) -> {
                Set<Recipient> recipients = new LinkedHashSet<>();
                responsible.forEach(clinician -> recipients.add(Recipient.clinician(clinician)));
                carrier.laboratory().ifPresent(laboratory -> recipients.add(new Recipient(Recipient.Kind.LABORATORY, laboratory)));
                recipients.forEach(recipient -> planned.add(new Planned(recipient, Optional.of(carrier))));
            });
            for (Planned each : planned) {
                handle.createUpdate("insert into interpretation.notification (reclassification, recipient_kind, recipient, patient,"
                                + " sample_id, created_at) values (:event, :kind, :recipient, :patient, :sample, :now)")
                        .bind("event", reclassificationId)
                        .bind("kind", each.recipient().kind().name())
                        .bind("recipient", each.recipient().id())
                        .bind("patient", each.carrier().map(carrier -> carrier.patient().value()).orElse(null))
                        .bind("sample", each.carrier().map(Carrier::sampleId).orElse(null))
                        .bind("now", Rows.timestamp(now))
                        .execute();
            }
            handle.createUpdate("update interpretation.reclassification set recalled_at = :now, carriers = :carriers, declined = :declined"
                            + " where id = :id")
                    .bind("now", Rows.timestamp(now)).bind("carriers", carriersFound.size()).bind("declined", declined.size())
                    .bind("id", reclassificationId).execute();
            auditRecall(handle, context, change, wanting, declined, carriersFound.size(), planned.size());
            return Optional.of(planned.size());
        });
        if (made.isEmpty()) {
            return Optional.empty();
        }
        LOG.info("Reclassification {} of {} ({} → {}): {} carrier(s), {} declined, {} notification(s)", reclassificationId,
                change.variant(), change.from().displayName(), change.to().displayName(), carriersFound.size(), declined.size(), made.get());
        Reclassification recalled = new Reclassification(change.id(), change.variant(), change.conditionKey(), change.from(), change.to(),
                change.aggregateVersion(), change.submissionId(), change.createdAt(), Optional.of(now));
        return Optional.of(new Recall(recalled, carriersFound.size(), declined.size(), made.get()));
    }

    /** The recall's audit entries, one per carrier with that patient as subject, written in the recall's transaction. */
    private void auditRecall(Handle handle, RequestContext context, Reclassification change, Map<Carrier, List<UserId>> wanting,
            List<Carrier> declined, int carriersFound, int notifications) {
        long reclassificationId = change.id();
        for (Map.Entry<Carrier, List<UserId>> entry : wanting.entrySet()) {
            auditEvent(handle, context, "interpretation.recall.notify", Optional.of(entry.getKey().patient()), Purpose.TREATMENT, Map.of(
                    "reclassification", Long.toString(reclassificationId), "variant", change.variant().toString(),
                    "clinicians", Integer.toString(entry.getValue().size()),
                    "laboratory", entry.getKey().laboratory().orElse("(unknown)")));
        }
        for (Carrier carrier : declined) {
            auditEvent(handle, context, "interpretation.recall.declined", Optional.of(carrier.patient()), Purpose.TREATMENT, Map.of(
                    "reclassification", Long.toString(reclassificationId), "variant", change.variant().toString(),
                    "reason", "the patient does not want reclassification notices"));
        }
        auditEvent(handle, context, "interpretation.recall.complete", Optional.empty(), Purpose.TREATMENT, Map.of(
                "reclassification", Long.toString(reclassificationId), "carriers", Integer.toString(carriersFound),
                "declined", Integer.toString(declined.size()), "notifications", Integer.toString(notifications)));
    }

    private static Optional<Reclassification> reclassification(Handle handle, long id) {
        return handle.createQuery("select " + Rows.RECLASSIFICATION_COLUMNS + " from interpretation.reclassification r"
                        + " join interpretation.variant v on v.id = r.variant where r.id = :id")
                .bind("id", id).map((row, context) -> Rows.reclassification(row)).findOne();
    }

    /**
     * The notifications addressed to the caller: to their laboratory (role lab) and to themself (role clinician), newest
     * first. A carrier notice to a clinician is shown only while the clinician still has a care relationship with the
     * carrier ({@link ClinicianDirectory}, asked now): the notice was addressed when the relationship existed, and a
     * clinician who no longer treats the patient must not learn of them. Audited as
     * {@code interpretation.notification.list}, and once per patient named, with that patient as subject
     * ({@code interpretation.notification.read}, purpose treatment for a clinician's notice, laboratory for a laboratory's).
     */
    public List<Notification> notifications(RequestContext context, boolean pendingOnly) {
        requireNonNull(context, "context is null");
        List<Recipient> recipients = Recipient.of(context.principal());
        List<Notification> found = new ArrayList<>();
        for (Recipient recipient : recipients) {
            found.addAll(read("read the notifications", handle -> handle.createQuery("select " + Rows.NOTIFICATION_COLUMNS
                            + " from interpretation.notification n join interpretation.reclassification r on r.id = n.reclassification"
                            + " join interpretation.variant v on v.id = r.variant where n.recipient_kind = :kind and n.recipient = :recipient"
                            + " and (not :pending or n.acknowledged_at is null) order by n.id desc")
                    .bind("kind", recipient.kind().name()).bind("recipient", recipient.id()).bind("pending", pendingOnly)
                    .map((row, context2) -> Rows.notification(row)).list()));
        }
        Instant now = now();
        Map<Pseudonym, Boolean> caring = new HashMap<>();
        found.removeIf(notification -> !mayRead(notification, context, now, caring));
        found.sort(Comparator.comparingLong(Notification::id).reversed());
        auditEvent(context, "interpretation.notification.list", Optional.empty(), listPurpose(context),
                Map.of("notifications", Integer.toString(found.size()), "pendingOnly", Boolean.toString(pendingOnly)));
        Map<Pseudonym, Map<Purpose, Long>> patients = new LinkedHashMap<>();
        found.forEach(notification -> notification.patient().ifPresent(patient -> patients.computeIfAbsent(patient,
                key -> new LinkedHashMap<>()).merge(purposeOf(notification.recipient()), 1L, Long::sum)));
        patients.forEach((patient, byPurpose) -> byPurpose.forEach((purpose, count) -> auditEvent(context,
                "interpretation.notification.read", Optional.of(patient), purpose, Map.of("notifications", Long.toString(count)))));
        return List.copyOf(found);
    }

    /**
     * Whether the caller may see the notification now: a laboratory's notice always (it names only the laboratory's own
     * sample), a clinician's carrier notice only while the clinician has a care relationship with the carrier.
     */
    private boolean mayRead(Notification notification, RequestContext context, Instant now, Map<Pseudonym, Boolean> caring) {
        if (notification.recipient().kind() != Recipient.Kind.CLINICIAN || notification.patient().isEmpty()) {
            return true;
        }
        UserId user = context.principal().user();
        return caring.computeIfAbsent(notification.patient().get(),
                patient -> clinicians.responsibleClinicians(patient, now).contains(user));
    }

    private static Purpose purposeOf(Recipient recipient) {
        return recipient.kind() == Recipient.Kind.LABORATORY ? Purpose.LABORATORY : Purpose.TREATMENT;
    }

    private static Purpose listPurpose(RequestContext context) {
        return context.principal().hasRole(no.permed.kernel.Role.CLINICIAN) ? Purpose.TREATMENT : Purpose.LABORATORY;
    }

    /**
     * Acknowledges a notification addressed to the caller or the caller's laboratory (acknowledging twice keeps the first
     * acknowledgement). Audited as {@code interpretation.notification.acknowledge}, with the patient as subject when it names one.
     *
     * @throws PermedException {@link InterpretationErrorCode#NOTIFICATION_NOT_FOUND} when it is not addressed to the caller
     */
    public Notification acknowledge(RequestContext context, long id) {
        requireNonNull(context, "context is null");
        List<Recipient> recipients = Recipient.of(context.principal());
        Instant now = now();
        // the care relationship is asked before the transaction: the directory may use the same connection pool
        boolean readable = read("read the notification", handle -> handle.createQuery("select " + Rows.NOTIFICATION_COLUMNS
                        + " from interpretation.notification n join interpretation.reclassification r on r.id = n.reclassification"
                        + " join interpretation.variant v on v.id = r.variant where n.id = :id")
                .bind("id", id).map((row, context2) -> Rows.notification(row)).findOne())
                .filter(found -> recipients.contains(found.recipient()))
                .map(found -> mayRead(found, context, now, new HashMap<>()))
                .orElse(false);
        if (!readable) {
            throw new PermedException(InterpretationErrorCode.NOTIFICATION_NOT_FOUND, "No notification " + id
                    + " is addressed to you or your laboratory", Map.of("notification", id));
        }
        Notification acknowledged = inTransaction("acknowledge the notification", handle -> {
            Notification notification = handle.createQuery("select " + Rows.NOTIFICATION_COLUMNS
                            + " from interpretation.notification n join interpretation.reclassification r on r.id = n.reclassification"
                            + " join interpretation.variant v on v.id = r.variant where n.id = :id for update of n")
                    .bind("id", id).map((row, context2) -> Rows.notification(row)).findOne()
                    .filter(found -> recipients.contains(found.recipient()))
                    .orElseThrow(() -> new PermedException(InterpretationErrorCode.NOTIFICATION_NOT_FOUND, "No notification " + id
                            + " is addressed to you or your laboratory", Map.of("notification", id)));
            auditEvent(handle, context, "interpretation.notification.acknowledge", notification.patient(),
                    purposeOf(notification.recipient()), Map.of("notification", Long.toString(id),
                            "reclassification", Long.toString(notification.reclassificationId()),
                            "already", Boolean.toString(notification.acknowledged())));
            if (notification.acknowledged()) {
                return notification;
            }
            handle.createUpdate("update interpretation.notification set acknowledged_at = :now, acknowledged_by = :user where id = :id")
                    .bind("now", Rows.timestamp(now)).bind("user", context.principal().user().value()).bind("id", id).execute();
            return new Notification(notification.id(), notification.reclassificationId(), notification.variant(),
                    notification.conditionKey(), notification.from(), notification.to(), notification.recipient(), notification.patient(),
                    notification.sampleId(), notification.createdAt(), Optional.of(now), Optional.of(context.principal().user()));
        });
        return acknowledged;
    }

    // ---------------------------------------------------------------------------------------------

    private static OrganisationId laboratoryOf(RequestContext context) {
        requireNonNull(context, "context is null");
        return context.principal().organisation().orElseThrow(() -> new PermedException(InterpretationErrorCode.NO_ORGANISATION,
                "Your token names no organisation, so the laboratory cannot be known", Map.of()));
    }

    private void auditEvent(RequestContext context, String action, Optional<Pseudonym> subject, Purpose purpose, Map<String, String> details) {
        audit.append(new AuditEvent(context, action, subject, purpose, AuditOutcome.PERMITTED, details));
    }

    /** Audits a change inside its transaction: the entry commits or rolls back with it. */
    private void auditEvent(Handle handle, RequestContext context, String action, Optional<Pseudonym> subject, Purpose purpose,
            Map<String, String> details) {
        audit.append(handle.getConnection(), new AuditEvent(context, action, subject, purpose, AuditOutcome.PERMITTED, details));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private <T> T read(String what, HandleCallback<T, RuntimeException> callback) {
        return storage.read(what, callback);
    }

    private <T> T inTransaction(String what, HandleCallback<T, RuntimeException> callback) {
        return storage.inTransaction(what, callback);
    }
}
