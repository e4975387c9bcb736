package org.mapwright.diag;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean ...?" hints: the closest known name by edit distance, when it is close enough to be a typo. */
public final class Suggestions {
    private Suggestions() {
    }

    /**
     * The candidate closest to {@code wrong} (ignoring case), if it is close enough to be a typo: at most 1 edit for
     * names of up to 3 characters, 2 up to 6, 3 beyond; a one-character name gets no suggestion.
     */
    public static Optional<String> closest(String wrong, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String w = wrong.toLowerCase(Locale.ROOT);
        for (String c : candidates) {
            int d = distance(w, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        int limit = wrong.length() <= 1 ? 0 : wrong.length() <= 3 ? 1 : wrong.length() <= 6 ? 2 : 3;
        return best != null && bestDistance <= limit ? Optional.of(best) : Optional.empty();
    }

    /**
     * The end of a sentence about an unknown name: {@code "; did you mean `x`?"}, or failing that
     * {@code "; known: a, b, c."} (sorted, at most 12 names), or {@code "."} when there are no candidates.
     */
    public static String hint(String wrong, Collection<String> candidates) {
        Optional<String> c = closest(wrong, candidates);
        if (c.isPresent()) {
            return "; did you mean `" + c.get() + "`?";
        }
        if (candidates.isEmpty()) {
            return ".";
        }
        java.util.List<String> sorted = candidates.stream().distinct().sorted().toList();
        String list = String.join(", ", sorted.subList(0, Math.min(12, sorted.size())));
        return "; known: " + list + (sorted.size() > 12 ? ", ..." : "") + ".";
    }

    /** Damerau-Levenshtein distance with adjacent transpositions. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
