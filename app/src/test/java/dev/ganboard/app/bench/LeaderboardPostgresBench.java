package dev.ganboard.app.bench;

import dev.ganboard.app.postgres.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(PostgresProfile.class)
class LeaderboardPostgresBench extends LeaderboardBenchmark {
    @Override
    String database() {
        return "PostgreSQL 15";
    }
}
