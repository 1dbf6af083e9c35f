package no.permed.frequency.beacon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.permed.frequency.FrequencyErrorCode;
import no.permed.kernel.PermedException;
import no.permed.vcf.genome.Assembly;
import no.permed.vcf.normalise.VariantKey;
import org.junit.jupiter.api.Test;

/**
 * The Beacon's coordinates against VCF's, worked out by hand: Beacon {@code start} is 0-based inclusive and {@code end}
 * 0-based exclusive, so the VCF variant 1-based POS 100 with REF of length L covers {@code [99, 99 + L)}.
 */
class VariantQueryTest {
    private static final Set<Assembly> BOTH = Set.of(Assembly.GRCH37, Assembly.GRCH38);
    private static final VariantKey SNV = new VariantKey(Assembly.GRCH38, "1", 100, "G", "A");
    /** Deletes the A at 1-based 101 (0-based 100). */
    private static final VariantKey DELETION = new VariantKey(Assembly.GRCH38, "1", 100, "TA", "T");
    /** Inserts AC after 1-based 100 (0-based position 100). */
    private static final VariantKey INSERTION = new VariantKey(Assembly.GRCH38, "1", 100, "A", "AAC");
    /** Deletes 1-based 99 and 100: covers 0-based [97, 100). */
    private static final VariantKey LONG_DELETION = new VariantKey(Assembly.GRCH38, "1", 98, "GTA", "G");

    @Test
    void aSequenceQueryStartsAtTheZeroBasedPositionOfRef() {
        assertThat(query("start=99", "alternateBases=A").matches(SNV)).isTrue();
        assertThat(query("start=99", "referenceBases=G", "alternateBases=A").matches(SNV)).isTrue();
        assertThat(query("start=99", "referenceBases=N", "alternateBases=N").matches(SNV)).isTrue();
        assertThat(query("start=100", "alternateBases=A").matches(SNV)).isFalse();
        assertThat(query("start=98", "alternateBases=A").matches(SNV)).isFalse();
        assertThat(query("start=99", "alternateBases=C").matches(SNV)).isFalse();
    }

    @Test
    void indelsMatchWithTheAnchorBaseOrMaximallyTrimmed() {
        assertThat(query("start=99", "referenceBases=TA", "alternateBases=T").matches(DELETION)).isTrue();
        assertThat(query("start=100", "referenceBases=A", "alternateBases=").matches(DELETION)).isTrue();
        assertThat(query("start=100", "referenceBases=A", "alternateBases=-").matches(DELETION)).isTrue();
        assertThat(query("start=100", "referenceBases=T", "alternateBases=").matches(DELETION)).isFalse();
        assertThat(query("start=99", "referenceBases=A", "alternateBases=AAC").matches(INSERTION)).isTrue();
        assertThat(query("start=100", "referenceBases=", "alternateBases=AC").matches(INSERTION)).isTrue();
        assertThat(query("start=100", "alternateBases=AC").matches(INSERTION)).isTrue();
        assertThat(query("start=100", "alternateBases=CA").matches(INSERTION)).isFalse();
    }

    @Test
    void aRangeQueryFindsEveryVariantOverlappingTheHalfOpenInterval() {
        assertThat(query("start=99", "end=100").matches(SNV)).isTrue();
        assertThat(query("start=100", "end=200").matches(SNV)).isFalse();
        assertThat(query("start=0", "end=99").matches(SNV)).isFalse();
        // [97, 100) overlaps [99, 105) but not [100, 105)
        assertThat(query("start=99", "end=105").matches(LONG_DELETION)).isTrue();
        assertThat(query("start=100", "end=105").matches(LONG_DELETION)).isFalse();
        assertThat(query("start=0", "end=1000", "variantType=DEL").matches(LONG_DELETION)).isTrue();
        assertThat(query("start=0", "end=1000", "variantType=SNP").matches(LONG_DELETION)).isFalse();
        assertThat(query("start=0", "end=1000", "variantType=INS").matches(INSERTION)).isTrue();
        assertThat(query("start=0", "end=1000", "alternateBases=A").matches(SNV)).isTrue();
        assertThat(query("start=0", "end=1000", "alternateBases=T").matches(SNV)).isFalse();
        // the register is asked from lookback bases before start, up to end (1-based POS <= end)
        VariantQuery range = query("start=2000", "end=3000");
        assertThat(range.firstPosition(BeaconSettings.DEFAULTS)).isEqualTo(2001 - BeaconSettings.DEFAULTS.lookbackBases());
        assertThat(range.lastPosition()).isEqualTo(3000);
    }

    @Test
    void aBracketQueryTakesHalfOpenStartAndEndIntervals() {
        // LONG_DELETION starts at 97 and ends at 100
        assertThat(query("start=97,98", "end=100,101").matches(LONG_DELETION)).isTrue();
        assertThat(query("start=96,97", "end=100,101").matches(LONG_DELETION)).isFalse();
        assertThat(query("start=97,98", "end=99,100").matches(LONG_DELETION)).isFalse();
        assertThat(query("start=90,120", "end=90,120").matches(SNV)).isTrue();
    }

    @Test
    void assembliesAreRecognisedByNameAliasAndAccession() {
        assertThat(VariantQuery.assembly("GRCh38")).isEqualTo(Assembly.GRCH38);
        assertThat(VariantQuery.assembly("hg38")).isEqualTo(Assembly.GRCH38);
        assertThat(VariantQuery.assembly("GRCh38.p14")).isEqualTo(Assembly.GRCH38);
        assertThat(VariantQuery.assembly("GCF_000001405.40")).isEqualTo(Assembly.GRCH38);
        assertThat(VariantQuery.assembly("GCF_000001405.25")).isEqualTo(Assembly.GRCH37);
        assertThat(VariantQuery.assembly("hg19")).isEqualTo(Assembly.GRCH37);
        assertThat(VariantQuery.assembly("b37")).isEqualTo(Assembly.GRCH37);
        assertThatThrownBy(() -> VariantQuery.assembly("hg18")).isInstanceOfSatisfying(PermedException.class,
                e -> assertThat(e.errorCode()).isEqualTo(FrequencyErrorCode.UNKNOWN_ASSEMBLY)).hasMessageContaining("'hg18'");
        VariantQuery byAccession = VariantQuery.of(request(Map.of("referenceName", List.of("refseq:NC_000017.10"), "start", List.of("5"),
                "alternateBases", List.of("A"))), BOTH, BeaconSettings.DEFAULTS);
        assertThat(byAccession.assembly()).isEqualTo(Assembly.GRCH37);
        assertThat(byAccession.contig()).isEqualTo("17");
        assertThat(query("referenceName=chrX", "start=5", "alternateBases=A").contig()).isEqualTo("X");
        assertThat(query("referenceName=chrM", "start=5", "alternateBases=A").contig()).isEqualTo("MT");
    }

    @Test
    void malformedQueriesNameTheParameter() {
        assertInvalid("start (200) is after end (100)", "start=200", "end=100");
        assertInvalid("this Beacon answers at most 1000000 bases", "start=0", "end=1000001");
        assertInvalid("start is required", "alternateBases=A");
        assertInvalid("needs alternateBases", "start=5");
        assertInvalid("referenceBases and alternateBases are the same", "start=5", "referenceBases=A", "alternateBases=A");
        assertInvalid("alternateBases must be bases", "start=5", "alternateBases=<DEL>");
        assertInvalid("two start and two end values", "start=5,6", "end=9");
        assertInvalid("start[0] < start[1]", "start=6,5", "end=9,10");
        assertInvalid("variantType must be one of", "start=5", "end=9", "variantType=CNV");
        assertInvalid("not supported", "start=5", "end=9", "geneId=BRCA2");
        assertThatThrownBy(() -> VariantQuery.of(request(Map.of("start", List.of("5"), "alternateBases", List.of("A"))), BOTH,
                BeaconSettings.DEFAULTS)).hasMessageContaining("referenceName is required");
        assertThatThrownBy(() -> VariantQuery.of(request(Map.of("referenceName", List.of("1"), "start", List.of("5"), "alternateBases",
                List.of("A"))), BOTH, BeaconSettings.DEFAULTS)).hasMessageContaining("assemblyId is required");
    }

    @Test
    void postBodiesAreReadFlatOrNestedUnderTheEntryType() throws Exception {
        ObjectMapper json = new ObjectMapper();
        BeaconQuery nested = BeaconQuery.fromBody(json.readTree("""
                {"meta": {"apiVersion": "v2.0", "requestedSchemas": [{"entityType": "genomicVariant", "schema": "x"}]},
                 "query": {"requestParameters": {"g_variant": {"referenceName": "1", "start": [99], "alternateBases": "A"},
                   "datasets": {"datasetIds": ["a", "b"]}},
                  "filters": [{"id": "population:GBR"}, "dataset:a"], "requestedGranularity": "count",
                  "pagination": {"skip": 2, "limit": 5}, "includeResultsetResponses": "all"}}"""));
        assertThat(nested.parameter("start")).containsExactly("99");
        assertThat(nested.parameter("datasetIds")).containsExactly("a", "b");
        assertThat(nested.filters()).containsExactly("population:GBR", "dataset:a");
        assertThat(nested.requestedGranularity()).isEqualTo(Granularity.COUNT);
        assertThat(nested.skip()).isEqualTo(2);
        assertThat(nested.limit()).isEqualTo(5);
        assertThat(nested.includeResultsetResponses()).isEqualTo("ALL");
        assertThat(nested.requestedSchemas()).containsExactly(Map.of("entityType", "genomicVariant", "schema", "x"));
        BeaconQuery flat = BeaconQuery.fromBody(json.readTree("""
                {"meta": {"apiVersion": "v2.0"}, "query": {"requestParameters": {"referenceName": "1", "start": 99}}}"""));
        assertThat(flat.parameter("start")).containsExactly("99");
        assertThat(flat.limit()).isEqualTo(-1);
        assertThat(flat.requestedGranularity()).isEqualTo(Granularity.BOOLEAN);
        assertThatThrownBy(() -> BeaconQuery.fromBody(json.readTree("""
                {"query": {"filters": [{"id": "age", "operator": ">", "value": "40"}]}}"""))).hasMessageContaining("alphanumeric filters");
        assertThatThrownBy(() -> BeaconQuery.fromBody(json.readTree("""
                {"query": {"pagination": {"limit": -1}}}"""))).hasMessageContaining("pagination.limit must be 0 or more");
    }

    // ---------------------------------------------------------------------------------------------

    /** A GRCh38 query on chromosome 1 from GET-style parameters such as {@code start=99}. */
    private static VariantQuery query(String... parameters) {
        Map<String, List<String>> values = new java.util.LinkedHashMap<>();
        values.put("assemblyId", List.of("GRCh38"));
        values.put("referenceName", List.of("1"));
        for (String parameter : parameters) {
            String[] parts = parameter.split("=", 2);
            values.put(parts[0], List.of(parts[1]));
        }
        return VariantQuery.of(request(values), BOTH, BeaconSettings.DEFAULTS);
    }

    private static BeaconQuery request(Map<String, List<String>> values) {
        return BeaconQuery.fromQueryParameters(name -> values.getOrDefault(name, List.of()), VariantQuery.PARAMETERS);
    }

    private static void assertInvalid(String message, String... parameters) {
        assertThatThrownBy(() -> query(parameters)).isInstanceOfSatisfying(PermedException.class,
                e -> assertThat(e.errorCode()).isEqualTo(FrequencyErrorCode.INVALID_QUERY)).hasMessageContaining(message);
    }
}
