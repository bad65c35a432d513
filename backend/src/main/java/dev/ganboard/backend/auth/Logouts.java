package dev.ganboard.backend.auth;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The login cookie of Quarkus form authentication is stateless (an encrypted user name and expiry), so the server
 * cannot end one cookie alone. Instead a logout ends every login cookie of that user issued so far: until the user
 * logs in with the password again, a cookie alone no longer identifies anyone. In memory, per server.
 */
@ApplicationScoped
public class Logouts {
    private final Map<String, Long> loggedOut = new ConcurrentHashMap<>();

    public void loggedOut(String username) {
        loggedOut.put(username, System.nanoTime());
    }

    public void loggedIn(String username) {
        loggedOut.remove(username);
    }

    /** Whether a login cookie of this user must be refused. */
    public boolean ended(String username) {
        return loggedOut.containsKey(username);
    }
}
