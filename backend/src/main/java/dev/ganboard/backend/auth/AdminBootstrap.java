package dev.ganboard.backend.auth;

import dev.ganboard.backend.config.GanboardConfig;
import dev.ganboard.backend.team.Team;
import dev.ganboard.backend.team.UserAccount;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * On the very first start (no users yet) creates team "default", user "admin" and an API key, prints both secrets
 * once and writes them to files only the owner can read, as Jenkins does with its initial admin password.
 */
@ApplicationScoped
public class AdminBootstrap {
    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);
    public static final String PASSWORD_FILE = "initial-admin-password";
    public static final String API_KEY_FILE = "admin-api-key";

    @Inject
    GanboardConfig config;
    @Inject
    ApiKeys apiKeys;

    void onStart(@Observes StartupEvent event) {
        QuarkusTransaction.requiringNew().run(this::createAdminIfNoUsers);
    }

    void createAdminIfNoUsers() {
        if (UserAccount.count() > 0) {
            return;
        }
        Team team = new Team();
        team.name = "default";
        team.createdAt = Instant.now();
        team.persist();
        boolean generated = config.admin().password().isEmpty();
        String password = config.admin().password().orElseGet(() -> Hashing.randomToken(18));
        UserAccount admin = new UserAccount();
        admin.team = team;
        admin.username = "admin";
        admin.passwordHash = BcryptUtil.bcryptHash(password);
        admin.admin = true;
        admin.createdAt = Instant.now();
        admin.persist();
        String key = apiKeys.issue(admin, "initial admin key");
        Path home = config.home();
        if (generated) {
            writeSecret(home.resolve(PASSWORD_FILE), password);
        }
        writeSecret(home.resolve(API_KEY_FILE), key);
        LOG.infof("%n*************************************************************%n"
                + "GANBoard first start: created user 'admin' and an API key.%n"
                + "  admin password: %s%n  admin API key:  %s%n"
                + "Both are shown only now; %s also holds them (mode 600).%n"
                + "*************************************************************",
                generated ? password + "  (" + home.resolve(PASSWORD_FILE) + ")" : "(from GANBOARD_ADMIN_PASSWORD)",
                key, home);
    }

    private static void writeSecret(Path file, String secret) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, secret + "\n", StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
