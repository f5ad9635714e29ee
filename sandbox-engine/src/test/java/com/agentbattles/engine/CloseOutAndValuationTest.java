package com.agentbattles.engine;

import com.agentbattles.domain.trading.Fill;
import com.agentbattles.domain.trading.OrderRequest;
import com.agentbattles.domain.trading.OrderSide;
import com.agentbattles.domain.trading.OrderType;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static com.agentbattles.engine.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloseOutAndValuationTest {

    private final PriceBoard at100 = board(BTC, "100", "100000");

    @Test
    void equityIsCashLockedAndPositionsAtTheLatestPrice() {
        Sandbox sandbox = holdingTenAt100();
        accept(sandbox, limit("b", OrderSide.BUY, "5", "90"), DEFAULT, at100);     // locks 450.45
        assertThat(sandbox.equity(board(BTC, "120", "1"))).isEqualByComparingTo("10199"); // 8548.55 + 450.45 + 1200
    }

    @Test
    void equityRefusesToInventAPrice() {
        Sandbox sandbox = holdingTenAt100();
        assertThatThrownBy(() -> sandbox.equity(new PriceBoard())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closeOutSellsEveryUnlockedPositionWithSlippageAndSkipsUnpricedOnes() {
        Sandbox sandbox = holdingTenAt100();
        PriceBoard both = board(BTC, "100", "1000000");
        both.update(quote(ETH, "10", "1000000"));
        accept(sandbox, new OrderRequest("e", ETH, OrderSide.BUY, OrderType.MARKET, d("20"), null, null), NO_SLIP, both);
        accept(sandbox, limit("l", OrderSide.SELL, "4", "150"), DEFAULT, both);

        List<Fill> fills = sandbox.closeOut(board(BTC, "110", "100000"), DEFAULT, T0);
        Fill btc = only(fills);
        assertThat(btc.orderId()).isEqualTo("close-out-BTCUSDT");
        assertThat(btc.quantity()).as("the locked 4 stay").isEqualByComparingTo("6");
        // 6 × 110 = 660 → slippage 0.066 % → 110 × 0.99934
        assertThat(btc.price()).isEqualByComparingTo("109.9274");
        assertThat(btc.side()).isEqualTo(OrderSide.SELL);

        sandbox.cancelled("l");
        List<Fill> all = sandbox.closeOut(both, DEFAULT, T0);
        assertThat(all).extracting(Fill::symbol).containsExactly(BTC, ETH);
        all.forEach(sandbox::filled);
        assertThat(sandbox.positions()).isEmpty();
        assertThat(sandbox.lockedCash()).isEqualByComparingTo("0");
    }

    @Test
    void equalStatesHashEquallyAndAnyDifferenceShows() {
        Sandbox a = holdingTenAt100();
        Sandbox b = holdingTenAt100();
        assertThat(a.stateHash()).isEqualTo(b.stateHash()).hasSize(64);

        accept(b, limit("l", OrderSide.BUY, "1", "90"), DEFAULT, at100);
        assertThat(a.stateHash()).isNotEqualTo(b.stateHash());
        b.cancelled("l");
        assertThat(a.stateHash()).as("the order is gone but it was never filled: same state").isEqualTo(b.stateHash());

        b.dayMarked(T0, d("9999"));
        assertThat(a.stateHash()).isNotEqualTo(b.stateHash());
    }

    @Test
    void theHashOfSeveralSandboxesFollowsTheKeysNotTheMapOrder() {
        Sandbox a = holdingTenAt100();
        Sandbox b = new Sandbox(d("500"));
        Map<String, Sandbox> forward = new LinkedHashMap<>();
        forward.put("alice", a);
        forward.put("bob", b);
        Map<String, Sandbox> backward = new LinkedHashMap<>();
        backward.put("bob", b);
        backward.put("alice", a);
        assertThat(Sandbox.stateHash(forward)).isEqualTo(Sandbox.stateHash(backward))
                .isEqualTo(Sandbox.stateHash(new TreeMap<>(forward)));
        Map<String, Sandbox> swapped = Map.of("alice", b, "bob", a);
        assertThat(Sandbox.stateHash(swapped)).isNotEqualTo(Sandbox.stateHash(forward));
    }
}
