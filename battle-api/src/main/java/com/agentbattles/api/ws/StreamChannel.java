package com.agentbattles.api.ws;

import com.agentbattles.domain.market.CandleInterval;

import java.util.Locale;
import java.util.Optional;

/**
 * The channels of {@code /ws/v1} besides {@code battle}, named as the agentexchange SDK names them:
 * {@code ticker:{SYMBOL}}, {@code ticker:all}, {@code candles:{SYMBOL}:{interval}}, {@code orders}
 * and {@code portfolio}. Each message of a channel carries the channel's name in {@code channel},
 * which is how that SDK routes it to its handlers.
 */
sealed interface StreamChannel {

    String ALL = "all";
    String VALID = "battle, ticker:{SYMBOL}, ticker:all, candles:{SYMBOL}:{interval}, orders or portfolio";
    String PORTFOLIO_TOPIC_PREFIX = "portfolio:";

    /** The channel's name as messages carry it. */
    String name();

    /** What subscriptions are kept under: the name, and for an agent's own channels the agent too. */
    default String topic(String agentId) {
        return name();
    }

    /** {@code symbol} null: every symbol ({@code ticker:all}). */
    record Ticker(String symbol) implements StreamChannel {
        @Override
        public String name() {
            return "ticker:" + (symbol == null ? ALL : symbol);
        }
    }

    record Candles(String symbol, CandleInterval interval) implements StreamChannel {
        @Override
        public String name() {
            return candlesName(symbol, interval);
        }
    }

    /** The agent's own-wallet order updates. */
    record Orders() implements StreamChannel {
        @Override
        public String name() {
            return "orders";
        }

        @Override
        public String topic(String agentId) {
            return ordersTopic(agentId);
        }
    }

    /** The agent's portfolio after each fill and periodically. */
    record Portfolio() implements StreamChannel {
        @Override
        public String name() {
            return "portfolio";
        }

        @Override
        public String topic(String agentId) {
            return portfolioTopic(agentId);
        }
    }

    default boolean ofAnAgent() {
        return this instanceof Orders || this instanceof Portfolio;
    }

    static String tickerName(String symbol) {
        return new Ticker(symbol).name();
    }

    static String candlesName(String symbol, CandleInterval interval) {
        return "candles:" + symbol + ":" + interval.code();
    }

    static String ordersTopic(String agentId) {
        return "orders:" + agentId;
    }

    static String portfolioTopic(String agentId) {
        return PORTFOLIO_TOPIC_PREFIX + agentId;
    }

    /**
     * The channel named, or empty for a name that is none; an unknown interval is refused with
     * its own message.
     *
     * @throws IllegalArgumentException for {@code candles:SYMBOL:} with an interval that is not one of ours
     */
    static Optional<StreamChannel> parse(String name) {
        String[] parts = name.split(":", -1);
        switch (parts[0]) {
            case "orders":
                return parts.length == 1 ? Optional.of(new Orders()) : Optional.empty();
            case "portfolio":
                return parts.length == 1 ? Optional.of(new Portfolio()) : Optional.empty();
            case "ticker":
                if (parts.length != 2 || parts[1].isBlank()) {
                    return Optional.empty();
                }
                return Optional.of(new Ticker(parts[1].equalsIgnoreCase(ALL) ? null : parts[1].toUpperCase(Locale.ROOT)));
            case "candles":
                if (parts.length != 3 || parts[1].isBlank()) {
                    return Optional.empty();
                }
                CandleInterval interval = CandleInterval.parse(parts[2]).orElseThrow(() ->
                        new IllegalArgumentException("interval must be one of 1m, 5m, 15m, 1h, 4h, 1d"));
                return Optional.of(new Candles(parts[1].toUpperCase(Locale.ROOT), interval));
            default:
                return Optional.empty();
        }
    }
}
