package no.permed.consent;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A use of data as the user declares it, so that {@link ConsentView} can respect the DUO modifiers of each consent: the
 * purpose and project, and the attributes that modifiers speak of. A use that is not declared is not assumed: callers
 * state every attribute, or take {@link #of(ConsentPurpose, Optional)}, permed's own use.
 *
 * @param purpose              what the data are used for (GRU, HMB, NRES or DS with a MONDO disease)
 * @param project              the project the use belongs to; empty: none (the consent must then be for any project)
 * @param commercial           a commercial use (refused under NCU and NPUNCU)
 * @param forProfitOrganisation the user is a for-profit organisation (refused under NPU and NPUNCU)
 * @param ethicsApproved       the use has ethics approval, e.g. from a regional ethics committee (needed under IRB)
 * @param ancestryResearch     population origins or ancestry research (refused under NPOA, and by HMB and DS consents)
 * @param outsideNorway        the data or results are processed outside Norway (refused under GS)
 */
public record DataUse(ConsentPurpose purpose, Optional<String> project, boolean commercial, boolean forProfitOrganisation,
        boolean ethicsApproved, boolean ancestryResearch, boolean outsideNorway) {

    public DataUse {
        requireNonNull(purpose, "purpose is null");
        requireNonNull(project, "project is null");
        project.ifPresent(ConsentTerms::requireProject);
    }

    /**
     * permed's own use, which the four-argument {@link ConsentView#mayCount(no.permed.kernel.Pseudonym, ConsentPurpose,
     * Optional, java.time.Instant)} assumes: the public health service's aggregates and the projects it grants permits to
     * (the permit process checks ethics approval before a permit is granted) — non-commercial, by a not-for-profit
     * organisation, ethics-approved, not ancestry research, inside Norway.
     */
    public static DataUse of(ConsentPurpose purpose, Optional<String> project) {
        return new DataUse(purpose, project, false, false, true, false, false);
    }

    public DataUse withCommercial(boolean value) {
        return new DataUse(purpose, project, value, forProfitOrganisation, ethicsApproved, ancestryResearch, outsideNorway);
    }

    public DataUse withForProfitOrganisation(boolean value) {
        return new DataUse(purpose, project, commercial, value, ethicsApproved, ancestryResearch, outsideNorway);
    }

    public DataUse withEthicsApproved(boolean value) {
        return new DataUse(purpose, project, commercial, forProfitOrganisation, value, ancestryResearch, outsideNorway);
    }

    public DataUse withAncestryResearch(boolean value) {
        return new DataUse(purpose, project, commercial, forProfitOrganisation, ethicsApproved, value, outsideNorway);
    }

    public DataUse withOutsideNorway(boolean value) {
        return new DataUse(purpose, project, commercial, forProfitOrganisation, ethicsApproved, ancestryResearch, value);
    }
}
