-- The patients' lifelong pharmacogenomic profiles (issue 4). The pgx capability never sees national
-- identity numbers: a patient is their store pseudonym (p<key version>_<43 characters>).
--
-- A profile is the calls of one sample (star-allele diplotypes per gene, plus outside calls such as
-- CYP2D6 or HLA-B), stored as JSON with the knowledge version the caller used. Profiles are
-- append-only: a new sample or test gives the patient a new version; no row is ever updated.
-- Recommendations are not stored as the truth: they are derived from the calls with the knowledge
-- of the day. What each interpretation recommended is kept as a summary (pgx.interpretation), so
-- that a later knowledge release can be compared with it without the old knowledge; a comparison
-- that changes a recommendation is a re-interpretation (pgx.reinterpretation), listed for the
-- patient's clinicians until each of them acknowledges it.

create table pgx.profile (
    id            bigint generated always as identity primary key,
    patient       text not null check (patient ~ '^[pr][0-9]{1,4}_[A-Za-z0-9_-]{43}$'),
    version       integer not null check (version >= 1),
    sample_id     text not null check (length(sample_id) between 1 and 200),
    -- {"format": 1, "sample": ..., "genes": [...], "outsideCalls": [...]} (see ProfileJson.java)
    calls         jsonb not null,
    -- the PGx knowledge version the calls were made with (DataVersion.summary())
    data_version  text not null check (length(data_version) between 1 and 1000),
    source_file   text,
    laboratory    text,
    test_type     text,
    created_at    timestamptz not null,
    created_by    text not null,
    unique (patient, version)
);

create table pgx.interpretation (
    id            bigint generated always as identity primary key,
    profile       bigint not null references pgx.profile (id),
    data_version  text not null check (length(data_version) between 1 and 1000),
    -- the recommendations that applied: [{"drug", "source", "population", "strength", "text", ...}]
    summary       jsonb not null,
    created_at    timestamptz not null
);
create index interpretation_profile on pgx.interpretation (profile, id);

create table pgx.reinterpretation (
    id                bigint generated always as identity primary key,
    patient           text not null,
    profile           bigint not null references pgx.profile (id),
    profile_version   integer not null,
    old_data_version  text not null,
    new_data_version  text not null,
    -- [{"drug", "source", "population", "before": [...], "after": [...]}]
    changes           jsonb not null,
    created_at        timestamptz not null
);
create index reinterpretation_patient on pgx.reinterpretation (patient, id);

create table pgx.reinterpretation_acknowledgement (
    reinterpretation  bigint not null references pgx.reinterpretation (id),
    clinician         text not null,
    acknowledged_at   timestamptz not null,
    primary key (reinterpretation, clinician)
);

-- Append-only: profiles, interpretations and re-interpretations are never changed once written.
create function pgx.refuse_update() returns trigger language plpgsql as $$
begin
    raise exception 'pgx.% is append-only: rows are never updated', tg_table_name;
end;
$$;
create trigger profile_append_only before update on pgx.profile for each row execute function pgx.refuse_update();
create trigger interpretation_append_only before update on pgx.interpretation for each row execute function pgx.refuse_update();
create trigger reinterpretation_append_only before update on pgx.reinterpretation for each row execute function pgx.refuse_update();
