package dev.ganboard.backend.leaderboard;

import java.util.Locale;
import java.util.TreeSet;

/**
 * The leaderboard's rows as CSV (RFC 4180), one line per variant, other metrics' means as extra columns. A statistic
 * that a diverged run's worst value decides is written as {@code inf} or {@code -inf} (what numpy and pandas read).
 */
public final class LeaderboardCsv {
    private LeaderboardCsv() {
    }

    public static String of(Leaderboard board) {
        TreeSet<String> others = new TreeSet<>();
        board.rows().forEach(r -> others.addAll(r.others().keySet()));
        StringBuilder out = new StringBuilder("variant,runs,metric,extractor,policy,mean,std,median,q1,q3,iqr,min,max,"
                + "collapse_rate,diverged,mean_over");
        others.forEach(o -> out.append(',').append(quote(o + "_mean")));
        out.append("\r\n");
        for (Leaderboard.Row r : board.rows()) {
            out.append(quote(r.variant())).append(',').append(r.runs()).append(',').append(quote(board.metric()))
                    .append(',').append(quote(board.extractor())).append(',').append(quote(board.policy()));
            for (Double v : new Double[] {r.mean(), r.std(), r.median(), r.q1(), r.q3(), r.iqr(), r.min(), r.max(),
                    r.collapseRate()}) {
                out.append(',').append(number(v));
            }
            out.append(',').append(r.diverged()).append(',').append(r.meanOver());
            others.forEach(o -> out.append(',').append(number(r.others().get(o))));
            out.append("\r\n");
        }
        return out.toString();
    }

    private static String number(Double v) {
        if (v == null) {
            return "";
        }
        return Double.isInfinite(v) ? (v > 0 ? "inf" : "-inf") : String.format(Locale.ROOT, "%.10g", v);
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
