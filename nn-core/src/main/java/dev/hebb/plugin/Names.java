package dev.hebb.plugin;

import java.util.Collection;

/**
 * "Did you mean" suggestions for misspelt names, as the registry makes them for plugins and hyperparameters;
 * public so that other modules suggest names (columns, commands) the same way.
 */
public final class Names {

    private Names() {
    }

    /**
     * The candidate closest to {@code name} by edit distance, or {@code null} when none is close
     * (more than a third of the name would have to change).
     */
    public static String closest(String name, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(name.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best != null && bestDistance <= Math.max(2, name.length() / 3) ? best : null;
    }

    /**
     * The bridge between an error's subject and its list of known names: {@code "; did you mean 'x'? "}
     * with a suggestion, {@code "; "} without one.
     */
    public static String didYouMean(String suggestion) {
        return suggestion == null ? "; " : "; did you mean '" + suggestion + "'? ";
    }

    /** Damerau–Levenshtein distance (optimal string alignment): a swap of neighbours counts once. */
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
