package com.agentbattles.command.battle;

import com.agentbattles.command.battle.BattleAudit.Divergence;
import com.agentbattles.command.battle.BattleAudit.Report;
import com.agentbattles.command.battle.BattleTradingTest.InMemoryCandles;
import com.agentbattles.domain.battle.BattleEvents.BattleStopped;
import com.agentbattles.domain.battle.BattleTradingEvents.BattleStepped;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderFilled;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderPlaced;
import com.agentbattles.domain.market.Candle;
import com.agentbattles.domain.trading.Fill;
import com.agentbattles.domain.trading.OrderSide;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static com.agentbattles.command.battle.BattleFixtures.AGENT_A;
import static com.agentbattles.command.battle.BattleFixtures.AGENT_B;
import static com.agentbattles.command.battle.BattleTradingTest.BTC;
import static com.agentbattles.command.battle.BattleTradingTest.BTC_1;
import static com.agentbattles.command.battle.BattleTradingTest.BTC_2;
import static com.agentbattles.command.battle.BattleTradingTest.BTC_3;
import static com.agentbattles.command.battle.BattleTradingTest.BTC_4;
import static com.agentbattles.command.battle.BattleTradingTest.ETH;
import static com.agentbattles.command.battle.BattleTradingTest.ETH_1;
import static com.agentbattles.command.battle.BattleTradingTest.ETH_3;
import static com.agentbattles.command.battle.BattleTradingTest.ETH_4;
import static com.agentbattles.command.battle.BattleTradingTest.candle;
import static com.agentbattles.command.battle.BattleTradingTest.limit;
import static com.agentbattles.command.battle.BattleTradingTest.market;
import static com.agentbattles.command.battle.BattleTradingTest.started;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit without a server: a battle played through the rules, then its log audited as stored
 * and after each kind of tampering. Every tampering must be named where it happened: the
 * sequence of the first event that differs, its type, and the field.
 */
class BattleAuditTest {

    private final InMemoryCandles market = new InMemoryCandles(List.of(BTC_1, ETH_1, BTC_2, BTC_3, ETH_3, BTC_4, ETH_4));
    private List<Object> played;

    /**
     * Three steps: A buys 10 BTC at market after step 1 and bids for 2 at 91, which step 2's low
     * (90) fills; B buys ETH after step 2; step 3 ends the battle and sells everything.
     */
    @BeforeEach
    void play() {
        PlayedBattle battle = new PlayedBattle(market, started());
        battle.step(1);
        battle.order(AGENT_A, market("buy-1", BTC, OrderSide.BUY, "10"));
        battle.order(AGENT_A, limit("bid-1", OrderSide.BUY, "2", "91"));
        battle.step(1);
        battle.order(AGENT_B, market("eth-1", ETH, OrderSide.BUY, "50"));
        battle.step(1);
        played = battle.events();
        assertThat(played).last().isInstanceOf(BattleStopped.class);
        assertThat(played).anyMatch(e -> e instanceof OrderFilled f && f.fill().orderId().equals("bid-1") && f.step() == 2);
    }

    @Test
    void anHonestLogMatchesBothWays() {
        Report report = BattleAudit.audit("battle-1", PlayedBattle.numbered(played), market);

        assertThat(report.firstDivergence()).isNull();
        assertThat(report.matches()).isTrue();
        assertThat(report.rederivedDigest()).isEqualTo(report.recordedDigest());
        assertThat(report.resimulatedDigest()).isEqualTo(report.recordedDigest());
    }

    /** The audit's baseline is the engine's fold of the log: one value per step, bought at step 1's closes. */
    @Test
    void theBaselineIsFoldedFromTheRecordedStepsAlone() {
        var curve = BattleAudit.baselineCurve(PlayedBattle.numbered(played));
        List<BattleStepped> steps = played.stream().filter(BattleStepped.class::isInstance).map(BattleStepped.class::cast).toList();
        assertThat(curve.keySet()).containsExactly(1L, 2L, 3L);
        assertThat(curve.get(1L).holdings()).containsOnlyKeys(BTC, ETH);
        for (BattleStepped step : steps) {
            // the same fold over the log up to that step, by the read side's entry point
            List<Object> prefix = played.subList(0, played.indexOf(step) + 1);
            assertThat(curve.get(step.step())).isEqualTo(com.agentbattles.engine.BuyAndHold.fold(prefix).value());
        }
        // orders, fills and the stop do not move it: only prices do
        List<Object> pricesOnly = new ArrayList<>(played.stream().filter(e -> !(e instanceof OrderFilled)).toList());
        assertThat(BattleAudit.baselineCurve(PlayedBattle.numbered(pricesOnly))).isEqualTo(curve);
    }

    @Test
    void aForgedFillIsNamedWithTheFieldThatWasChanged() {
        int at = indexOf(e -> e instanceof OrderFilled f && f.fill().orderId().equals("buy-1"));
        OrderFilled honest = (OrderFilled) played.get(at);
        Fill f = honest.fill();
        Fill cheaper = new Fill(f.orderId(), f.symbol(), f.side(), f.type(), f.quantity(), f.referencePrice(),
                new BigDecimal("90.00000000"), f.slippagePct(), f.fee(), f.total(), f.realizedPnl(), f.executedAt());
        List<Object> forged = replaced(at, new OrderFilled(honest.battleId(), honest.accountId(), honest.agentId(),
                cheaper, honest.step()));

        Divergence divergence = audit(forged);

        assertThat(divergence.sequence()).isEqualTo(at);
        assertThat(divergence.event()).isEqualTo("OrderFilled");
        assertThat(divergence.difference()).startsWith("fill.price: recorded 90");
    }

    @Test
    void aCandleChangedInTheStoreAfterTheBattleIsNamedAtItsStep() {
        Candle changed = candle(BTC, BTC_2.openTime(), "98", "101", "90", "97");
        InMemoryCandles rewritten = new InMemoryCandles(List.of(BTC_1, ETH_1, changed, BTC_3, ETH_3, BTC_4, ETH_4));

        Report report = BattleAudit.audit("battle-1", PlayedBattle.numbered(played), rewritten);

        Divergence divergence = report.firstDivergence();
        assertThat(report.matches()).isFalse();
        assertThat(divergence.sequence()).isEqualTo(indexOf(e -> e instanceof BattleStepped s && s.step() == 2));
        assertThat(divergence.event()).isEqualTo("BattleStepped");
        assertThat(divergence.difference()).startsWith("candles[0].close: recorded 95");
        // the recorded events themselves still agree with each other
        assertThat(report.rederivationMatches()).isTrue();
    }

    @Test
    void aMissingFillIsNamedWhereTheRulesExpectIt() {
        int at = indexOf(e -> e instanceof OrderFilled f && f.fill().orderId().equals("bid-1"));

        Divergence divergence = audit(removed(at));

        assertThat(divergence.sequence()).isEqualTo(at);
        assertThat(divergence.event()).isEqualTo("BattleStepped");
        assertThat(divergence.difference())
                .isEqualTo("event type: recorded BattleStepped, re-simulated OrderFilled");
    }

    @Test
    void anOrderMovedToAnotherStepIsNamed() {
        int placedAt = indexOf(e -> e instanceof OrderPlaced p && p.order().orderId().equals("bid-1"));
        int step2 = indexOf(e -> e instanceof BattleStepped s && s.step() == 2);
        OrderPlaced bid = (OrderPlaced) played.get(placedAt);
        // the forger keeps the event consistent: it says step 2 and sits after step 2
        List<Object> moved = new ArrayList<>(played.subList(0, step2 + 1));
        moved.remove(placedAt);
        moved.add(new OrderPlaced(bid.battleId(), bid.accountId(), bid.agentId(), bid.order(), 2));
        moved.addAll(played.subList(step2 + 1, played.size()));

        Divergence divergence = audit(moved);

        // without the bid, step 2 fills nothing: the rules record the step where the log has the bid's fill
        assertThat(divergence.event()).isEqualTo("OrderFilled");
        assertThat(divergence.difference()).isEqualTo("event type: recorded OrderFilled, re-simulated BattleStepped");
    }

    private Divergence audit(List<Object> events) {
        Report report = BattleAudit.audit("battle-1", PlayedBattle.numbered(events), market);
        assertThat(report.matches()).isFalse();
        assertThat(report.firstDivergence()).isNotNull();
        return report.firstDivergence();
    }

    private int indexOf(Predicate<Object> which) {
        for (int i = 0; i < played.size(); i++) {
            if (which.test(played.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no such event in the played battle");
    }

    private List<Object> replaced(int index, Object event) {
        List<Object> copy = new ArrayList<>(played);
        copy.set(index, event);
        return copy;
    }

    private List<Object> removed(int index) {
        List<Object> copy = new ArrayList<>(played);
        copy.remove(index);
        return copy;
    }
}
