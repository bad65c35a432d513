package dev.ganboard.backend.api;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.PersistenceException;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Inserts a row whose name must be unique. The caller's "already exists" check only covers requests that do not
 * overlap; when two race past it, the database's unique constraint decides and the loser gets the same 409.
 */
public final class UniqueInsert {
    private UniqueInsert() {
    }

    public static void persistOrConflict(PanacheEntityBase entity, String field, String message) {
        try {
            entity.persistAndFlush();
        } catch (PersistenceException e) {
            if (violatesConstraint(e)) {
                throw ApiException.conflict(field, message);
            }
            throw e;
        }
    }

    private static boolean violatesConstraint(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException) {
                return true;
            }
        }
        return false;
    }
}
