package com.agentbattles.engine;

import com.agentbattles.domain.trading.OrderSide;
import com.agentbattles.domain.trading.OrderType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.agentbattles.engine.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The Battle aggregate is snapshotted by Axon's Jackson serializer with its sandboxes inside. */
class JacksonRoundTripTest {

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
    private final PriceBoard at100 = board(BTC, "100", "100000");

    @Test
    void aSandboxSurvivesTheRoundTripAndKeepsTrading() throws Exception {
        Sandbox original = holdingTenAt100();
        accept(original, limit("b", OrderSide.BUY, "5", "90"), DEFAULT, at100);
        accept(original, triggered("s", OrderSide.SELL, OrderType.STOP_LOSS, "4", "95"), DEFAULT, at100);
        accept(original, triggered("t", OrderSide.SELL, OrderType.TAKE_PROFIT, "3", "120"), DEFAULT, at100);
        original.dayMarked(T0, original.equity(at100));
        // something to warm the level cache, which must not travel
        assertThat(original.fillsOn(candle(BTC, 1, "100", "101", "99", "100", "1"), DEFAULT)).isEmpty();

        String json = mapper.writeValueAsString(original);
        Sandbox copy = mapper.readValue(json, Sandbox.class);

        assertThat(copy.stateHash()).isEqualTo(original.stateHash());
        assertThat(copy.canonicalText()).isEqualTo(original.canonicalText());
        assertThat(mapper.writeValueAsString(copy)).isEqualTo(json);

        var candle = candle(BTC, 2, "100", "121", "89", "100", "100000");
        List<Execution> before = original.executionsOn(candle, DEFAULT);
        List<Execution> after = copy.executionsOn(candle, DEFAULT);
        assertThat(after).isEqualTo(before).hasSize(3);
        apply(original, before);
        apply(copy, after);
        assertThat(copy.stateHash()).isEqualTo(original.stateHash());
    }

    @Test
    void aPriceBoardSurvivesTheRoundTrip() throws Exception {
        PriceBoard board = board(BTC, "100.50", "12345.678");
        board.update(candle(ETH, 3, "10", "11", "9", "10.5", null));
        PriceBoard copy = mapper.readValue(mapper.writeValueAsString(board), PriceBoard.class);
        assertThat(copy.quotes()).containsExactlyElementsOf(board.quotes());
    }
}
