-- The national register of interpreted variants (issue 5). Laboratories submit classifications of a
-- variant for a condition; every submission is a new version (nothing is overwritten); the aggregate
-- per variant and condition is recomputed in ClinVar's manner from each laboratory's latest version in
-- the same transaction, under a per-(variant, condition) advisory lock, so concurrent submissions never
-- lose an update. No table holds a national identity number; carriers appear only as store pseudonyms
-- in notifications.

create table interpretation.variant (
    id          bigint generated always as identity primary key,
    -- permed-vcf's VariantKey as text: GRCh38-17-43045712-G-A (trimmed; GRCh37 and GRCh38 kept apart)
    key         text not null unique,
    assembly    text not null check (assembly in ('GRCh37', 'GRCh38')),
    contig      text not null,
    position    integer not null check (position >= 1),
    reference   text not null,
    alternate   text not null,
    -- GA4GH VRS 2.0 computed identifier (ga4gh:VA.…) when computable (substitutions so far)
    vrs_id      text,
    created_at  timestamptz not null
);
create index variant_vrs on interpretation.variant (vrs_id) where vrs_id is not null;

create table interpretation.submission (
    id                 bigint generated always as identity primary key,
    variant            bigint not null references interpretation.variant (id),
    -- MONDO:0007254, ORPHA:145, OMIM:604370, or text:<free text in lower case> (see Condition.java)
    condition_key      text not null,
    condition_kind     text not null check (condition_kind in ('MONDO', 'ORPHA', 'OMIM', 'TEXT')),
    condition_value    text not null check (length(condition_value) between 1 and 200),
    laboratory         text not null,
    -- 1, 2, … per (variant, condition, laboratory), gap-free
    version            integer not null check (version >= 1),
    classification     text not null check (classification in ('PATHOGENIC', 'LIKELY_PATHOGENIC', 'UNCERTAIN_SIGNIFICANCE',
                                                                'LIKELY_BENIGN', 'BENIGN')),
    -- the ACMG/AMP criteria with strengths as ClinGen writes them, comma separated (empty: none stated)
    criteria           text not null,
    review_status      text not null check (review_status in ('PRACTICE_GUIDELINE', 'EXPERT_PANEL', 'CRITERIA_PROVIDED',
                                                              'NO_ASSERTION_CRITERIA')),
    evidence           text check (length(evidence) <= 10000),
    classified_on      date not null,
    submitted_at       timestamptz not null,
    submitted_by       text not null,
    -- the classification engine's check of the stated class against the criteria (null without criteria)
    engine_acmg2015    text,
    engine_points      integer,
    engine_points_class text,
    flagged            boolean not null,
    unique (variant, condition_key, laboratory, version)
);
create index submission_variant on interpretation.submission (variant, condition_key, laboratory, version desc);
create index submission_laboratory on interpretation.submission (laboratory);

-- The current aggregate per variant and condition (one row, replaced under the lock) ...
create table interpretation.aggregate (
    variant          bigint not null references interpretation.variant (id),
    condition_key    text not null,
    version          integer not null check (version >= 1),
    classification   text not null,
    review_status    text not null,
    stars            integer not null check (stars between 0 and 4),
    conflicted       boolean not null,
    pathogenic       integer not null,
    likely_pathogenic integer not null,
    uncertain        integer not null,
    likely_benign    integer not null,
    benign           integer not null,
    submission       bigint not null references interpretation.submission (id),
    computed_at      timestamptz not null,
    primary key (variant, condition_key)
);

-- ... and every aggregate it ever had, append-only.
create table interpretation.aggregate_history (
    id               bigint generated always as identity primary key,
    variant          bigint not null references interpretation.variant (id),
    condition_key    text not null,
    version          integer not null,
    classification   text not null,
    review_status    text not null,
    stars            integer not null,
    conflicted       boolean not null,
    pathogenic       integer not null,
    likely_pathogenic integer not null,
    uncertain        integer not null,
    likely_benign    integer not null,
    benign           integer not null,
    -- the submission whose arrival recomputed it
    submission       bigint not null references interpretation.submission (id),
    computed_at      timestamptz not null,
    unique (variant, condition_key, version)
);

-- A discordance: a variant and condition whose laboratories' latest classifications fall in two or
-- more of the groups P/LP, VUS, LB/B. Opened when the aggregate becomes conflicting; resolved by the
-- labs (resolve) or automatically when their classifications come together again.
create table interpretation.discordance (
    id             bigint generated always as identity primary key,
    variant        bigint not null references interpretation.variant (id),
    condition_key  text not null,
    status         text not null check (status in ('OPEN', 'RE_EVALUATING', 'ESCALATED', 'RESOLVED')),
    opened_at      timestamptz not null,
    closed_at      timestamptz
);
create index discordance_variant on interpretation.discordance (variant, condition_key, id desc);
create unique index discordance_one_unresolved on interpretation.discordance (variant, condition_key) where status <> 'RESOLVED';

create table interpretation.discordance_action (
    id           bigint generated always as identity primary key,
    discordance  bigint not null references interpretation.discordance (id),
    action       text not null check (action in ('OPENED', 'COMMENT', 'RE_EVALUATE', 'RESUBMITTED', 'ESCALATE', 'RESOLVE', 'CONCORDANT')),
    laboratory   text,
    actor        text not null,
    comment      text check (length(comment) <= 2000),
    submission   bigint references interpretation.submission (id),
    status_after text not null,
    at           timestamptz not null
);
create index discordance_action_discordance on interpretation.discordance_action (discordance, id);

-- A clinically significant change of an aggregate (see ClinicalGroup.java); recall makes its
-- notifications and then sets recalled_at (an event left without it is recalled at the next start).
create table interpretation.reclassification (
    id                 bigint generated always as identity primary key,
    variant            bigint not null references interpretation.variant (id),
    condition_key      text not null,
    from_class         text not null,
    to_class           text not null,
    from_group         text not null,
    to_group           text not null,
    aggregate_version  integer not null,
    submission         bigint not null references interpretation.submission (id),
    created_at         timestamptz not null,
    recalled_at        timestamptz,
    carriers           integer,
    declined           integer
);
create index reclassification_pending on interpretation.reclassification (id) where recalled_at is null;

create table interpretation.notification (
    id                bigint generated always as identity primary key,
    reclassification  bigint not null references interpretation.reclassification (id),
    recipient_kind    text not null check (recipient_kind in ('LABORATORY', 'CLINICIAN')),
    recipient         text not null,
    -- the carrier this notification is about (store pseudonym and sample ID); null for a submitting lab's notice
    patient           text check (patient ~ '^[pr][0-9]{1,4}_[A-Za-z0-9_-]{43}$'),
    sample_id         text,
    created_at        timestamptz not null,
    acknowledged_at   timestamptz,
    acknowledged_by   text,
    unique (reclassification, recipient_kind, recipient, patient, sample_id)
);
create index notification_recipient on interpretation.notification (recipient_kind, recipient, id);

-- Append-only: submissions, aggregate history and discordance actions are never changed.
create function interpretation.refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'interpretation.% is append-only: rows are never changed', tg_table_name;
end;
$$;
create trigger submission_append_only before update or delete on interpretation.submission
    for each row execute function interpretation.refuse_change();
create trigger aggregate_history_append_only before update or delete on interpretation.aggregate_history
    for each row execute function interpretation.refuse_change();
create trigger discordance_action_append_only before update or delete on interpretation.discordance_action
    for each row execute function interpretation.refuse_change();
