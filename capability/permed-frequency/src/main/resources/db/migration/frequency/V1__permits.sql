-- Beacon permits (issue 7): which user may see which dataset at the CONTROLLED tier. Granted and revoked by a security
-- officer until permed has its data-access workflow. A revocation is recorded on the row; rows are never deleted.
create table frequency.permit (
    id          bigint generated always as identity primary key,
    user_id     text not null,
    dataset     text not null,
    reason      text not null,
    granted_by  text not null,
    granted_at  timestamptz not null,
    revoked_by  text,
    revoked_at  timestamptz,
    check ((revoked_by is null) = (revoked_at is null))
);
-- at most one current permit per user and dataset
create unique index permit_current on frequency.permit (user_id, dataset) where revoked_at is null;
