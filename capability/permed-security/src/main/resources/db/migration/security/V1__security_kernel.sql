-- The security module's schema: the hash-chained audit log, care relationships and laboratory links.
-- Owned by permed-security; other modules reach these data only through its Java API.

-- One row per audited action. Append-only: the trigger below refuses UPDATE, DELETE and TRUNCATE,
-- and every row carries the SHA-256 hash of its canonical encoding (RFC 8785 JSON, see
-- docs/security.md) including the previous row's hash, so that any change made by someone who can
-- bypass the trigger is found by AuditLog.verify().
CREATE TABLE security.audit_log (
    sequence      bigint      PRIMARY KEY CHECK (sequence > 0),
    recorded_at   timestamptz NOT NULL,
    actor         text        NOT NULL,
    roles         text[]      NOT NULL,
    organisation  text,
    action        text        NOT NULL,
    subject       text,
    purpose       text        NOT NULL,
    outcome       text        NOT NULL,
    request_id    text        NOT NULL,
    details       jsonb       NOT NULL,
    previous_hash char(64)    NOT NULL,
    hash          char(64)    NOT NULL UNIQUE
);

COMMENT ON TABLE security.audit_log IS
    'Append-only, hash-chained audit log (permed-security). Never update or delete rows; verify with permed audit verify.';

-- A patient's access log: newest first, per pseudonym.
CREATE INDEX audit_log_by_subject ON security.audit_log (subject, sequence DESC) WHERE subject IS NOT NULL;

CREATE FUNCTION security.audit_log_refuse_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'security.audit_log is append-only: % is refused', TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'audit entries are never changed or removed (docs/security.md)';
END;
$$;

CREATE TRIGGER audit_log_append_only
    BEFORE UPDATE OR DELETE ON security.audit_log
    FOR EACH ROW EXECUTE FUNCTION security.audit_log_refuse_change();

CREATE TRIGGER audit_log_no_truncate
    BEFORE TRUNCATE ON security.audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION security.audit_log_refuse_change();

-- A clinician's relationship with a patient, which lets the clinician read the patient's data for
-- treatment (EHR, LAB_SUBMISSION) or in an emergency (BREAK_THE_GLASS, with a reason) while valid.
CREATE TABLE security.care_relationship (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    patient      text        NOT NULL,
    clinician    text        NOT NULL,
    source       text        NOT NULL CHECK (source IN ('LAB_SUBMISSION', 'EHR', 'BREAK_THE_GLASS')),
    reason       text,
    valid_from   timestamptz NOT NULL,
    valid_until  timestamptz NOT NULL,
    recorded_by  text        NOT NULL,
    request_id   text        NOT NULL,
    ended_at     timestamptz,
    ended_by     text,
    CHECK (valid_until > valid_from),
    CHECK (source <> 'BREAK_THE_GLASS' OR reason IS NOT NULL)
);

CREATE INDEX care_relationship_by_patient ON security.care_relationship (patient, clinician, valid_until);

-- A laboratory organisation that submitted a sample of a patient, which lets the laboratory read the
-- results of that patient for laboratory work while valid.
CREATE TABLE security.laboratory_link (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    patient      text        NOT NULL,
    laboratory   text        NOT NULL,
    valid_from   timestamptz NOT NULL,
    valid_until  timestamptz NOT NULL,
    recorded_by  text        NOT NULL,
    request_id   text        NOT NULL,
    CHECK (valid_until > valid_from)
);

CREATE INDEX laboratory_link_by_patient ON security.laboratory_link (patient, laboratory, valid_until);
