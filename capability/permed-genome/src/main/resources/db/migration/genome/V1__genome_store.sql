-- The genome store's catalogue. Genotypes live in segment files under <data>/genome/segments;
-- these tables say which samples each segment holds, where each sample came from, and which
-- samples are erased. A segment file whose row is missing is an interrupted ingest and is deleted
-- at start; a row is only ever written in the same transaction as its samples.

create table genome.segment (
    id             uuid primary key,
    file_name      text not null unique,
    assembly       text not null check (assembly in ('GRCh37', 'GRCh38')),
    sample_count   integer not null check (sample_count > 0),
    site_count     integer not null check (site_count >= 0),
    file_bytes     bigint not null check (file_bytes > 0),
    created_at     timestamptz not null,
    -- set when compaction has replaced this segment; the file is deleted after the swap commits
    retired_at     timestamptz,
    replaced_by    uuid references genome.segment (id)
);

create table genome.sample (
    id                bigint generated always as identity primary key,
    -- the sample's identifier: the laboratory's sample ID for a patient, the cohort's ID otherwise
    sample_id         text not null check (length(sample_id) between 1 and 200),
    -- exactly one of: the patient's store pseudonym (care), or the cohort's name (research cohorts)
    patient           text,
    cohort            text,
    -- the namespace in which sample_id is unique: 'lab:<organisation>' or 'cohort:<name>'
    scope             text not null,
    vcf_sample        text not null,
    population        text,
    super_population  text,
    sex               text check (sex in ('male', 'female')),
    laboratory        text,
    test_type         text not null,
    assembly          text not null check (assembly in ('GRCh37', 'GRCh38')),
    source_files      text not null,
    source_sha256     text not null,
    ingested_at       timestamptz not null,
    ingested_by       text not null,
    erased_at         timestamptz,
    erased_by         text,
    erasure_reason    text,
    check ((patient is null) <> (cohort is null))
);

-- a sample ID is taken while its sample is not erased
create unique index sample_scope_id on genome.sample (scope, sample_id) where erased_at is null;
create index sample_patient on genome.sample (patient) where patient is not null;
create index sample_cohort on genome.sample (cohort) where cohort is not null;

create table genome.segment_sample (
    segment_id    uuid not null references genome.segment (id),
    sample_index  integer not null check (sample_index >= 0),
    sample        bigint not null references genome.sample (id),
    primary key (segment_id, sample_index)
);
create index segment_sample_sample on genome.segment_sample (sample);

-- Reference calls of gVCF samples (reference blocks), so that allele numbers count them at
-- variants other samples carry. One row per sample and contig: block starts and ends, delta- and
-- varint-encoded, deflated (see Coverage.java).
create table genome.sample_coverage (
    sample   bigint not null references genome.sample (id),
    contig   text not null,
    blocks   integer not null check (blocks > 0),
    bases    bigint not null check (bases > 0),
    encoded  bytea not null,
    primary key (sample, contig)
);
