package com.agentbattles.query.wallet;

import com.agentbattles.domain.trading.WalletHoldings;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Wallets are stored as {@link WalletHoldings} JSON. A mapper of its own (like the event
 * serializer's), so that the REST style never changes what is stored.
 */
final class WalletJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private WalletJson() {
    }

    static String write(WalletHoldings holdings) {
        try {
            return MAPPER.writeValueAsString(holdings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a wallet as JSON", e);
        }
    }

    static WalletHoldings read(String json) {
        try {
            return MAPPER.readValue(json, WalletHoldings.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a stored wallet", e);
        }
    }
}
