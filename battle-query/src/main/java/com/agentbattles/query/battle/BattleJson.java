package com.agentbattles.query.battle;

import com.agentbattles.domain.battle.BattleConfig;
import com.agentbattles.domain.battle.FinalRanking;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.List;

/**
 * The JSON documents of the battle read model. A mapper of its own, like the event serializer's,
 * so that the REST style (snake_case, decimals as strings) never changes what is stored.
 */
final class BattleJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    /**
     * The tracker's state written exactly: every BigDecimal as its string (digits and scale), so
     * that no sum ever passes through a double and a restored tracker equals the one written.
     */
    private static final ObjectMapper EXACT = MAPPER.copy();

    static {
        EXACT.configOverride(java.math.BigDecimal.class)
                .setFormat(com.fasterxml.jackson.annotation.JsonFormat.Value.forShape(
                        com.fasterxml.jackson.annotation.JsonFormat.Shape.STRING));
    }

    private static final TypeReference<List<FinalRanking>> RANKINGS = new TypeReference<>() {
    };

    private static final TypeReference<List<com.agentbattles.domain.market.Candle>> CANDLES = new TypeReference<>() {
    };

    private BattleJson() {
    }

    static com.agentbattles.domain.trading.WalletHoldings holdings(String json) {
        try {
            return MAPPER.readValue(json, com.agentbattles.domain.trading.WalletHoldings.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable battle wallet in the read model", e);
        }
    }

    static com.agentbattles.engine.BuyAndHold buyAndHold(String json) {
        try {
            return MAPPER.readValue(json, com.agentbattles.engine.BuyAndHold.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable buy-and-hold baseline in the read model", e);
        }
    }

    static java.util.Map<String, java.math.BigDecimal> decimalMap(String json) {
        if (json == null) {
            return java.util.Map.of();
        }
        try {
            return MAPPER.readValue(json, new TypeReference<java.util.TreeMap<String, java.math.BigDecimal>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable map in the read model", e);
        }
    }

    static List<com.agentbattles.domain.market.Candle> candles(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return MAPPER.readValue(json, CANDLES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable candles in the read model", e);
        }
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    static String tracker(com.agentbattles.domain.metrics.PerformanceTracker tracker) {
        try {
            return EXACT.writeValueAsString(tracker);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a performance tracker as JSON", e);
        }
    }

    static com.agentbattles.domain.metrics.PerformanceTracker tracker(String json) {
        try {
            return EXACT.readValue(json, com.agentbattles.domain.metrics.PerformanceTracker.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable performance tracker in the read model", e);
        }
    }

    static BattleConfig config(String json) {
        try {
            return MAPPER.readValue(json, BattleConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable battle config in the read model", e);
        }
    }

    static java.util.Map<String, String> stringMap(String json) {
        try {
            return MAPPER.readValue(json, new TypeReference<java.util.Map<String, String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable map in the read model", e);
        }
    }

    static FinalRanking ranking(String json) {
        try {
            return MAPPER.readValue(json, FinalRanking.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable ranking in the read model", e);
        }
    }

    static List<FinalRanking> rankings(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return MAPPER.readValue(json, RANKINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable rankings in the read model", e);
        }
    }
}
