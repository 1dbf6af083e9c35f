package no.permed.pgx.call.internal;

/** IUPAC nucleotide ambiguity codes as they appear in allele definitions. */
final class Iupac {
    private Iupac() {
    }

    /** The bases a code stands for, or null when {@code code} is not an ambiguity code. */
    static String bases(char code) {
        return switch (code) {
            case 'R' -> "AG";
            case 'Y' -> "CT";
            case 'S' -> "CG";
            case 'W' -> "AT";
            case 'K' -> "GT";
            case 'M' -> "AC";
            case 'B' -> "CGT";
            case 'D' -> "AGT";
            case 'H' -> "ACT";
            case 'V' -> "ACG";
            case 'N' -> "ACGT";
            default -> null;
        };
    }

    /** Whether a defined allele (possibly one wobble code) matches an observed allele. */
    static boolean matches(String defined, String observed) {
        if (defined.equals(observed)) {
            return true;
        }
        if (defined.length() != 1 || observed.length() != 1) {
            return false;
        }
        String bases = bases(defined.charAt(0));
        return bases != null && bases.indexOf(observed.charAt(0)) >= 0;
    }
}
