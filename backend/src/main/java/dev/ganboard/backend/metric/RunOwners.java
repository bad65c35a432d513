package dev.ganboard.backend.metric;

import dev.ganboard.backend.api.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which team and project a run belongs to, remembered: both are fixed when the run is created and runs are never
 * moved or deleted, so ingest need not ask the database on every batch. Unknown ids are not remembered (a run
 * created a moment later must be found).
 */
@ApplicationScoped
public class RunOwners {
    static final int MAX_REMEMBERED = 100_000;

    public record Owner(long teamId, long projectId) {
    }

    private final Map<Long, Owner> known = new ConcurrentHashMap<>();

    @Inject
    EntityManager em;

    /** The run's project if the run belongs to the team; otherwise 404, so ids of other teams leak nothing. */
    public long projectOf(long teamId, long runId) {
        Owner owner = known.get(runId);
        if (owner == null) {
            owner = load(List.of(runId)).get(runId);
        }
        if (owner == null || owner.teamId() != teamId) {
            throw ApiException.notFound("run " + runId);
        }
        return owner.projectId();
    }

    /** Owners of those runs that exist. */
    public Map<Long, Owner> of(Collection<Long> runIds) {
        Map<Long, Owner> out = new HashMap<>();
        List<Long> missing = new ArrayList<>();
        for (Long id : runIds) {
            Owner owner = known.get(id);
            if (owner != null) {
                out.put(id, owner);
            } else {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            out.putAll(load(missing));
        }
        return out;
    }

    @Transactional
    Map<Long, Owner> load(List<Long> runIds) {
        Map<Long, Owner> found = new HashMap<>();
        em.createQuery("select r.id, p.id, p.team.id from Run r join r.project p where r.id in ?1", Object[].class)
                .setParameter(1, runIds)
                .getResultList()
                .forEach(row -> found.put((Long) row[0], new Owner((Long) row[2], (Long) row[1])));
        if (known.size() + found.size() > MAX_REMEMBERED) {
            known.clear();
        }
        known.putAll(found);
        return found;
    }
}
