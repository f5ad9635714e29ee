package com.agentbattles.api.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Set;

/**
 * Counters of trading activity, for the battle code to call as it records steps, order decisions
 * and fills. Published as {@code battles_steps_total}, {@code battles_orders_total{result}} and
 * {@code battles_fills_total}. Every series exists from start-up (at 0), so a rate() over them
 * is defined before the first battle runs. Call after the events are recorded, never from an
 * aggregate (aggregates stay free of side effects and are replayed).
 */
@Component
public class BattleMeters {

    /** The outcomes of an order decision, the only values of the {@code result} tag. */
    public static final Set<String> ORDER_RESULTS = Set.of("filled", "resting", "rejected");

    private final Counter steps;
    private final Counter fills;
    private final Map<String, Counter> orders;

    public BattleMeters(MeterRegistry registry) {
        this.steps = Counter.builder("battles.steps").description("Battle steps taken (historical battles)").register(registry);
        this.fills = Counter.builder("battles.fills").description("Order fills").register(registry);
        this.orders = Map.of(
                "filled", order(registry, "filled"),
                "resting", order(registry, "resting"),
                "rejected", order(registry, "rejected"));
    }

    private static Counter order(MeterRegistry registry, String result) {
        return Counter.builder("battles.orders").description("Orders decided, by result (filled, resting, rejected)")
                .tag("result", result).register(registry);
    }

    /** {@code n} steps were taken (a step/batch call counts each step). */
    public void stepTaken(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("steps taken cannot be negative: " + n);
        }
        steps.increment(n);
    }

    /** An order was decided: {@code filled}, {@code resting} or {@code rejected}. */
    public void orderDecided(String result) {
        Counter counter = orders.get(result);
        if (counter == null) {
            // a free-form tag value would grow the series without bound; callers use the three results
            throw new IllegalArgumentException("order result must be one of " + ORDER_RESULTS + ", not " + result);
        }
        counter.increment();
    }

    /** An order (or part of one) was filled. */
    public void fill() {
        fills.increment();
    }
}
