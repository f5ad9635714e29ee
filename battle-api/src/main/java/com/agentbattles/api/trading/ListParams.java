package com.agentbattles.api.trading;

import com.agentbattles.domain.common.Decimals;

import java.util.Locale;
import java.util.Set;

/**
 * The query parameters of the order and fill lists (status, symbol, limit, offset), read one way
 * by every endpoint that lists a wallet's orders: the agent's own and its battle wallets.
 */
public final class ListParams {

    public static final int MAX_LIMIT = 500;
    public static final int DEFAULT_LIMIT = 100;
    private static final Set<String> STATUSES = Set.of("open", "filled", "cancelled", "rejected");

    private ListParams() {
    }

    /** null for every status; VALIDATION_ERROR for an unknown one. */
    public static String status(String status) {
        String wanted = status == null || status.isBlank() ? null : status.strip().toLowerCase(Locale.ROOT);
        if (wanted != null && !STATUSES.contains(wanted)) {
            throw Decimals.invalid("status", "must be one of open, filled, cancelled, rejected (got '" + status + "')");
        }
        return wanted;
    }

    public static String symbol(String symbol) {
        return symbol == null || symbol.isBlank() ? null : symbol.strip().toUpperCase(Locale.ROOT);
    }

    public static int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw Decimals.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }

    public static int offset(Integer offset) {
        if (offset == null) {
            return 0;
        }
        if (offset < 0) {
            throw Decimals.invalid("offset", "must be 0 or more");
        }
        return offset;
    }
}
