package com.agentbattles.domain.battle;

import com.agentbattles.domain.battle.BattleEvents.BattleCreated;
import com.agentbattles.domain.battle.BattleEvents.BattleStarted;
import com.agentbattles.domain.battle.BattleEvents.BattleStopped;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Battle events are stored as JSON by the event store's own ObjectMapper (configured like this
 * one in AxonConfig); an event that does not read back equal would break every aggregate load.
 */
class BattleEventSerializationTest {

    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private <T> void roundTrips(T event) throws Exception {
        String json = mapper.writeValueAsString(event);
        assertThat(mapper.readValue(json, event.getClass())).as(json).isEqualTo(event);
    }

    @Test
    void theLifecycleEventsReadBackEqual() throws Exception {
        BattleConfig config = BattleConfigResolver.forNewBattle("historical_day", null, NOW)
                .withWindow(Instant.parse("2025-01-15T00:00:00Z"), Instant.parse("2025-01-16T00:00:00Z"));
        roundTrips(new BattleCreated("b", "acc", "Name", config, null, NOW));
        roundTrips(new BattleStarted("b", "acc", config, List.of("a1", "a2"), new HistoricalStart(config.startTime(),
                config.endTime(), config.candleInterval(), config.pairs(), 1440, "f00d"),
                java.util.Map.of("a1", com.agentbattles.domain.agent.RiskConfig.defaults()), null, NOW));
        FinalRanking first = new FinalRanking(1, "a1", "Bot", new BigDecimal("10000.00000000"),
                new BigDecimal("11842.3"), new BigDecimal("18.42"), new BigDecimal("1842.3"), null,
                new BigDecimal("5.2"), new BigDecimal("68.4"), null, 47, null);
        roundTrips(new BattleStopped("b", "acc", BattleStatus.PAUSED, List.of("a1"), List.of(first),
                FinalRanking.digest(List.of(first)), NOW));
    }

    @Test
    void theRankingDigestDependsOnEveryValueButNotOnTrailingZeros() {
        FinalRanking ranking = new FinalRanking(1, "a1", "Bot", new BigDecimal("10000"), new BigDecimal("11000.50"),
                null, null, null, null, null, null, 3, null);
        FinalRanking sameValue = new FinalRanking(1, "a1", "Renamed", new BigDecimal("10000.00"),
                new BigDecimal("11000.5"), null, null, null, null, null, null, 3, null);
        FinalRanking otherEquity = new FinalRanking(1, "a1", "Bot", new BigDecimal("10000"), new BigDecimal("11000.51"),
                null, null, null, null, null, null, 3, null);

        assertThat(FinalRanking.digest(List.of(ranking))).isEqualTo(FinalRanking.digest(List.of(sameValue)))
                .isNotEqualTo(FinalRanking.digest(List.of(otherEquity)))
                .isNotEqualTo(FinalRanking.digest(List.of()));
    }
}
