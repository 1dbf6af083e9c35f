package no.permed.interpretation.register;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import no.permed.kernel.OrganisationId;
import no.permed.kernel.UserId;
import no.permed.vcf.normalise.VariantKey;

/**
 * A variant and condition whose laboratories' latest classifications fall in two or more of the groups P/LP, VUS and
 * LB/B (the aggregate is "Conflicting classifications of pathogenicity"), with its resolution workflow.
 *
 * <p>Opened by the register when the aggregate becomes conflicting. The laboratories involved (those that submitted
 * for the variant and condition) may {@link ActionKind#COMMENT comment}, announce that they
 * {@link ActionKind#RE_EVALUATE re-evaluate}, {@link ActionKind#ESCALATE escalate} (e.g. to an expert panel) or
 * {@link ActionKind#RESOLVE resolve} it (e.g. agreeing to differ, with a reason). A new version from a laboratory
 * involved is recorded as {@link ActionKind#RESUBMITTED}; when the classifications come together again the register
 * closes it as {@link ActionKind#CONCORDANT}. Once resolved it takes no more actions; a new conflict opens a new one.
 *
 * @param id the register's id
 * @param variant the variant
 * @param condition the condition
 * @param status where the workflow stands
 * @param openedAt when the conflict arose
 * @param closedAt when it was resolved
 * @param laboratories the laboratories involved
 * @param actions the history, oldest first (the first is {@link ActionKind#OPENED})
 */
public record Discordance(long id, VariantKey variant, Condition condition, Status status, Instant openedAt,
        Optional<Instant> closedAt, Set<OrganisationId> laboratories, List<Action> actions) {
    public Discordance {
        requireNonNull(variant, "variant is null");
        requireNonNull(condition, "condition is null");
        requireNonNull(status, "status is null");
        requireNonNull(openedAt, "openedAt is null");
        requireNonNull(closedAt, "closedAt is null");
        laboratories = Set.copyOf(requireNonNull(laboratories, "laboratories is null"));
        actions = List.copyOf(requireNonNull(actions, "actions is null"));
    }

    /** Where the workflow of a discordance stands. */
    public enum Status {
        OPEN, RE_EVALUATING, ESCALATED, RESOLVED
    }

    /** What happened to a discordance. The first four are the register's own; the rest the laboratories'. */
    public enum ActionKind {
        /** The register opened it when the aggregate became conflicting. */
        OPENED(false),
        /** A laboratory involved submitted a new version while it was unresolved. */
        RESUBMITTED(false),
        /** The register closed it because the laboratories' classifications no longer conflict. */
        CONCORDANT(false),
        /** A comment (required text). */
        COMMENT(true),
        /** A laboratory announces that it re-evaluates its classification (status RE_EVALUATING). */
        RE_EVALUATE(true),
        /** Sent on for review, e.g. to an expert panel (required reason; status ESCALATED). */
        ESCALATE(true),
        /** Closed by a laboratory involved, e.g. agreeing to differ (required reason; status RESOLVED). */
        RESOLVE(true);

        private final boolean byLaboratory;

        ActionKind(boolean byLaboratory) {
            this.byLaboratory = byLaboratory;
        }

        /** Whether a laboratory may take this action (the others are the register's own). */
        public boolean byLaboratory() {
            return byLaboratory;
        }

        /** Whether the action needs a comment. */
        public boolean needsComment() {
            return this == COMMENT || this == ESCALATE || this == RESOLVE;
        }
    }

    /**
     * One step of the history.
     *
     * @param id the action's id
     * @param kind what happened
     * @param laboratory the laboratory that acted (empty for the register's own actions)
     * @param actor the user (or {@code system})
     * @param comment the comment or reason
     * @param submissionId the new version, for {@link ActionKind#RESUBMITTED}
     * @param statusAfter the status it left
     * @param at when
     */
    public record Action(long id, ActionKind kind, Optional<OrganisationId> laboratory, UserId actor, Optional<String> comment,
            Optional<Long> submissionId, Status statusAfter, Instant at) {
        public Action {
            requireNonNull(kind, "kind is null");
            requireNonNull(laboratory, "laboratory is null");
            requireNonNull(actor, "actor is null");
            requireNonNull(comment, "comment is null");
            requireNonNull(submissionId, "submissionId is null");
            requireNonNull(statusAfter, "statusAfter is null");
            requireNonNull(at, "at is null");
        }
    }
}
