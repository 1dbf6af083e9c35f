-- The variant as the laboratory wrote it (an HGVS expression), kept beside the normalised key it was resolved to, so
-- that a submission can be traced back to the lab's own words. Empty when the lab gave the key itself.
alter table interpretation.submission add column submitted_as text check (submitted_as is null or length(submitted_as) <= 1000);
