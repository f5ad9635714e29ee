package com.agentbattles.domain.market;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/** The kline intervals a battle may run on, with Binance's spelling as the wire name. */
public enum CandleInterval {
    ONE_MINUTE("1m", Duration.ofMinutes(1)),
    FIVE_MINUTES("5m", Duration.ofMinutes(5)),
    FIFTEEN_MINUTES("15m", Duration.ofMinutes(15)),
    ONE_HOUR("1h", Duration.ofHours(1)),
    FOUR_HOURS("4h", Duration.ofHours(4)),
    ONE_DAY("1d", Duration.ofDays(1));

    private final String code;
    private final Duration duration;

    CandleInterval(String code, Duration duration) {
        this.code = code;
        this.duration = duration;
    }

    @JsonValue
    public String code() {
        return code;
    }

    public Duration duration() {
        return duration;
    }

    public long millis() {
        return duration.toMillis();
    }

    public static Optional<CandleInterval> parse(String code) {
        return Arrays.stream(values()).filter(i -> i.code.equals(code)).findFirst();
    }

    @JsonCreator
    public static CandleInterval of(String code) {
        return parse(code).orElseThrow(() -> new IllegalArgumentException("unknown candle interval: " + code));
    }
}
