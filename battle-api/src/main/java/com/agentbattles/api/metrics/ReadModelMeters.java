package com.agentbattles.api.metrics;

import com.agentbattles.domain.battle.BattleStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@code battles_battles{status}}: how many battles the read model holds in each status (hidden
 * ones included, deleted ones not). One grouped count over {@code battle_view}, reused for
 * {@link #MAX_AGE} so that a scrape costs at most one query however many series it reads.
 */
@Component
public class ReadModelMeters {

    private static final Logger log = LoggerFactory.getLogger(ReadModelMeters.class);
    static final Duration MAX_AGE = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile Snapshot snapshot;

    private record Snapshot(long takenAtMillis, Map<BattleStatus, Long> counts) {
    }

    public ReadModelMeters(JdbcClient jdbc, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.clock = Clock.systemUTC();
        for (BattleStatus status : BattleStatus.values()) {
            Gauge.builder("battles.battles", this, meters -> meters.count(status))
                    .description("Battles in the read model by status (refreshed at most every 5 s)")
                    .tag("status", status.code())
                    .register(registry);
        }
    }

    private double count(BattleStatus status) {
        Map<BattleStatus, Long> counts = counts();
        return counts == null ? Double.NaN : counts.getOrDefault(status, 0L);
    }

    private Map<BattleStatus, Long> counts() {
        Snapshot current = snapshot;
        long now = clock.millis();
        if (current != null && now - current.takenAtMillis() < MAX_AGE.toMillis()) {
            return current.counts();
        }
        synchronized (this) {
            current = snapshot;
            if (current != null && now - current.takenAtMillis() < MAX_AGE.toMillis()) {
                return current.counts();
            }
            try {
                Map<BattleStatus, Long> counts = new EnumMap<>(BattleStatus.class);
                jdbc.sql("SELECT status, count(*) AS n FROM battle_view GROUP BY status")
                        .query((rs, row) -> Map.entry(rs.getString("status"), rs.getLong("n")))
                        .list()
                        .forEach(entry -> counts.merge(BattleStatus.of(entry.getKey()), entry.getValue(), Long::sum));
                snapshot = new Snapshot(now, counts);
                return counts;
            } catch (RuntimeException e) {
                log.warn("Cannot count battles for metrics: {}", e.getMessage());
                return current == null ? null : current.counts();
            }
        }
    }
}
