package dev.ganboard.backend.team;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import java.time.Instant;
import java.util.Optional;

/** A group of users who share projects; nothing of one team is visible to another. */
@Entity
public class Team extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "team_seq")
    @SequenceGenerator(name = "team_seq", sequenceName = "team_seq", allocationSize = 50)
    public Long id;
    public String name;
    public Instant createdAt;

    public static Optional<Team> findByName(String name) {
        return find("name", name).firstResultOptional();
    }
}
