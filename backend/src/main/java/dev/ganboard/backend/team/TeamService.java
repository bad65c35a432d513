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
    /** bcrypt reads at most 72 bytes; a longer limit only keeps pass phrases usable, a limit at all keeps work bounded. */
    static final int MAX_PASSWORD_LENGTH = 200;

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
        if (password == null || password.length() < MIN_PASSWORD_LENGTH || password.length() > MAX_PASSWORD_LENGTH) {
            throw ApiException.badRequest("password", "password: " + MIN_PASSWORD_LENGTH + "-" + MAX_PASSWORD_LENGTH
                    + " characters");
        }
        if (teamName == null || !NAME.matcher(teamName).matches()) {
            throw ApiException.badRequest("team", "team: the name of an existing team is required");
        }
        Team team = Team.findByName(teamName)
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
