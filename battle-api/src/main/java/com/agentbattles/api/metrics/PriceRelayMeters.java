package com.agentbattles.api.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code battles_price_relay_failures_total{recipient}}: batches of live price updates that did
 * not reach a recipient, by kind ({@code battle}: a live battle's resting orders, {@code wallet}:
 * an agent's own wallet). A batch the relay could not address at all, because the read model
 * could not say who trades the symbols, counts once for that kind. Both series exist from
 * start-up (at 0); the log names each recipient that failed and why.
 */
@Component
public class PriceRelayMeters {

    /** Who the relay sends price updates to: the only values of the {@code recipient} tag. */
    public enum Recipient {
        BATTLE, WALLET;

        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Map<Recipient, Counter> failures = new EnumMap<>(Recipient.class);

    public PriceRelayMeters(MeterRegistry registry) {
        for (Recipient recipient : Recipient.values()) {
            failures.put(recipient, Counter.builder("battles.price.relay.failures")
                    .description("Batches of live price updates that did not reach a recipient, by recipient kind")
                    .tag("recipient", recipient.tag())
                    .register(registry));
        }
    }

    public void deliveryFailed(Recipient recipient) {
        failures.get(recipient).increment();
    }
}
