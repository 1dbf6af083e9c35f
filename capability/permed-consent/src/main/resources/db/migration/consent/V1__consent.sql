-- Dynamic consent (issue 6). Every version of every consent of a patient (store pseudonym) is a row; nothing is
-- changed or deleted. The current state of a consent is its highest version. No national identity number is held.
create sequence consent.consent_id;

create table consent.decision (
    id             bigint generated always as identity primary key,
    consent_id     bigint not null,
    version        integer not null check (version >= 1),
    patient        text not null,
    status         text not null check (status in ('GIVEN', 'WITHDRAWN')),
    -- a DUO permission shorthand (GRU, HMB, DS, NRES); mondo only with DS
    duo            text not null,
    mondo          text check (mondo ~ '^MONDO:[0-9]{7}$'),
    -- null: any project
    project        text,
    -- DUO modifier shorthands, comma separated (empty: none)
    modifiers      text not null,
    valid_from     timestamptz not null,
    valid_to       timestamptz check (valid_to > valid_from),
    source         text not null check (source in ('DIGITAL', 'PAPER')),
    incidental     boolean not null,
    reclassification boolean not null,
    recorded_at    timestamptz not null,
    recorded_by    text not null,
    unique (consent_id, version),
    check ((duo = 'DS') = (mondo is not null))
);
create index decision_patient on consent.decision (patient, consent_id, version desc);

create function consent.refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'consent.% is append-only: rows are never changed', tg_table_name;
end;
$$;
create trigger decision_append_only before update or delete on consent.decision
    for each row execute function consent.refuse_change();
