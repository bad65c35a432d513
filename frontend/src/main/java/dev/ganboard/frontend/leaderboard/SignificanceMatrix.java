package dev.ganboard.frontend.leaderboard;

import dev.ganboard.backend.leaderboard.Leaderboard;
import dev.ganboard.frontend.chart.Markup;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The pairwise comparisons as an HTML table: row variant vs column variant, winner and Holm-adjusted p. */
final class SignificanceMatrix {
    private SignificanceMatrix() {
    }

    static String html(List<String> variants, List<Leaderboard.Comparison> comparisons) {
        Map<String, Leaderboard.Comparison> byPair = new HashMap<>();
        comparisons.forEach(c -> {
            byPair.put(c.a() + "\u0000" + c.b(), c);
            byPair.put(c.b() + "\u0000" + c.a(), c);
        });
        StringBuilder out = new StringBuilder("<table style='border-collapse:collapse;font-size:var(--lumo-font-size-s)'>");
        out.append("<tr><th></th>");
        variants.forEach(v -> out.append("<th style='padding:4px 8px'>").append(Markup.escape(v)).append("</th>"));
        out.append("</tr>");
        for (String row : variants) {
            out.append("<tr><th style='text-align:right;padding:4px 8px'>").append(Markup.escape(row)).append("</th>");
            for (String col : variants) {
                Leaderboard.Comparison c = byPair.get(row + "\u0000" + col);
                out.append(cell(row, c));
            }
            out.append("</tr>");
        }
        return out.append("</table>").toString();
    }

    private static String cell(String row, Leaderboard.Comparison c) {
        if (c == null) {
            return "<td style='padding:4px 8px;color:#bbb;text-align:center'>–</td>";
        }
        String p = c.adjustedPValue() < 0.001 ? String.format(Locale.ROOT, "%.0e", c.adjustedPValue())
                : String.format(Locale.ROOT, "%.3f", c.adjustedPValue());
        String background;
        String mark;
        if (!c.significant()) {
            background = "transparent";
            mark = "≈";
        } else if (row.equals(c.winner())) {
            background = "rgba(21,161,80,0.15)";
            mark = "better";
        } else {
            background = "rgba(226,73,50,0.12)";
            mark = "worse";
        }
        return "<td class='cell' title='" + Markup.escape(c.verdict()) + "' style='padding:4px 8px;text-align:center;"
                + "background:" + background + "'>" + mark + "<br><small>p = " + p + "</small></td>";
    }
}
