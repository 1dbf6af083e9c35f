package no.permed.consent;

import java.util.Locale;
import java.util.Map;
import no.permed.kernel.PermedException;

/**
 * The GA4GH Data Use Ontology (DUO) codes permed knows, with their official identifiers, shorthands and labels as
 * EBISPOT/DUO's {@code duo.csv} lists them. A permission says what the data may be used for; a modifier adds a condition.
 */
public enum DuoCode {
    /** General research use: any research purpose. */
    GRU("DUO:0000042", "general research use", Kind.PERMISSION),
    /** Health or medical or biomedical research (not population origins or ancestry). */
    HMB("DUO:0000006", "health or medical or biomedical research", Kind.PERMISSION),
    /** Disease-specific research: needs a MONDO identifier of the disease. */
    DS("DUO:0000007", "disease specific research", Kind.PERMISSION),
    /** No restriction on use. */
    NRES("DUO:0000004", "no restriction", Kind.PERMISSION),
    /** Non-commercial use only. */
    NCU("DUO:0000046", "non-commercial use only", Kind.MODIFIER),
    /** Not-for-profit organisation use only. */
    NPU("DUO:0000045", "not for profit organisation use only", Kind.MODIFIER),
    /** Not for profit, non-commercial use only. */
    NPUNCU("DUO:0000018", "not for profit, non commercial use only", Kind.MODIFIER),
    /** Publication required. */
    PUB("DUO:0000019", "publication required", Kind.MODIFIER),
    /** Ethics approval required. */
    IRB("DUO:0000021", "ethics approval required", Kind.MODIFIER),
    /** Collaboration with the primary study investigators required. */
    COL("DUO:0000020", "collaboration required", Kind.MODIFIER),
    /** Geographical restriction. */
    GS("DUO:0000022", "geographical restriction", Kind.MODIFIER),
    /** Project-specific restriction. */
    PS("DUO:0000027", "project specific restriction", Kind.MODIFIER),
    /** Population origins or ancestry research prohibited. */
    NPOA("DUO:0000044", "population origins or ancestry research prohibited", Kind.MODIFIER),
    /** Clinical care use. */
    CC("DUO:0000043", "clinical care use", Kind.MODIFIER);

    /** Whether a code is a data use permission or a data use modifier. */
    public enum Kind {
        PERMISSION, MODIFIER
    }

    private static final Map<String, DuoCode> BY_NAME;

    static {
        Map<String, DuoCode> byName = new java.util.HashMap<>();
        for (DuoCode code : values()) {
            byName.put(code.name(), code);
            byName.put(code.identifier, code);
        }
        BY_NAME = Map.copyOf(byName);
    }

    private final String identifier;
    private final String label;
    private final Kind kind;

    DuoCode(String identifier, String label, Kind kind) {
        this.identifier = identifier;
        this.label = label;
        this.kind = kind;
    }

    /** The DUO identifier, e.g. {@code DUO:0000042}. */
    public String identifier() {
        return identifier;
    }

    /** DUO's label, e.g. {@code general research use}. */
    public String label() {
        return label;
    }

    public Kind kind() {
        return kind;
    }

    /** The DUO shorthand, e.g. {@code GRU}. */
    public String shorthand() {
        return name();
    }

    /**
     * The code for a shorthand ({@code GRU}, case-insensitive) or an identifier ({@code DUO:0000042}).
     *
     * @throws PermedException {@link ConsentErrorCode#UNKNOWN_DUO_CODE} for anything else
     */
    public static DuoCode parse(String text) {
        String key = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        DuoCode code = BY_NAME.get(key);
        if (code == null) {
            throw new PermedException(ConsentErrorCode.UNKNOWN_DUO_CODE, "Unknown DUO code '" + text
                    + "': expected one of " + java.util.Arrays.toString(values()) + " or their DUO identifiers", Map.of("field", "duo"));
        }
        return code;
    }

    /**
     * Whether a consent given for this permission covers a use for {@code use}: GRU and NRES cover every research
     * purpose, HMB covers HMB and DS, DS covers DS (the disease is compared by {@link ConsentPurpose#covers}).
     */
    boolean covers(DuoCode use) {
        return switch (this) {
            case NRES, GRU -> use == GRU || use == HMB || use == DS;
            case HMB -> use == HMB || use == DS;
            case DS -> use == DS;
            default -> false;
        };
    }
}
