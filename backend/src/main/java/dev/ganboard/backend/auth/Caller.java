package dev.ganboard.backend.auth;

import dev.ganboard.backend.api.ApiException;
import jakarta.enterprise.context.RequestScoped;

/** Who is calling the API in this request, resolved from the bearer key by {@link ApiKeyAuthFilter}. */
@RequestScoped
public class Caller {
    private Principal principal;

    void set(Principal principal) {
        this.principal = principal;
    }

    public Principal get() {
        if (principal == null) {
            throw new ApiException(401, null, "not authenticated");
        }
        return principal;
    }

    public long teamId() {
        return get().teamId();
    }

    public void requireAdmin() {
        if (!get().admin()) {
            throw ApiException.forbidden("this needs an admin's API key");
        }
    }

    /** The identity behind a key or a browser session. */
    public record Principal(long userId, String username, long teamId, boolean admin) {
    }
}
