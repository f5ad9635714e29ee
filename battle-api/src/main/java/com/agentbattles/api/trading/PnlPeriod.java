package com.agentbattles.api.trading;

import com.agentbattles.domain.common.Decimals;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The windows {@code GET /account/pnl?period=} knows: the last 1, 7 or 30 days of the current
 * session, or the whole session. Every window ends at the server's now: an own wallet trades at
 * the live feed's prices, so nothing it knows lies later.
 */
public enum PnlPeriod {
    DAY("1d", Duration.ofDays(1)),
    WEEK("7d", Duration.ofDays(7)),
    MONTH("30d", Duration.ofDays(30)),
    ALL("all", null);

    private final String code;
    private final Duration length;

    PnlPeriod(String code, Duration length) {
        this.code = code;
        this.length = length;
    }

    public String code() {
        return code;
    }

    /** @throws com.agentbattles.domain.error.DomainException VALIDATION_ERROR naming {@code period} */
    public static PnlPeriod parse(String raw) {
        String wanted = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(period -> period.code.equals(wanted)).findFirst()
                .orElseThrow(() -> Decimals.invalid("period", "must be one of "
                        + Arrays.stream(values()).map(PnlPeriod::code).collect(Collectors.joining(", "))));
    }

    /** Where the window starts when it ends at {@code end}; null for the whole session. */
    public Instant start(Instant end) {
        return length == null ? null : end.minus(length);
    }
}
