package dev.ganboard.app.postgres;

import dev.ganboard.app.support.TempHome;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** The production database kind (PostgreSQL) with the embedded broker: the database kind is a build-time choice. */
public class PostgresProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.datasource.db-kind", "postgresql");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PostgresDatabase.class), new TestResourceEntry(TempHome.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
