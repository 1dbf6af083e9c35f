package no.permed.server.frequency;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import no.permed.frequency.AccessTier;
import no.permed.frequency.DatasetSummary;
import no.permed.frequency.FrequencyErrorCode;
import no.permed.frequency.FrequencyRegister;
import no.permed.frequency.PermitStore;
import no.permed.frequency.RegisterLine;
import no.permed.frequency.RegisterStatus;
import no.permed.frequency.Variants;
import no.permed.frequency.privacy.Disclosure;
import no.permed.frequency.privacy.PublishedLine;
import no.permed.kernel.PermedException;
import no.permed.kernel.Role;
import no.permed.kernel.UserId;
import no.permed.security.SecurityErrorCode;
import no.permed.server.route.ApiRequest;
import no.permed.server.route.ApiResponse;
import no.permed.server.route.RouteDoc;
import no.permed.server.route.RouteModule;
import no.permed.server.route.RoutePolicy;
import no.permed.server.route.Routes;
import no.permed.vcf.genome.Assembly;
import no.permed.vcf.normalise.VariantKey;

/**
 * The frequency register over HTTP: one variant's line at the caller's tier ({@code /api/frequencies/{variant}}, JSON),
 * the same as a plain HTML page like gnomAD's variant page ({@code /frequencies/{variant}}, public tier), the register's
 * status, and the Beacon permits a security officer grants and revokes. The Beacon itself is
 * {@code no.permed.server.beacon}.
 */
public final class FrequencyRoutes implements RouteModule {
    private static final String TAG = "frequency";

    private final Supplier<FrequencyRegister> register;
    private final Supplier<Disclosure> disclosure;
    private final Supplier<PermitStore> permits;
    private final boolean behindProxy;

    /**
     * Routes over parts that may still be opening when the server starts: a request waits for them.
     *
     * @param behindProxy whether anonymous callers are told apart by {@code X-Forwarded-For} (see {@link ApiRequest#clientAddress(boolean)})
     */
    public FrequencyRoutes(Supplier<FrequencyRegister> register, Supplier<Disclosure> disclosure, Supplier<PermitStore> permits,
            boolean behindProxy) {
        this.register = requireNonNull(register, "register is null");
        this.disclosure = requireNonNull(disclosure, "disclosure is null");
        this.permits = requireNonNull(permits, "permits is null");
        this.behindProxy = behindProxy;
    }

    @Override
    public String name() {
        return "frequency";
    }

    @Override
    public void register(Routes routes) {
        routes.get("/api/frequencies/{variant}", RoutePolicy.anonymous(),
                RouteDoc.of(TAG, "One variant's allele counts in the anonymous frequency register, at the caller's tier")
                        .withDescription("variant: CHROM-POS-REF-ALT (1-55051215-G-GA) or GRCh38-1-55051215-G-GA; assembly"
                                + " (query, default GRCh38). Anonymous callers get the public tier (small counts as bands, a query"
                                + " budget, the membership-inference defence); authenticated users the registered tier; holders"
                                + " of a permit for every dataset shown the controlled tier. 404 when no counted sample holds it"
                                + " (or the public tier withholds it). See docs/privacy.md.")
                        .withResponseBody(LineView.class)
                        .withErrors(FrequencyErrorCode.INVALID_VARIANT, FrequencyErrorCode.UNKNOWN_ASSEMBLY,
                                FrequencyErrorCode.VARIANT_NOT_FOUND, FrequencyErrorCode.QUERY_BUDGET_SPENT,
                                FrequencyErrorCode.NOT_READY),
                this::lookup);

        routes.get("/frequencies/{variant}", RoutePolicy.anonymous(),
                RouteDoc.of(TAG, "One variant's page (text/html): counts per dataset and population at the public tier")
                        .withErrors(FrequencyErrorCode.INVALID_VARIANT, FrequencyErrorCode.UNKNOWN_ASSEMBLY,
                                FrequencyErrorCode.QUERY_BUDGET_SPENT),
                this::page);

        routes.get("/api/frequencies", RoutePolicy.anonymous(),
                RouteDoc.of(TAG, "The register's status: when it was counted, how many samples count, the datasets shown at"
                                + " the caller's tier")
                        .withResponseBody(StatusView.class),
                this::status);

        routes.get("/api/beacon/permits", RoutePolicy.roles(Role.SECURITY_OFFICER),
                RouteDoc.of(TAG, "Every Beacon permit, current and revoked, newest first")
                        .withResponseBody(PermitView[].class)
                        .withErrors(SecurityErrorCode.ACCESS_DENIED),
                request -> ApiResponse.ok(permits.get().list().stream().map(PermitView::of).toList()));

        routes.post("/api/beacon/permits", RoutePolicy.roles(Role.SECURITY_OFFICER),
                RouteDoc.of(TAG, "Grant a user the controlled tier for one dataset (until permed has its data-access workflow)")
                        .withDescription("user: the user id as in their token's subject; dataset: a dataset of the register;"
                                + " reason: the decision the permit rests on (no personal data). Granting a permit the user"
                                + " holds returns it. Audited as beacon.permit.grant.")
                        .withRequestBody(GrantRequest.class)
                        .withResponseBody(PermitView.class)
                        .withSuccessStatus(201)
                        .withErrors(SecurityErrorCode.ACCESS_DENIED, FrequencyErrorCode.UNKNOWN_DATASET, FrequencyErrorCode.INVALID_QUERY),
                this::grant);

        routes.delete("/api/beacon/permits/{id}", RoutePolicy.roles(Role.SECURITY_OFFICER),
                RouteDoc.of(TAG, "Revoke a Beacon permit; it stops counting at once. Audited as beacon.permit.revoke.")
                        .withResponseBody(PermitView.class)
                        .withErrors(SecurityErrorCode.ACCESS_DENIED, FrequencyErrorCode.PERMIT_NOT_FOUND),
                request -> ApiResponse.ok(PermitView.of(permits.get().revoke(request.requestContext(),
                        request.pathParameter("id", Long::parseLong)))));
    }

    // ---------------------------------------------------------------------------------------------

    /** The caller's tier and the datasets they see at it. */
    private record Audience(AccessTier tier, String client, Set<String> datasets) {
    }

    private Audience audience(ApiRequest request, Assembly assembly) {
        boolean authenticated = request.principal().authenticated();
        String client = authenticated ? "user:" + request.principal().user().value() : "address:" + request.clientAddress(behindProxy);
        Set<String> permitted = authenticated ? permits.get().datasetsOf(request.principal().user()) : Set.of();
        AccessTier base = authenticated ? AccessTier.REGISTERED : AccessTier.PUBLIC;
        Disclosure rules = disclosure.get();
        Set<String> datasets = new LinkedHashSet<>();
        boolean allPermitted = true;
        for (DatasetSummary dataset : register.get().datasets()) {
            if (dataset.countedSamples().getOrDefault(assembly, 0) == 0) {
                continue;
            }
            AccessTier tier = permitted.contains(dataset.name()) ? AccessTier.CONTROLLED : base;
            if (rules.exposes(tier, dataset)) {
                datasets.add(dataset.name());
                allPermitted &= tier == AccessTier.CONTROLLED;
            }
        }
        return new Audience(allPermitted && !datasets.isEmpty() ? AccessTier.CONTROLLED : base, client, datasets);
    }

    /** The line as the caller may see it; empty when absent or withheld. */
    private Optional<PublishedLine> published(ApiRequest request, Audience audience, VariantKey variant) {
        disclosure.get().charge(audience.tier(), audience.client());
        Optional<RegisterLine> line = register.get().lookup(variant);
        if (line.isEmpty() || audience.datasets().isEmpty()) {
            return Optional.empty();
        }
        PublishedLine shown = disclosure.get().publish(audience.tier(), audience.client(), line.get(), audience.datasets());
        return shown.exists() ? Optional.of(shown) : Optional.empty();
    }

    private VariantKey variant(ApiRequest request) {
        Assembly assembly = Variants.assembly(request.queryParameter("assembly"), Assembly.GRCH38, "assembly");
        return Variants.parse(request.pathParameter("variant"), assembly, "variant");
    }

    private ApiResponse lookup(ApiRequest request) {
        VariantKey variant = variant(request);
        Audience audience = audience(request, variant.assembly());
        PublishedLine line = published(request, audience, variant).orElseThrow(() -> new PermedException(
                FrequencyErrorCode.VARIANT_NOT_FOUND, "no counts to show for " + Variants.shortForm(variant) + " on " + variant.assembly().displayName(), Map.of()));
        return ApiResponse.ok(LineView.of(line, audience.tier(), register.get().status()));
    }

    private ApiResponse page(ApiRequest request) {
        VariantKey variant = variant(request);
        Audience audience = new Audience(AccessTier.PUBLIC, "address:" + request.clientAddress(behindProxy), audience(request, variant.assembly())
                .datasets());
        Optional<PublishedLine> line = published(request, audience, variant);
        String html = VariantPage.render(variant, line, register.get().status());
        // a page, also when there is nothing to show (it says so): an error status would give the browser no page
        return ApiResponse.stream(200, "text/html; charset=utf-8",
                out -> out.write(html.getBytes(StandardCharsets.UTF_8)));
    }

    private ApiResponse status(ApiRequest request) {
        FrequencyRegister counts = register.get();
        RegisterStatus status = counts.status();
        List<String> shown = counts.assemblies().stream().flatMap(assembly -> audience(request, assembly).datasets().stream())
                .distinct().sorted().toList();
        return ApiResponse.ok(new StatusView(status.countedAt(), counts.assemblies().stream().map(Assembly::displayName).sorted().toList(),
                status.variants(), shown));
    }

    private ApiResponse grant(ApiRequest request) {
        GrantRequest body = request.bodyAs(GrantRequest.class);
        List<String> known = register.get().datasets().stream().map(DatasetSummary::name).toList();
        if (!known.contains(body.dataset())) {
            throw new PermedException(FrequencyErrorCode.UNKNOWN_DATASET, "the register has no dataset '" + body.dataset()
                    + "'; its datasets: " + String.join(", ", known), Map.of("field", "dataset"));
        }
        UserId user;
        try {
            user = UserId.of(body.user());
        } catch (RuntimeException failure) {
            throw new PermedException(FrequencyErrorCode.INVALID_QUERY, "user: " + failure.getMessage(), Map.of("field", "user"));
        }
        return ApiResponse.created(PermitView.of(permits.get().grant(request.requestContext(), user, body.dataset(), body.reason())));
    }

    // ---------------------------------------------------------------------------------------------
    // wire types

    /** A permit to grant. */
    public record GrantRequest(String user, String dataset, String reason) {
    }

    /** A permit as stored. */
    public record PermitView(long id, String user, String dataset, String reason, String grantedBy, Instant grantedAt,
            Optional<String> revokedBy, Optional<Instant> revokedAt, boolean current) {
        static PermitView of(PermitStore.Permit permit) {
            return new PermitView(permit.id(), permit.user().value(), permit.dataset(), permit.reason(), permit.grantedBy().value(),
                    permit.grantedAt(), permit.revokedBy().map(UserId::value), permit.revokedAt(), permit.current());
        }
    }

    /** The register's status at the caller's tier. */
    public record StatusView(Instant countedAt, List<String> assemblies, long variants, List<String> datasets) {
    }

    /** One group's counts as shown: exact numbers, or bands such as {@code 1-4}. */
    public record CountsView(String ac, String an, String hom, Optional<Double> af) {
        static CountsView of(no.permed.frequency.privacy.PublishedCounts counts) {
            return new CountsView(counts.alleleCount().text(), counts.alleleNumber().text(), counts.homozygotes().text(),
                    counts.alleleFrequency().isPresent() ? Optional.of(counts.alleleFrequency().getAsDouble()) : Optional.empty());
        }
    }

    /** A variant's line at the caller's tier. */
    public record LineView(String variant, String assembly, String tier, CountsView overall, Map<String, CountsView> datasets,
            Map<String, CountsView> populations, Instant countedAt) {
        static LineView of(PublishedLine line, AccessTier tier, RegisterStatus status) {
            Map<String, CountsView> datasets = new java.util.TreeMap<>();
            line.datasets().forEach((name, counts) -> datasets.put(name, CountsView.of(counts)));
            Map<String, CountsView> populations = new java.util.TreeMap<>();
            line.populations().forEach((name, counts) -> populations.put(name, CountsView.of(counts)));
            return new LineView(Variants.shortForm(line.variant()), line.variant().assembly().displayName(), tier.name(),
                    CountsView.of(line.overall()), datasets, populations, status.countedAt());
        }
    }
}
