package dev.ganboard.backend.project;

import dev.ganboard.backend.api.ApiException;
import dev.ganboard.backend.api.Ids;
import dev.ganboard.backend.api.UniqueInsert;
import dev.ganboard.backend.team.Team;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/** Projects of one team. Every lookup is scoped by team: another team's project is "not found", never "forbidden". */
@ApplicationScoped
public class ProjectService {
    /** Names are never all digits, so a path segment of digits is always an id. */
    private static final int MAX_NAME = 100;
    private static final Pattern NAME = Pattern.compile("(?=.*[A-Za-z_.-])[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");

    @Transactional
    public Project create(long teamId, String name, String dataset, String description) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ApiException.badRequest("name", "name: 1-100 characters of letters, digits, '_', '.', '-', "
                    + "starting with a letter or digit and not all digits");
        }
        if (dataset != null && dataset.length() > 100) {
            throw ApiException.badRequest("dataset", "dataset: at most 100 characters");
        }
        if (description != null && description.length() > 2000) {
            throw ApiException.badRequest("description", "description: at most 2000 characters");
        }
        if (Project.count("team.id = ?1 and name = ?2", teamId, name) > 0) {
            throw ApiException.conflict("name", "a project named '" + name + "' already exists");
        }
        Project project = new Project();
        project.team = Team.findById(teamId);
        project.name = name;
        project.dataset = dataset;
        project.description = description;
        project.createdAt = Instant.now();
        UniqueInsert.persistOrConflict(project, "name", "a project named '" + name + "' already exists");
        return project;
    }

    @Transactional
    public List<Project> list(long teamId) {
        return Project.list("team.id = ?1 order by name", teamId);
    }

    private static String abbreviated(String ref) {
        return ref.length() <= MAX_NAME ? ref : ref.substring(0, MAX_NAME) + "…";
    }

    /** By numeric id or by name, within the team. */
    @Transactional
    public Project find(long teamId, String ref) {
        if (ref == null) {
            throw ApiException.notFound("project");
        }
        Project project;
        if (Ids.looksNumeric(ref)) {
            OptionalLong id = Ids.parse(ref);
            project = id.isEmpty() ? null
                    : Project.<Project>find("id = ?1 and team.id = ?2", id.getAsLong(), teamId).firstResult();
        } else {
            project = ref.length() > MAX_NAME ? null
                    : Project.<Project>find("name = ?1 and team.id = ?2", ref, teamId).firstResult();
        }
        if (project == null) {
            throw ApiException.notFound("project '" + abbreviated(ref) + "'");
        }
        return project;
    }
}
