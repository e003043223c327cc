package i386mon.shell.commands;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The command names nearest to a mistyped one, for "did you mean ...?" (#18). */
final class NearestCommands {
    private NearestCommands() { }

    /** Up to three names within two edits of {@code typed}, nearest first, else those it begins; empty if none. */
    static List<String> to(String typed, Collection<String> names) {
        List<String> near = new ArrayList<>();
        for (int d = 1; d <= 2 && near.isEmpty(); d++) {
            for (String n : names) if (distance(typed, n) == d && !near.contains(n)) near.add(n);
        }
        if (near.isEmpty() && typed.length() >= 3) {
            for (String n : names) if (n.startsWith(typed.substring(0, 3)) && !near.contains(n)) near.add(n);
        }
        near.sort(null);
        return near.size() > 3 ? near.subList(0, 3) : near;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
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
