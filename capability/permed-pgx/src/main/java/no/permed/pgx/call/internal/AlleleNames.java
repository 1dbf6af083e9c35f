package no.permed.pgx.call.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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

    static int compareNatural(String a, String b) {
        List<String> x = chunks(a);
        List<String> y = chunks(b);
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            String p = x.get(i);
            String q = y.get(i);
            int c;
            if (Character.isDigit(p.charAt(0)) && Character.isDigit(q.charAt(0))) {
                c = new java.math.BigInteger(p).compareTo(new java.math.BigInteger(q));
            } else {
                c = p.compareTo(q);
            }
            if (c != 0) {
                return c;
            }
        }
        int c = Integer.compare(x.size(), y.size());
        return c != 0 ? c : a.compareTo(b);
    }

    private static List<String> chunks(String s) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= s.length(); i++) {
            if (i == s.length() || Character.isDigit(s.charAt(i)) != Character.isDigit(s.charAt(i - 1))) {
                out.add(s.substring(start, i));
                start = i;
            }
        }
        return out;
    }
}
