package dev.ganboard.backend.team;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import java.time.Instant;
import java.util.Optional;

/** An API key as stored: only a lookup prefix and the SHA-256 of the whole key, never the key itself. */
@Entity
public class ApiKey extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "api_key_seq")
    @SequenceGenerator(name = "api_key_seq", sequenceName = "api_key_seq", allocationSize = 50)
    public Long id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id")
    public UserAccount user;
    public String name;
    public String prefix;
    public String keyHash;
    public Instant createdAt;
    public Instant lastUsedAt;
    public boolean revoked;

    public static Optional<ApiKey> findActiveByPrefix(String prefix) {
        return find("prefix = ?1 and revoked = false", prefix).firstResultOptional();
    }
}
