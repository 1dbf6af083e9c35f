package no.permed.pgx.call.internal;

import java.util.Comparator;

/** Orders allele names as PharmCAT prints them: numbers inside names compare by value ({@code *2 < *10 < *38}). */
public final class AlleleNames {
    public static final Comparator<String> NATURAL = AlleleNames::compareNatural;

    private AlleleNames() {
    }

    /** The diplotype of two allele names, lower name first: {@code *1/*2}. */
    public static String diplotype(String a, String b) {
        return compareNatural(a, b) <= 0 ? a + "/" + b : b + "/" + a;
    }

    /** Compares diplotypes by their first, then their second allele. */
    public static int compareDiplotypes(String left, String right) {
        String[] l = left.split("/", 2);
        String[] r = right.split("/", 2);
        for (int i = 0; i < Math.min(l.length, r.length); i++) {
            int c = compareNatural(l[i], r[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(l.length, r.length);
    }

    /**
     * Compares runs of digits by value and other runs as text, then by the number of runs, then as plain text. Allocates
     * nothing: it runs for every pair of candidate alleles of every sample.
     */
    static int compareNatural(String a, String b) {
        int i = 0;
        int j = 0;
        int na = a.length();
        int nb = b.length();
        while (i < na && j < nb) {
            boolean digitsA = Character.isDigit(a.charAt(i));
            boolean digitsB = Character.isDigit(b.charAt(j));
            int endA = runEnd(a, i, digitsA);
            int endB = runEnd(b, j, digitsB);
            int c = digitsA && digitsB ? compareNumbers(a, i, endA, b, j, endB) : compareText(a, i, endA, b, j, endB);
            if (c != 0) {
                return c;
            }
            i = endA;
            j = endB;
        }
        boolean moreA = i < na;
        boolean moreB = j < nb;
        if (moreA != moreB) {
            return moreA ? 1 : -1;
        }
        return a.compareTo(b);
    }

    private static int runEnd(String s, int from, boolean digits) {
        int end = from + 1;
        while (end < s.length() && Character.isDigit(s.charAt(end)) == digits) {
            end++;
        }
        return end;
    }

    /** Compares two runs of digits by value (leading zeros do not count). */
    private static int compareNumbers(String a, int i, int endA, String b, int j, int endB) {
        while (i < endA - 1 && Character.digit(a.charAt(i), 10) == 0) {
            i++;
        }
        while (j < endB - 1 && Character.digit(b.charAt(j), 10) == 0) {
            j++;
        }
        int c = Integer.compare(endA - i, endB - j);
        if (c != 0) {
            return c;
        }
        for (; i < endA; i++, j++) {
            c = Integer.compare(Character.digit(a.charAt(i), 10), Character.digit(b.charAt(j), 10));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Compares two runs as {@link String#compareTo} compares the substrings. */
    private static int compareText(String a, int i, int endA, String b, int j, int endB) {
        int lengthA = endA - i;
        int lengthB = endB - j;
        for (int k = 0; k < Math.min(lengthA, lengthB); k++) {
            char x = a.charAt(i + k);
            char y = b.charAt(j + k);
            if (x != y) {
                return x - y;
            }
        }
        return lengthA - lengthB;
    }
}
