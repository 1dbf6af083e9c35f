-- The membership defence's per-person risk budget (issue 7, docs/privacy.md): every charge of a rare allele's disclosure
-- to one counted sample, so that a restart does not give everybody a full budget again. Rows are only added.
create table frequency.risk_charge (
    variant     text not null,
    sample_id   bigint not null,
    cost        double precision not null check (cost >= 0),
    charged_at  timestamptz not null,
    primary key (variant, sample_id)
);
