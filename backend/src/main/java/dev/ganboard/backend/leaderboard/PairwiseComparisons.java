package dev.ganboard.backend.leaderboard;

import dev.ganboard.metrics.statistics.Direction;
import dev.ganboard.metrics.statistics.HolmBonferroni;
import dev.ganboard.metrics.statistics.MannWhitneyResult;
import dev.ganboard.metrics.statistics.MannWhitneyU;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every pair of variants: a two-sided Mann-Whitney U test over seeds, Holm-Bonferroni over the whole family of
 * pairs, and a sentence a person can read ("NS-GAN beats LSGAN on fid (p = 0.003, 10 vs 10 seeds)").
 */
final class PairwiseComparisons {
    static final double ALPHA = 0.05;

    private PairwiseComparisons() {
    }

    static List<Leaderboard.Comparison> of(Map<String, double[]> byVariant, String metric, Direction direction) {
        List<String> names = byVariant.entrySet().stream().filter(e -> e.getValue().length >= 2)
                .map(Map.Entry::getKey).toList();
        List<String[]> pairs = new ArrayList<>();
        List<MannWhitneyResult> tests = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                pairs.add(new String[] {names.get(i), names.get(j)});
                tests.add(MannWhitneyU.test(byVariant.get(names.get(i)), byVariant.get(names.get(j))));
            }
        }
        double[] adjusted = HolmBonferroni.adjust(tests.stream().mapToDouble(MannWhitneyResult::pValue).toArray());
        List<Leaderboard.Comparison> out = new ArrayList<>();
        for (int k = 0; k < pairs.size(); k++) {
            out.add(comparison(pairs.get(k)[0], pairs.get(k)[1], tests.get(k), adjusted[k], metric, direction));
        }
        return out;
    }

    private static Leaderboard.Comparison comparison(String a, String b, MannWhitneyResult t, double adjustedP,
                                                     String metric, Direction direction) {
        double pairs = (double) t.nA() * t.nB();
        double probABetter = (direction == Direction.HIGHER_IS_BETTER ? t.uA() : t.uB()) / pairs;
        boolean significant = adjustedP <= ALPHA && probABetter != 0.5;
        String winner = !significant ? null : probABetter > 0.5 ? a : b;
        String loser = winner == null ? null : winner.equals(a) ? b : a;
        String counts = String.format(Locale.ROOT, "p = %s, %d vs %d seeds", p(adjustedP), t.nA(), t.nB());
        String verdict = winner != null
                ? String.format(Locale.ROOT, "%s beats %s on %s (%s)", winner, loser, metric, counts)
                : String.format(Locale.ROOT, "no significant difference between %s and %s on %s (%s)", a, b, metric,
                        counts);
        return new Leaderboard.Comparison(a, b, t.nA(), t.nB(), t.pValue(), adjustedP, probABetter,
                "Mann-Whitney U (" + t.method() + "), Holm-corrected", significant, winner, verdict);
    }

    private static String p(double p) {
        return p < 0.001 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.3f", p);
    }
}
