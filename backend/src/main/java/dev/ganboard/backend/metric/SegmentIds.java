package dev.ganboard.backend.metric;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Ids for metric_segment rows written with plain JDBC, from metric_segment_seq (INCREMENT BY 50) in the blocks
 * Hibernate's pooled optimiser uses for {@link MetricSegment}: a sequence value v stands for the ids v-49..v, so ids
 * from here and from the entity never meet. Values below 50 (a fresh sequence starts at 1) stand for no block.
 */
@ApplicationScoped
public class SegmentIds {
    static final int BLOCK = 50;

    private long next;
    private long last = -1;

    public synchronized long next(Connection db) throws SQLException {
        while (next > last) {
            long hi = nextValue(db);
            if (hi >= BLOCK) {
                next = hi - BLOCK + 1;
                last = hi;
            }
        }
        return next++;
    }

    private static long nextValue(Connection db) throws SQLException {
        try (PreparedStatement q = db.prepareStatement("select nextval('metric_segment_seq')");
             ResultSet rs = q.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
