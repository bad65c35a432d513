package dev.ganboard.app.bench;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class LeaderboardH2Bench extends LeaderboardBenchmark {
    @Override
    String database() {
        return "H2 (embedded)";
    }
}
