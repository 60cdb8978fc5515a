package dev.dispatcher.bench;

import java.util.List;

/** A run's figures as a plain-text table for the console: columns padded, markdown's bold marks dropped. */
final class ConsoleTable {

    private ConsoleTable() {
    }

    /** {@code title}, the table, and the run's problems if there were any. */
    static String render(String title, String[] head, List<String[]> rows, List<String> problems) {
        int[] w = new int[head.length];
        for (int k = 0; k < head.length; k++) {
            w[k] = head[k].length();
        }
        for (String[] row : rows) {
            for (int k = 0; k < row.length; k++) {
                w[k] = Math.max(w[k], plain(row[k]).length());
            }
        }
        StringBuilder s = new StringBuilder(title).append('\n');
        s.append(line(head, w)).append('\n');
        StringBuilder rule = new StringBuilder();
        for (int k = 0; k < w.length; k++) {
            rule.append(k == 0 ? "" : "-+-").append("-".repeat(w[k]));
        }
        s.append(rule).append('\n');
        for (String[] row : rows) {
            s.append(line(row, w)).append('\n');
        }
        if (!problems.isEmpty()) {
            s.append("\nProblems:\n");
            problems.forEach(p -> s.append("  - ").append(p).append('\n'));
        }
        return s.toString();
    }

    private static String line(String[] cells, int[] w) {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < cells.length; k++) {
            String c = plain(cells[k]);
            s.append(k == 0 ? "" : " | ").append(c).append(" ".repeat(w[k] - c.length()));
        }
        return s.toString().stripTrailing();
    }

    private static String plain(String markdown) {
        return markdown.replace("**", "");
    }
}
