package com.agentbattles.marketdata.binance;

import com.agentbattles.domain.market.Candle;
import com.agentbattles.domain.market.CandleInterval;
import com.agentbattles.marketdata.feed.PriceTick;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads Binance market-stream messages: combined-stream envelopes {@code {"stream","data"}}
 * around {@code kline} and {@code 24hrMiniTicker} events, and the {@code serverShutdown} notice.
 * Prices stay the decimal strings Binance sent.
 */
public final class BinanceStreamMessages {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one message means to the feed. */
    public sealed interface Event permits Price, ServerShutdown, Other {
    }

    /** A price update, and the candle when a kline just closed. */
    public record Price(PriceTick tick, Optional<Candle> closedCandle) implements Event {
    }

    public record ServerShutdown() implements Event {
    }

    /** Subscription answers ({"result":null,"id":1}) and anything we do not use. */
    public record Other(String description) implements Event {
    }

    private BinanceStreamMessages() {
    }

    public static Event parse(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            return new Other("unparseable: " + e.getMessage());
        }
        JsonNode data = root.has("data") ? root.get("data") : root;
        String type = data.path("e").asText("");
        switch (type) {
            case "serverShutdown":
                return new ServerShutdown();
            case "24hrMiniTicker":
                return new Price(new PriceTick(data.path("s").asText(), new BigDecimal(data.path("c").asText()),
                        Instant.ofEpochMilli(data.path("E").asLong())), Optional.empty());
            case "kline":
                return kline(data);
            default:
                return new Other(type.isEmpty() ? text : type);
        }
    }

    private static Event kline(JsonNode data) {
        JsonNode k = data.path("k");
        String symbol = k.path("s").asText(data.path("s").asText());
        BigDecimal close = new BigDecimal(k.path("c").asText());
        PriceTick tick = new PriceTick(symbol, close, Instant.ofEpochMilli(data.path("E").asLong()));
        Optional<CandleInterval> interval = CandleInterval.parse(k.path("i").asText());
        Optional<Candle> closed = Optional.empty();
        if (k.path("x").asBoolean(false) && interval.isPresent()) {
            closed = Optional.of(new Candle(symbol, interval.get(), Instant.ofEpochMilli(k.path("t").asLong()),
                    new BigDecimal(k.path("o").asText()), new BigDecimal(k.path("h").asText()),
                    new BigDecimal(k.path("l").asText()), close, new BigDecimal(k.path("v").asText()),
                    k.hasNonNull("q") ? new BigDecimal(k.path("q").asText()) : null, k.path("n").asLong(-1)));
        }
        return new Price(tick, closed);
    }
}
