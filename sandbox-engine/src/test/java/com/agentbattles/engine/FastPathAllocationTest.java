package com.agentbattles.engine;

import com.agentbattles.domain.market.Candle;
import com.agentbattles.domain.trading.OrderSide;
import com.agentbattles.domain.trading.OrderType;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static com.agentbattles.engine.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's throughput rests on the no-fill path allocating nothing: a candle that reaches no
 * order must be dismissed by comparing against cached levels, not by scanning or building lists.
 */
class FastPathAllocationTest {

    @Test
    void aCandleThatReachesNoOrderAllocatesNothing() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertThat(threads.isThreadAllocatedMemorySupported()).isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);

        Sandbox sandbox = holdingTenAt100();
        PriceBoard at100 = board(BTC, "100", "100000");
        accept(sandbox, limit("b", OrderSide.BUY, "1", "90"), DEFAULT, at100);
        accept(sandbox, triggered("s", OrderSide.SELL, OrderType.STOP_LOSS, "2", "80"), DEFAULT, at100);
        accept(sandbox, triggered("t", OrderSide.SELL, OrderType.TAKE_PROFIT, "2", "120"), DEFAULT, at100);
        accept(sandbox, triggered("x", OrderSide.BUY, OrderType.STOP_LOSS, "1", "130"), DEFAULT, at100);
        Candle quiet = candle(BTC, 1, "100", "119.99", "90.01", "101", "100000");
        Candle other = candle(ETH, 1, "10", "11", "1", "10", "100000");

        for (int i = 0; i < 20_000; i++) { // let the level cache build and the JIT settle
            sandbox.fillsOn(quiet, DEFAULT);
            sandbox.fillsOn(other, DEFAULT);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        int reached = 0;
        for (int i = 0; i < 100_000; i++) {
            reached += sandbox.fillsOn(quiet, DEFAULT).size() + sandbox.fillsOn(other, DEFAULT).size();
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(reached).isZero();
        // 200,000 calls: anything per call would be megabytes; allow the measuring itself a little
        assertThat(allocated).isLessThan(10_000);
        // and the path is not fast because it is blind: one cent further and the orders are reached
        assertThat(sandbox.fillsOn(candle(BTC, 2, "100", "120", "90", "101", "100000"), DEFAULT)).hasSize(2);
    }
}
