package dev.ganboard.backend.team;

import dev.ganboard.backend.api.ApiException;
import dev.ganboard.backend.api.UniqueInsert;
import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.regex.Pattern;

/** Teams and their users (administration). */
@ApplicationScoped
public class TeamService {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");
    static final int MIN_PASSWORD_LENGTH = 8;

    @Transactional
    public Team createTeam(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ApiException.badRequest("name", "name: 1-100 characters of letters, digits, '_', '.', '-'");
        }
        if (Team.findByName(name).isPresent()) {
            throw ApiException.conflict("name", "team '" + name + "' already exists");
        }
        Team team = new Team();
        team.name = name;
        team.createdAt = Instant.now();
        UniqueInsert.persistOrConflict(team, "name", "team '" + name + "' already exists");
        return team;
    }

    @Transactional
    public UserAccount createUser(String teamName, String username, String password, boolean admin) {
        if (username == null || !NAME.matcher(username).matches()) {
            throw ApiException.badRequest("username", "username: 1-100 characters of letters, digits, '_', '.', '-'");
        }
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw ApiException.badRequest("password", "password: at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        Team team = Team.findByName(teamName == null ? "" : teamName)
                .orElseThrow(() -> ApiException.badRequest("team", "team: '" + teamName + "' does not exist"));
        if (UserAccount.findByUsername(username).isPresent()) {
            throw ApiException.conflict("username", "user '" + username + "' already exists");
        }
        UserAccount user = new UserAccount();
        user.team = team;
        user.username = username;
        user.passwordHash = BcryptUtil.bcryptHash(password);
        user.admin = admin;
        user.createdAt = Instant.now();
        UniqueInsert.persistOrConflict(user, "username", "user '" + username + "' already exists");
        return user;
    }
}
