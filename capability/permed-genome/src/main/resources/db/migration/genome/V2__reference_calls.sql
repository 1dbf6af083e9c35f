-- Whether a sample's calls say anything about the sites where it carries no variant: true for samples
-- of a joint-called multi-sample file (its 0/0 calls are in the file) and for gVCF samples (reference
-- blocks); false for a single-sample VCF that lists only variants. Allele counts over the store use only
-- samples with reference calls: counting the others would inflate frequencies (they would add to AN only
-- where they carry the variant).
alter table genome.sample add column reference_calls boolean not null default true;
