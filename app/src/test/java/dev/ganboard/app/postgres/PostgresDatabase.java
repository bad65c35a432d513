package dev.ganboard.app.postgres;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * A throw-away database on the real PostgreSQL server (127.0.0.1:5432, trust auth; override with
 * GANBOARD_TEST_PG_URL / GANBOARD_TEST_PG_USER): created before the application starts, dropped after.
 */
public class PostgresDatabase implements QuarkusTestResourceLifecycleManager {
    static final String SERVER = System.getenv().getOrDefault("GANBOARD_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/");
    static final String USER = System.getenv().getOrDefault("GANBOARD_TEST_PG_USER", "postgres");
    private String database;

    @Override
    public Map<String, String> start() {
        database = "ganboard_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE DATABASE " + database);
        return Map.of(
                "quarkus.datasource.jdbc.url", SERVER + database,
                "quarkus.datasource.username", USER,
                "quarkus.datasource.password", "");
    }

    @Override
    public void stop() {
        if (database != null) {
            execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", USER, "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + SERVER + " (user " + USER + ") is needed for this test: "
                    + e.getMessage(), e);
        }
    }
}
