package no.permed.frequency.beacon;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import no.permed.frequency.AccessTier;
import no.permed.frequency.BeaconPermits;
import no.permed.frequency.CohortSource;
import no.permed.frequency.DatasetSummary;
import no.permed.frequency.FrequencyErrorCode;
import no.permed.frequency.FrequencyRegister;
import no.permed.frequency.RegisterLine;
import no.permed.frequency.RegisteredSample;
import no.permed.frequency.privacy.Disclosure;
import no.permed.frequency.privacy.PublishedCounts;
import no.permed.frequency.privacy.PublishedLine;
import no.permed.frequency.privacy.ShownCount;
import no.permed.kernel.PermedException;
import no.permed.spi.Principal;
import no.permed.vcf.genome.Assembly;
import no.permed.vcf.normalise.VariantKey;

/**
 * GA4GH Beacon v2 (framework and default model) over the frequency register, as JSON trees: the HTTP routes only hand
 * requests in and answers out. Every count shown goes through {@link Disclosure}; which datasets a caller sees, and at
 * which tier, comes from {@link Disclosure#exposes} and the caller's permits ({@link BeaconCaller}).
 *
 * <p>Granularity: the public tier gets boolean and count answers only; record answers (variants with their shown
 * frequencies, individuals, biosamples) need a signed-in caller, and individuals and biosamples in addition
 * {@link Disclosure#sampleLevel} for the dataset's tier. A request for more than the caller may see is answered with what
 * it may see, and {@code meta.returnedGranularity} says which. Thread-safe.
 */
public final class BeaconService {
    /** The Beacon specification version of the schemas this Beacon answers in (ga4gh-beacon/beacon-v2 tag v2.1.1). */
    public static final String API_VERSION = "v2.1.1";
    /** Where the schemas named in the configuration live upstream. */
    public static final String SCHEMA_BASE = "https://raw.githubusercontent.com/ga4gh-beacon/beacon-v2/main/";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String FEMALE = "NCIT:C16576";
    private static final String MALE = "NCIT:C20197";
    private static final Map<String, String> SEXES = Map.of(FEMALE, "female", MALE, "male");

    /** The entry types this Beacon serves. */
    enum EntryType {
        GENOMIC_VARIANT("genomicVariant", "Genomic Variants", "g_variants", "ga4gh-beacon-variant-v2.0.0",
                "models/json/beacon-v2-default-model/genomicVariations/defaultSchema.json", "ENSGLOSSARY:0000092", "Variant",
                "genomicVariation"),
        INDIVIDUAL("individual", "Individuals", "individuals", "ga4gh-beacon-individual-v2.0.0",
                "models/json/beacon-v2-default-model/individuals/defaultSchema.json", "NCIT:C25190", "Person", "individual"),
        BIOSAMPLE("biosample", "Biosamples", "biosamples", "ga4gh-beacon-biosample-v2.0.0",
                "models/json/beacon-v2-default-model/biosamples/defaultSchema.json", "NCIT:C70699", "Biospecimen", "biosample"),
        DATASET("dataset", "Datasets", "datasets", "ga4gh-beacon-dataset-v2.0.0",
                "models/json/beacon-v2-default-model/datasets/defaultSchema.json", "NCIT:C47824", "Data set", "dataset");

        final String id;
        final String name;
        final String path;
        final String schemaId;
        final String schemaPath;
        final String ontologyId;
        final String ontologyLabel;
        final String scope;

        EntryType(String id, String name, String path, String schemaId, String schemaPath, String ontologyId, String ontologyLabel,
                String scope) {
            this.id = id;
            this.name = name;
            this.path = path;
            this.schemaId = schemaId;
            this.schemaPath = schemaPath;
            this.ontologyId = ontologyId;
            this.ontologyLabel = ontologyLabel;
            this.scope = scope;
        }
    }

    private final FrequencyRegister register;
    private final CohortSource cohort;
    private final Disclosure disclosure;
    private final BeaconPermits permits;
    private final BeaconInfo info;
    private final BeaconSettings settings;

    /**
     * @param register the counts
     * @param cohort the samples, for the records of individuals and biosamples (only those the register counts are shown)
     * @param disclosure what each tier is shown, and the query budgets
     * @param permits which datasets a user may see at the CONTROLLED tier
     * @param info who runs the Beacon
     * @param settings the query limits
     */
    public BeaconService(FrequencyRegister register, CohortSource cohort, Disclosure disclosure, BeaconPermits permits, BeaconInfo info,
            BeaconSettings settings) {
        this.register = requireNonNull(register, "register is null");
        this.cohort = requireNonNull(cohort, "cohort is null");
        this.disclosure = requireNonNull(disclosure, "disclosure is null");
        this.permits = requireNonNull(permits, "permits is null");
        this.info = requireNonNull(info, "info is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    /** The request parameters a {@code g_variants} GET may carry (besides the framework's). */
    public static List<String> variantParameters() {
        return VariantQuery.PARAMETERS;
    }

    /**
     * The caller as the Beacon sees it: an anonymous principal is PUBLIC and charged by {@code address}; an authenticated
     * one is REGISTERED, charged by user id, and CONTROLLED for the datasets it holds a permit for.
     */
    public BeaconCaller caller(Principal principal, String address) {
        requireNonNull(principal, "principal is null");
        requireNonNull(address, "address is null");
        if (!principal.authenticated()) {
            return BeaconCaller.anonymous(address);
        }
        return BeaconCaller.registered("user:" + principal.user().value(), permits.datasetsOf(principal.user()));
    }

    // ---------------------------------------------------------------------------------------------
    // informational endpoints

    /** {@code /beacon} and {@code /beacon/info}: beaconInfoResponse. */
    public ObjectNode info() {
        ObjectNode response = NODES.objectNode();
        response.put("id", info.id());
        response.put("name", info.name());
        response.put("apiVersion", API_VERSION);
        response.put("environment", info.environment());
        ObjectNode organization = response.putObject("organization");
        organization.put("id", info.organisationId());
        organization.put("name", info.organisationName());
        organization.put("welcomeUrl", info.welcomeUrl());
        organization.put("contactUrl", info.contactUrl());
        response.put("version", "v" + info.version());
        response.put("welcomeUrl", info.welcomeUrl());
        response.put("createDateTime", info.createdAt().toString());
        if (register.ready()) {
            response.put("updateDateTime", register.status().countedAt().toString());
        }
        response.put("description", "Allele counts (AC, AN, homozygotes, AF) of the samples whose consent allows anonymous"
                + " aggregate use, per population and dataset, shown per access tier under permed's privacy rules.");
        return informational(response, List.of(schemaOf("beaconInfo", "beacon-info-v2.0.0")));
    }

    /** {@code /beacon/service-info}: GA4GH service-info 1.0.0. */
    public ObjectNode serviceInfo() {
        ObjectNode service = NODES.objectNode();
        service.put("id", info.id());
        service.put("name", info.name());
        ObjectNode type = service.putObject("type");
        type.put("group", "org.ga4gh");
        type.put("artifact", "beacon");
        type.put("version", API_VERSION);
        service.put("description", "GA4GH Beacon v2 over permed's anonymous allele-frequency register");
        ObjectNode organization = service.putObject("organization");
        organization.put("name", info.organisationName());
        organization.put("url", info.welcomeUrl());
        service.put("contactUrl", info.contactUrl());
        service.put("documentationUrl", info.welcomeUrl());
        service.put("createdAt", info.createdAt().toString());
        if (register.ready()) {
            service.put("updatedAt", register.status().countedAt().toString());
        }
        service.put("environment", info.environment());
        service.put("version", info.version());
        return service;
    }

    /** {@code /beacon/configuration}: beaconConfigurationResponse. */
    public ObjectNode configuration() {
        ObjectNode response = NODES.objectNode();
        response.put("$schema", SCHEMA_BASE + "framework/json/configuration/beaconConfigurationSchema.json");
        response.putObject("maturityAttributes").put("productionStatus", switch (info.environment()) {
            case "prod" -> "PROD";
            case "test", "staging" -> "TEST";
            default -> "DEV";
        });
        ObjectNode security = response.putObject("securityAttributes");
        security.put("defaultGranularity", Granularity.BOOLEAN.wireName());
        ArrayNode levels = security.putArray("securityLevels");
        for (AccessTier tier : AccessTier.values()) {
            levels.add(tier.name());
        }
        response.set("entryTypes", entryTypeDefinitions());
        return informational(response, List.of(schemaOf("configuration", "beacon-configuration-v2.0.0")));
    }

    /** {@code /beacon/entry_types}: beaconEntryTypesResponse. */
    public ObjectNode entryTypes() {
        ObjectNode response = NODES.objectNode();
        response.set("entryTypes", entryTypeDefinitions());
        return informational(response, List.of(schemaOf("entryType", "beacon-entry-types-v2.0.0")));
    }

    /** {@code /beacon/map}: beaconMapResponse, with absolute URLs under {@link BeaconInfo#baseUrl()}. */
    public ObjectNode map() {
        ObjectNode response = NODES.objectNode();
        response.put("$schema", SCHEMA_BASE + "framework/json/configuration/beaconMapSchema.json");
        ObjectNode sets = response.putObject("endpointSets");
        for (EntryType type : EntryType.values()) {
            ObjectNode set = sets.putObject(type.id);
            set.put("entryType", type.id);
            set.put("rootUrl", url(type.path));
            if (type == EntryType.DATASET) {
                set.put("singleEntryUrl", url(type.path) + "/{id}");
            }
            set.put("filteringTermsUrl", url("filtering_terms"));
        }
        return informational(response, List.of(schemaOf("beaconMap", "beacon-map-v2.0.0")));
    }

    /** {@code /beacon/filtering_terms}: the datasets and population labels this caller may filter by, and the sexes. */
    public ObjectNode filteringTerms(BeaconCaller caller) {
        requireNonNull(caller, "caller is null");
        ObjectNode response = NODES.objectNode();
        ArrayNode terms = response.putArray("filteringTerms");
        List<String> everyScope = List.of(EntryType.GENOMIC_VARIANT.scope, EntryType.INDIVIDUAL.scope, EntryType.BIOSAMPLE.scope);
        Set<String> populations = new TreeSet<>();
        for (Shown dataset : visible(caller)) {
            term(terms, "custom", "dataset:" + dataset.summary.name(), "dataset " + dataset.summary.name(), everyScope);
            populations.addAll(dataset.summary.populations());
        }
        for (String population : populations) {
            term(terms, "custom", "population:" + population, "population " + population, everyScope);
        }
        List<String> sampleScopes = List.of(EntryType.INDIVIDUAL.scope, EntryType.BIOSAMPLE.scope);
        term(terms, "ontologyTerm", FEMALE, "female", sampleScopes);
        term(terms, "ontologyTerm", MALE, "male", sampleScopes);
        ObjectNode ncit = response.putArray("resources").addObject();
        ncit.put("id", "NCIT");
        ncit.put("name", "NCI Thesaurus");
        ncit.put("url", "https://ncit.nci.nih.gov/");
        ncit.put("nameSpacePrefix", "NCIT");
        ncit.put("iriPrefix", "http://purl.obolibrary.org/obo/NCIT_");
        return informational(response, List.of(schemaOf("filteringTerm", "beacon-filtering-terms-v2.0.0")));
    }

    // ---------------------------------------------------------------------------------------------
    // datasets

    /** {@code /beacon/datasets}: the datasets this caller may see. */
    public ObjectNode datasets(BeaconCaller caller, BeaconQuery query) {
        requireNonNull(caller, "caller is null");
        requireNonNull(query, "query is null");
        Selection selection = select(caller, query, EntryType.DATASET);
        List<ObjectNode> collections = new ArrayList<>();
        for (Shown dataset : selection.datasets) {
            collections.add(datasetRecord(dataset));
        }
        return collection(query, EntryType.DATASET, collections);
    }

    /** {@code /beacon/datasets/{id}}: one dataset, or 404 when the caller may not see it. */
    public ObjectNode dataset(BeaconCaller caller, String id, BeaconQuery query) {
        requireNonNull(caller, "caller is null");
        requireNonNull(id, "id is null");
        Shown dataset = visible(caller).stream().filter(shown -> shown.summary.name().equals(id)).findFirst()
                .orElseThrow(() -> new PermedException(FrequencyErrorCode.UNKNOWN_DATASET, "no dataset '" + BeaconQuery.printable(id)
                        + "' is shown to you; /beacon/datasets lists those that are", Map.of("parameter", "id")));
        return collection(query, EntryType.DATASET, List.of(datasetRecord(dataset)));
    }

    private ObjectNode datasetRecord(Shown dataset) {
        ObjectNode record = NODES.objectNode();
        record.put("id", dataset.summary.name());
        record.put("name", dataset.summary.name());
        record.put("description", RegisteredSample.CLINICAL.equals(dataset.summary.name())
                ? "Care samples of patients whose consent allows anonymous aggregate use"
                : "Research cohort " + dataset.summary.name());
        ObjectNode extra = record.putObject("info");
        extra.put("accessTier", dataset.tier.name());
        ArrayNode populations = extra.putArray("populations");
        dataset.summary.populations().forEach(populations::add);
        ArrayNode assemblies = extra.putArray("assemblies");
        dataset.summary.countedSamples().keySet().forEach(assembly -> assemblies.add(assembly.displayName()));
        if (dataset.tier != AccessTier.PUBLIC) {
            ObjectNode counted = extra.putObject("countedSamples");
            dataset.summary.countedSamples().forEach((assembly, count) -> counted.put(assembly.displayName(), count));
        }
        return record;
    }

    private ObjectNode collection(BeaconQuery query, EntryType type, List<ObjectNode> all) {
        Granularity returned = query.requestedGranularity();
        ObjectNode answer = NODES.objectNode();
        answer.set("meta", meta(query, returned, type, Map.of()));
        ObjectNode summary = answer.putObject("responseSummary");
        summary.put("exists", !all.isEmpty());
        if (returned != Granularity.BOOLEAN) {
            summary.put("numTotalResults", all.size());
        }
        if (returned == Granularity.RECORD) {
            ArrayNode collections = answer.putObject("response").putArray("collections");
            page(all, query).forEach(collections::add);
        }
        return answer;
    }

    // ---------------------------------------------------------------------------------------------
    // genomic variants

    /** {@code /beacon/g_variants}: sequence, range and bracket queries. */
    public ObjectNode genomicVariants(BeaconCaller caller, BeaconQuery query) {
        requireNonNull(caller, "caller is null");
        requireNonNull(query, "query is null");
        VariantQuery variants = VariantQuery.of(query, register.assemblies(), settings);
        Selection selection = select(caller, query, EntryType.GENOMIC_VARIANT);
        disclosure.charge(chargedTier(caller), caller.client());

        Map<AccessTier, Set<String>> groups = new EnumMap<>(AccessTier.class);
        for (Shown dataset : selection.datasets) {
            groups.computeIfAbsent(dataset.tier, tier -> new TreeSet<>()).add(dataset.summary.name());
        }
        List<RegisterLine> candidates = register.range(variants.assembly(), variants.contig(),
                (int) Math.min(Integer.MAX_VALUE, variants.firstPosition(settings)), (int) Math.min(Integer.MAX_VALUE, variants.lastPosition()),
                Integer.MAX_VALUE);
        List<Hit> hits = new ArrayList<>();
        List<VariantKey> seenAtStart = new ArrayList<>();
        for (RegisterLine line : candidates) {
            boolean matches = variants.matches(line.variant());
            boolean atStart = variants.kind() == VariantQuery.Kind.SEQUENCE && line.variant().position() - 1L == variants.start();
            if (!matches && !atStart) {
                continue;
            }
            Map<AccessTier, PublishedLine> published = new EnumMap<>(AccessTier.class);
            boolean shown = false;
            for (Map.Entry<AccessTier, Set<String>> group : groups.entrySet()) {
                PublishedLine line1 = disclosure.publish(group.getKey(), caller.client(), line, group.getValue());
                published.put(group.getKey(), line1);
                shown |= present(line1, selection.populations);
            }
            if (!shown) {
                continue;
            }
            if (matches) {
                hits.add(new Hit(line, published));
            } else {
                seenAtStart.add(line.variant());
            }
        }
        if (hits.isEmpty() && !seenAtStart.isEmpty() && seenAtStart.stream().noneMatch(variants::referenceAgrees)) {
            Set<String> references = new TreeSet<>();
            seenAtStart.forEach(variant -> references.add(variant.reference().substring(0, Math.min(10, variant.reference().length()))));
            throw new PermedException(FrequencyErrorCode.INVALID_QUERY, "referenceBases " + variants.referenceBases().orElse("")
                    + " disagree with the reference at " + variants.contig() + ":" + variants.start() + " (0-based, "
                    + variants.assembly().displayName() + "), where the register's variants have REF " + references
                    + "; check start (0-based) and the assembly", Map.of("parameter", "referenceBases"));
        }

        if (hits.size() > 1) {
            // one query per variant answered, as if asked one by one (the budgets bound what a client learns)
            disclosure.charge(chargedTier(caller), caller.client(), hits.size() - 1);
        }
        Granularity returned = query.requestedGranularity().atMost(caller.baseTier() == AccessTier.PUBLIC ? Granularity.COUNT
                : Granularity.RECORD);
        ObjectNode answer = NODES.objectNode();
        answer.set("meta", meta(query, returned, EntryType.GENOMIC_VARIANT, Map.of("g_variant", echo(query))));
        ObjectNode summary = answer.putObject("responseSummary");
        summary.put("exists", !hits.isEmpty());
        if (returned != Granularity.BOOLEAN) {
            summary.put("numTotalResults", hits.size());
        }
        if (returned == Granularity.RECORD) {
            ArrayNode resultSets = answer.putObject("response").putArray("resultSets");
            for (Shown dataset : selection.datasets) {
                String name = dataset.summary.name();
                List<ObjectNode> records = new ArrayList<>();
                for (Hit hit : hits) {
                    PublishedLine line = hit.published.get(dataset.tier);
                    PublishedCounts counts = line == null ? null : line.datasets().get(name);
                    if (counts == null && line != null && groups.get(dataset.tier).size() == 1) {
                        counts = line.overall(); // the group is this dataset alone
                    }
                    if (counts != null && line.exists() && positive(counts.alleleCount())) {
                        records.add(variantRecord(hit.line.variant(), name, counts, line, dataset.tier));
                    }
                }
                addResultSet(resultSets, query, name, records);
            }
        }
        return answer;
    }

    private ObjectNode variantRecord(VariantKey variant, String dataset, PublishedCounts counts, PublishedLine group, AccessTier tier) {
        ObjectNode record = NODES.objectNode();
        record.put("variantInternalId", variant.toString());
        ObjectNode variation = record.putObject("variation");
        variation.put("variantType", VariantQuery.typeOf(variant));
        variation.put("referenceBases", variant.reference());
        variation.put("alternateBases", variant.alternate());
        ObjectNode location = variation.putObject("location");
        location.put("type", "SequenceLocation");
        Optional<String> accession = Chromosomes.accession(variant.assembly(), variant.contig());
        location.put("sequence_id", accession.map(text -> "refseq:" + text)
                .orElse(variant.assembly().displayName() + ":" + variant.contig()));
        ObjectNode interval = location.putObject("interval");
        interval.put("type", "SequenceInterval");
        ObjectNode start = interval.putObject("start");
        start.put("type", "Number");
        start.put("value", variant.position() - 1L);
        ObjectNode end = interval.putObject("end");
        end.put("type", "Number");
        end.put("value", variant.position() - 1L + variant.reference().length());
        if (accession.isPresent() && variant.isSingleNucleotide()) {
            record.putObject("identifiers").put("genomicHGVSId", accession.get() + ":g." + variant.position() + variant.reference() + ">"
                    + variant.alternate());
        }
        ArrayNode frequencies = NODES.arrayNode();
        ObjectNode own = frequencySource("permed frequency register: dataset " + dataset);
        addFrequency(own.withArray("frequencies"), dataset, counts);
        if (!own.withArray("frequencies").isEmpty()) {
            frequencies.add(own);
        }
        ObjectNode populations = frequencySource("permed frequency register: all datasets shown to you at the " + tier + " tier ("
                + "all) and their populations");
        addFrequency(populations.withArray("frequencies"), "all", group.overall());
        group.populations().forEach((population, shown) -> addFrequency(populations.withArray("frequencies"), population, shown));
        if (!populations.withArray("frequencies").isEmpty()) {
            frequencies.add(populations);
        }
        if (!frequencies.isEmpty()) {
            record.set("frequencyInPopulations", frequencies);
        }
        return record;
    }

    private ObjectNode frequencySource(String source) {
        ObjectNode node = NODES.objectNode();
        node.put("source", source);
        node.put("sourceReference", info.welcomeUrl());
        node.put("version", "counted at " + register.status().countedAt());
        node.putArray("frequencies");
        return node;
    }

    /** A population's frequency; only groups whose AF is shown (AC exact) appear, since the schema requires AF. */
    private static void addFrequency(ArrayNode into, String population, PublishedCounts counts) {
        if (counts.alleleFrequency().isEmpty()) {
            return;
        }
        ObjectNode frequency = into.addObject();
        frequency.put("population", population);
        frequency.put("alleleFrequency", counts.alleleFrequency().getAsDouble());
        shown(frequency, "alleleCount", counts.alleleCount());
        shown(frequency, "alleleNumber", counts.alleleNumber());
        shown(frequency, "alleleCountHomozygous", counts.homozygotes());
    }

    private static void shown(ObjectNode into, String field, ShownCount count) {
        if (count.exact().isPresent()) {
            into.put(field, count.exact().getAsInt());
        } else {
            into.put(field, count.text());
        }
    }

    /** Whether a published line reports the variant, and (with population filters) carries it in every such population. */
    private static boolean present(PublishedLine line, Set<String> populations) {
        if (!line.exists()) {
            return false;
        }
        for (String population : populations) {
            PublishedCounts counts = line.populations().get(population);
            if (counts == null || !positive(counts.alleleCount())) {
                return false;
            }
        }
        return true;
    }

    /** A shown count above zero: exact and positive, or a band whose lower end is positive. */
    static boolean positive(ShownCount count) {
        if (count.exact().isPresent()) {
            return count.exact().getAsInt() > 0;
        }
        String text = count.text();
        int dash = text.indexOf('-');
        try {
            return Integer.parseInt((dash < 0 ? text : text.substring(0, dash)).strip()) > 0;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // individuals and biosamples

    /** {@code /beacon/individuals}: the counted samples' individuals, for tiers that may see sample-level data. */
    public ObjectNode individuals(BeaconCaller caller, BeaconQuery query) {
        return samples(caller, query, EntryType.INDIVIDUAL);
    }

    /** {@code /beacon/biosamples}: the counted samples, for tiers that may see sample-level data. */
    public ObjectNode biosamples(BeaconCaller caller, BeaconQuery query) {
        return samples(caller, query, EntryType.BIOSAMPLE);
    }

    private ObjectNode samples(BeaconCaller caller, BeaconQuery query, EntryType type) {
        requireNonNull(caller, "caller is null");
        requireNonNull(query, "query is null");
        boolean byVariant = false;
        for (String parameter : query.parameters().keySet()) {
            if (!VariantQuery.PARAMETERS.contains(parameter)) {
                throw BeaconQuery.invalid(parameter, "/beacon/" + type.path + " takes filters (/beacon/filtering_terms), datasetIds and"
                        + " the g_variants parameters, not '" + BeaconQuery.printable(parameter) + "'");
            }
            byVariant |= !parameter.equals("datasetIds");
        }
        VariantQuery variants = byVariant ? VariantQuery.of(query, register.assemblies(), settings) : null;
        Selection selection = select(caller, query, type);
        List<Shown> allowed = selection.datasets.stream().filter(shown -> disclosure.sampleLevel(shown.tier)).toList();
        if (allowed.isEmpty()) {
            if (caller.baseTier() == AccessTier.PUBLIC) {
                throw new PermedException(BeaconErrorCode.SIGN_IN_REQUIRED, "/beacon/" + type.path + " shows records of individuals"
                        + " and biosamples to signed-in users only; send a bearer token", Map.of());
            }
            throw new PermedException(BeaconErrorCode.RECORDS_NOT_ALLOWED, "/beacon/" + type.path + " shows records only of the"
                    + " datasets you hold a permit for" + (selection.datasets.isEmpty() ? "" : " (none of "
                    + selection.datasets.stream().map(shown -> shown.summary.name()).toList() + ")"), Map.of());
        }
        disclosure.charge(chargedTier(caller), caller.client());
        Set<Long> carriers = variants == null ? null : carriers(variants);
        Map<String, List<ObjectNode>> byDataset = new TreeMap<>();
        allowed.forEach(shown -> byDataset.put(shown.summary.name(), new ArrayList<>()));
        Set<String> seen = new LinkedHashSet<>();
        for (RegisteredSample sample : cohort.samples()) {
            List<ObjectNode> records = byDataset.get(sample.dataset());
            if (records == null || !register.counts(sample.id()) || !selection.admits(sample)
                    || carriers != null && !carriers.contains(sample.id())) {
                continue;
            }
            if (type == EntryType.INDIVIDUAL && !seen.add(sample.dataset() + "\t" + sample.publicId())) {
                continue;
            }
            records.add(type == EntryType.INDIVIDUAL ? individualRecord(sample) : biosampleRecord(sample));
        }
        int total = byDataset.values().stream().mapToInt(List::size).sum();
        Granularity returned = query.requestedGranularity();
        ObjectNode answer = NODES.objectNode();
        answer.set("meta", meta(query, returned, type, variants == null ? Map.of() : Map.of("g_variant", echo(query))));
        ObjectNode summary = answer.putObject("responseSummary");
        summary.put("exists", total > 0);
        if (returned != Granularity.BOOLEAN) {
            summary.put("numTotalResults", total);
        }
        if (returned == Granularity.RECORD) {
            ArrayNode resultSets = answer.putObject("response").putArray("resultSets");
            byDataset.forEach((dataset, records) -> addResultSet(resultSets, query, dataset, records));
        }
        return answer;
    }

    /** The counted samples carrying a variant that matches (at least one ALT allele). */
    private Set<Long> carriers(VariantQuery variants) {
        Set<Long> carriers = new java.util.HashSet<>();
        for (RegisterLine line : register.range(variants.assembly(), variants.contig(),
                (int) Math.min(Integer.MAX_VALUE, variants.firstPosition(settings)), (int) Math.min(Integer.MAX_VALUE, variants.lastPosition()),
                Integer.MAX_VALUE)) {
            if (variants.matches(line.variant())) {
                carriers.addAll(register.carriers(line.variant()));
            }
        }
        return carriers;
    }

    private static ObjectNode individualRecord(RegisteredSample sample) {
        ObjectNode record = NODES.objectNode();
        record.put("id", sample.publicId());
        record.set("sex", sex(sample));
        ObjectNode extra = record.putObject("info");
        extra.put("dataset", sample.dataset());
        sample.population().ifPresent(population -> extra.put("population", population));
        sample.superPopulation().ifPresent(population -> extra.put("superPopulation", population));
        return record;
    }

    private static ObjectNode biosampleRecord(RegisteredSample sample) {
        ObjectNode record = NODES.objectNode();
        record.put("id", sample.publicId());
        record.put("individualId", sample.publicId());
        record.set("biosampleStatus", term("NCIT:C17998", "Unknown"));
        record.set("sampleOriginType", term("NCIT:C17998", "Unknown"));
        ObjectNode extra = record.putObject("info");
        extra.put("dataset", sample.dataset());
        extra.put("assembly", sample.assembly().displayName());
        sample.population().ifPresent(population -> extra.put("population", population));
        return record;
    }

    private static ObjectNode sex(RegisteredSample sample) {
        String sex = sample.sex().orElse("");
        return switch (sex) {
            case "female" -> term(FEMALE, "female");
            case "male" -> term(MALE, "male");
            default -> term("NCIT:C17998", "Unknown");
        };
    }

    private static ObjectNode term(String id, String label) {
        ObjectNode term = NODES.objectNode();
        term.put("id", id);
        term.put("label", label);
        return term;
    }

    // ---------------------------------------------------------------------------------------------
    // errors

    /**
     * A beaconErrorResponse with the HTTP status as {@code errorCode}: every failure under {@code /beacon} is answered in
     * this shape, also the server's own (a bad token, an unknown path).
     */
    public ObjectNode error(int status, String message) {
        return error(info.id(), status, message);
    }

    /** As {@link #error(int, String)}, without a service: for failures before the register has opened. */
    public static ObjectNode error(String beaconId, int status, String message) {
        requireNonNull(beaconId, "beaconId is null");
        requireNonNull(message, "message is null");
        ObjectNode answer = NODES.objectNode();
        answer.set("meta", meta(beaconId, BeaconQuery.empty(), BeaconSettings.DEFAULTS.defaultLimit(), Granularity.BOOLEAN, null, Map.of()));
        ObjectNode error = answer.putObject("error");
        error.put("errorCode", status);
        error.put("errorMessage", message);
        return answer;
    }

    // ---------------------------------------------------------------------------------------------
    // shared parts

    /** A dataset the caller may see, and the tier it is shown at. */
    private record Shown(DatasetSummary summary, AccessTier tier) {
    }

    /** One matching variant and how each tier group sees it. */
    private record Hit(RegisterLine line, Map<AccessTier, PublishedLine> published) {
    }

    /** The datasets a request covers and the filters on its samples. */
    private record Selection(List<Shown> datasets, Set<String> populations, Set<String> sexes) {
        boolean admits(RegisteredSample sample) {
            if (!populations.isEmpty() && (sample.population().isEmpty() || !populations.contains(sample.population().get())
                    || populations.size() > 1)) {
                return false;
            }
            return sexes.isEmpty() || sexes.size() == 1 && sample.sex().map(sex -> sexes.contains(sex)).orElse(false);
        }
    }

    private List<Shown> visible(BeaconCaller caller) {
        List<Shown> shown = new ArrayList<>();
        for (DatasetSummary dataset : register.datasets()) {
            AccessTier tier = caller.tierFor(dataset.name());
            if (disclosure.exposes(tier, dataset)) {
                shown.add(new Shown(dataset, tier));
            }
        }
        return shown;
    }

    /** Resolves the filters and datasetIds of a request; an unknown filtering term is a 400. */
    private Selection select(BeaconCaller caller, BeaconQuery query, EntryType type) {
        List<Shown> visible = visible(caller);
        Map<String, Shown> byName = new LinkedHashMap<>();
        Set<String> knownPopulations = new TreeSet<>();
        for (Shown shown : visible) {
            byName.put(shown.summary.name(), shown);
            knownPopulations.addAll(shown.summary.populations());
        }
        Set<String> datasets = new LinkedHashSet<>();
        Set<String> populations = new TreeSet<>();
        Set<String> sexes = new TreeSet<>();
        for (String filter : query.filters()) {
            if (filter.startsWith("dataset:") && byName.containsKey(filter.substring(8))) {
                datasets.add(filter.substring(8));
            } else if (filter.startsWith("population:") && knownPopulations.contains(filter.substring(11))) {
                populations.add(filter.substring(11));
            } else if (SEXES.containsKey(filter) && (type == EntryType.INDIVIDUAL || type == EntryType.BIOSAMPLE)) {
                sexes.add(SEXES.get(filter));
            } else if (SEXES.containsKey(filter)) {
                throw new PermedException(FrequencyErrorCode.INVALID_QUERY, "filtering term " + filter + " applies to individuals and"
                        + " biosamples, not to " + type.id + " queries", Map.of("parameter", "filters", "filter", filter));
            } else {
                throw new PermedException(FrequencyErrorCode.INVALID_QUERY, "unknown filtering term '" + BeaconQuery.printable(filter)
                        + "'; /beacon/filtering_terms lists the terms this Beacon knows (dataset:NAME, population:LABEL, "
                        + FEMALE + ", " + MALE + ")", Map.of("parameter", "filters", "filter", BeaconQuery.printable(filter)));
            }
        }
        for (String id : query.parameter("datasetIds")) {
            if (!byName.containsKey(id)) {
                throw new PermedException(FrequencyErrorCode.UNKNOWN_DATASET, "no dataset '" + BeaconQuery.printable(id) + "' is shown"
                        + " to you; /beacon/datasets lists those that are", Map.of("parameter", "datasetIds"));
            }
            datasets.add(id);
        }
        List<Shown> chosen = datasets.isEmpty() ? visible : datasets.stream().map(byName::get).toList();
        if (!populations.isEmpty()) {
            chosen = chosen.stream().filter(shown -> shown.summary.populations().stream().anyMatch(populations::contains)).toList();
        }
        return new Selection(chosen, populations, sexes);
    }

    private static AccessTier chargedTier(BeaconCaller caller) {
        return caller.permittedDatasets().isEmpty() ? caller.baseTier() : AccessTier.CONTROLLED;
    }

    private void addResultSet(ArrayNode resultSets, BeaconQuery query, String dataset, List<ObjectNode> records) {
        boolean hit = !records.isEmpty();
        switch (query.includeResultsetResponses()) {
            case "NONE" -> {
                return;
            }
            case "HIT" -> {
                if (!hit) {
                    return;
                }
            }
            case "MISS" -> {
                if (hit) {
                    return;
                }
            }
            default -> {
            }
        }
        ObjectNode set = resultSets.addObject();
        set.put("id", dataset);
        set.put("setType", "dataset");
        set.put("exists", hit);
        set.put("resultsCount", records.size());
        ArrayNode results = set.putArray("results");
        page(records, query).forEach(results::add);
    }

    private <T> List<T> page(List<T> all, BeaconQuery query) {
        int limit = pageSize(query);
        long from = (long) query.skip() * limit;
        if (from >= all.size()) {
            return List.of();
        }
        return all.subList((int) from, (int) Math.min(all.size(), from + limit));
    }

    private int pageSize(BeaconQuery query) {
        if (query.limit() < 0) {
            return settings.defaultLimit();
        }
        if (query.limit() == 0) {
            return settings.maxLimit();
        }
        return Math.min(query.limit(), settings.maxLimit());
    }

    private ObjectNode informational(ObjectNode response, List<ObjectNode> schemas) {
        ObjectNode answer = NODES.objectNode();
        ObjectNode meta = answer.putObject("meta");
        meta.put("beaconId", info.id());
        meta.put("apiVersion", API_VERSION);
        ArrayNode returned = meta.putArray("returnedSchemas");
        schemas.forEach(returned::add);
        answer.set("response", response);
        return answer;
    }

    private ObjectNode meta(BeaconQuery query, Granularity returned, EntryType type, Map<String, JsonNode> requestParameters) {
        return meta(info.id(), query, pageSize(query), returned, type, requestParameters);
    }

    private static ObjectNode meta(String beaconId, BeaconQuery query, int pageSize, Granularity returned, EntryType type,
            Map<String, JsonNode> requestParameters) {
        ObjectNode meta = NODES.objectNode();
        meta.put("beaconId", beaconId);
        meta.put("apiVersion", API_VERSION);
        meta.put("returnedGranularity", returned.wireName());
        ArrayNode schemas = meta.putArray("returnedSchemas");
        if (type != null) {
            schemas.add(schemaOf(type.id, type.schemaId));
        }
        ObjectNode summary = meta.putObject("receivedRequestSummary");
        summary.put("apiVersion", API_VERSION);
        ArrayNode requested = summary.putArray("requestedSchemas");
        for (Map<String, String> schema : query.requestedSchemas()) {
            ObjectNode node = requested.addObject();
            schema.forEach(node::put);
        }
        ObjectNode pagination = summary.putObject("pagination");
        pagination.put("skip", query.skip());
        pagination.put("limit", pageSize);
        summary.put("requestedGranularity", query.requestedGranularity().wireName());
        if (!query.filters().isEmpty()) {
            ArrayNode filters = summary.putArray("filters");
            query.filters().forEach(filter -> filters.add(BeaconQuery.printable(filter)));
        }
        ObjectNode parameters = NODES.objectNode();
        requestParameters.forEach(parameters::set);
        if (!query.parameter("datasetIds").isEmpty()) {
            ArrayNode ids = parameters.putObject("datasets").putArray("datasetIds");
            query.parameter("datasetIds").forEach(id -> ids.add(BeaconQuery.printable(id)));
        }
        if (!parameters.isEmpty()) {
            summary.set("requestParameters", parameters);
        }
        summary.put("includeResultsetResponses", query.includeResultsetResponses());
        summary.put("testMode", query.testMode());
        return meta;
    }

    /** The g_variant request parameters as received: positions as numbers, the rest as text. */
    private static ObjectNode echo(BeaconQuery query) {
        ObjectNode node = NODES.objectNode();
        query.parameters().forEach((name, values) -> {
            if (name.equals("datasetIds")) {
                return;
            }
            if (name.equals("start") || name.equals("end")) {
                ArrayNode array = node.putArray(name);
                for (String value : values) {
                    try {
                        array.add(Long.parseLong(value.strip()));
                    } catch (NumberFormatException e) {
                        array.add(BeaconQuery.printable(value));
                    }
                }
            } else if (values.size() == 1) {
                node.put(name, BeaconQuery.printable(values.get(0)));
            } else {
                ArrayNode array = node.putArray(name);
                values.forEach(value -> array.add(BeaconQuery.printable(value)));
            }
        });
        return node;
    }

    private ObjectNode entryTypeDefinitions() {
        ObjectNode types = NODES.objectNode();
        for (EntryType type : EntryType.values()) {
            ObjectNode definition = types.putObject(type.id);
            definition.put("id", type.id);
            definition.put("name", type.name);
            definition.put("partOfSpecification", "Beacon " + API_VERSION);
            definition.put("description", switch (type) {
                case GENOMIC_VARIANT -> "Variants of the frequency register, with their allele frequencies as each tier is shown them";
                case INDIVIDUAL -> "The people whose samples count in the register (sample-level tiers only)";
                case BIOSAMPLE -> "The samples that count in the register (sample-level tiers only)";
                case DATASET -> "Research cohorts and the patients' care samples";
            });
            definition.set("ontologyTermForThisType", term(type.ontologyId, type.ontologyLabel));
            ObjectNode schema = definition.putObject("defaultSchema");
            schema.put("id", type.schemaId);
            schema.put("name", "Default schema for " + type.name.toLowerCase(java.util.Locale.ROOT));
            schema.put("referenceToSchemaDefinition", SCHEMA_BASE + type.schemaPath);
            schema.put("schemaVersion", "v2.0.0");
            definition.putArray("additionallySupportedSchemas");
            definition.put("nonFilteredQueriesAllowed", type != EntryType.GENOMIC_VARIANT);
        }
        return types;
    }

    private static ObjectNode schemaOf(String entityType, String schema) {
        ObjectNode node = NODES.objectNode();
        node.put("entityType", entityType);
        node.put("schema", schema);
        return node;
    }

    private String url(String path) {
        return info.baseUrl() + "/beacon/" + path;
    }

    private static void term(ArrayNode terms, String type, String id, String label, List<String> scopes) {
        ObjectNode term = terms.addObject();
        term.put("type", type);
        term.put("id", id);
        term.put("label", label);
        ArrayNode array = term.putArray("scopes");
        scopes.forEach(array::add);
    }

    /** Which assemblies the register holds counts for. */
    public Set<Assembly> assemblies() {
        return register.assemblies();
    }
}
