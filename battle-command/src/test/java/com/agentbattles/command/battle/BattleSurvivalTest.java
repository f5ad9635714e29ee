package com.agentbattles.command.battle;

import com.agentbattles.domain.battle.BattleConfig;
import com.agentbattles.domain.battle.BattleEvents.ParticipantEliminated;
import com.agentbattles.domain.battle.BattleEvents.BattleStopped;
import com.agentbattles.domain.battle.BattleMode;
import com.agentbattles.domain.battle.BattleStatus;
import com.agentbattles.domain.battle.BattleTradingEvents.BattleStepped;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderFilled;
import com.agentbattles.domain.battle.BattleTradingEvents.Valuation;
import com.agentbattles.domain.battle.FeeSchedule;
import com.agentbattles.domain.battle.FinalRanking;
import com.agentbattles.domain.battle.RankingMetric;
import com.agentbattles.domain.battle.WalletMode;
import com.agentbattles.domain.market.CandleInterval;
import com.agentbattles.domain.trading.OrderSide;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static com.agentbattles.command.battle.BattleFixtures.AGENT_A;
import static com.agentbattles.command.battle.BattleFixtures.AGENT_B;
import static com.agentbattles.command.battle.BattleFixtures.BATTLE;
import static com.agentbattles.command.battle.BattleFixtures.OWNER;
import static com.agentbattles.command.battle.BattleTradingTest.BTC;
import static com.agentbattles.command.battle.BattleTradingTest.BTC_1;
import static com.agentbattles.command.battle.BattleTradingTest.BTC_2;
import static com.agentbattles.command.battle.BattleTradingTest.BTC_3;
import static com.agentbattles.command.battle.BattleTradingTest.BTC_4;
import static com.agentbattles.command.battle.BattleTradingTest.BUY_10_BTC;
import static com.agentbattles.command.battle.BattleTradingTest.ETH;
import static com.agentbattles.command.battle.BattleTradingTest.ETH_1;
import static com.agentbattles.command.battle.BattleTradingTest.ETH_3;
import static com.agentbattles.command.battle.BattleTradingTest.ETH_4;
import static com.agentbattles.command.battle.BattleTradingTest.REQUESTED;
import static com.agentbattles.command.battle.BattleTradingTest.S;
import static com.agentbattles.command.battle.BattleTradingTest.S2;
import static com.agentbattles.command.battle.BattleTradingTest.S3;
import static com.agentbattles.command.battle.BattleTradingTest.START;
import static com.agentbattles.command.battle.BattleTradingTest.d;
import static com.agentbattles.command.battle.BattleTradingTest.described;
import static com.agentbattles.command.battle.BattleTradingTest.exactly;
import static com.agentbattles.command.battle.BattleTradingTest.step;
import static com.agentbattles.command.battle.BattleTradingTest.untouched;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;

/**
 * Survival rules in a historical battle: equity at or below starting balance × (1 − loss_limit_pct
 * / 100) eliminates a participant (its orders withdrawn, its positions sold), and the battle ends
 * as soon as at most one participant is left, the survivor ranked first.
 */
class BattleSurvivalTest {

    /** loss_limit_pct 0.5: the limit is 10 000 × 0.995 = 9 950 USDT. */
    static final BattleConfig SURVIVAL = survival("0.5");

    static BattleConfig survival(String lossLimitPct) {
        return new BattleConfig("historical_day", BattleMode.HISTORICAL, RankingMetric.ROI_PCT, START, 3L,
                WalletMode.FRESH, CandleInterval.ONE_MINUTE, List.of(BTC, ETH), S, S3, new BigDecimal(lossLimitPct),
                FeeSchedule.defaults());
    }

    private final FixtureConfiguration<Battle> fixture = BattleTradingTest.newFixture(
            new BattleTradingTest.InMemoryCandles(List.of(BTC_1, ETH_1, BTC_2, BTC_3, ETH_3, BTC_4, ETH_4)));

    @Test
    void aParticipantAtTheLossLimitIsEliminatedSoldOutAndTheLastOneStandingWins() {
        Object[] given = BattleFixtures.append(BattleTradingTest.startedBattle(SURVIVAL),
                new BattleStepped(BATTLE, OWNER, 1, 3, BattleTradingTest.S1, List.of(BTC_1, ETH_1),
                        List.of(untouched(AGENT_A), untouched(AGENT_B))),
                new OrderFilled(BATTLE, OWNER, AGENT_A, BUY_10_BTC, 1));
        // step 2: BTC closes at 95, so A (8 997.999 USDT + 10 BTC) is worth 9 947.999 ≤ 9 950: out.
        // Its 10 BTC are sold at 95 less slippage 0.1 × 950 / 100 000 = 0.095 %: 94.90975;
        // notional 949.0975, fee 0.9490975, proceeds 948.1484025; final equity 9 946.1474025.
        BattleStepped step2 = new BattleStepped(BATTLE, OWNER, 2, 3, S2, List.of(BTC_2),
                List.of(new Valuation(AGENT_A, d("9947.99900000"), d("8997.99900000"), 1), untouched(AGENT_B)));
        Matcher<Object> closeOut = described("A's 10 BTC sold at 94.90975 at step 2", e -> e instanceof OrderFilled f
                && f.agentId().equals(AGENT_A) && f.step() == 2 && f.fill().side() == OrderSide.SELL
                && f.fill().quantity().compareTo(d("10")) == 0 && f.fill().price().compareTo(d("94.90975")) == 0
                && f.fill().total().compareTo(d("948.1484025")) == 0);
        ParticipantEliminated eliminated = new ParticipantEliminated(BATTLE, OWNER, AGENT_A, d("9947.99900000"),
                d("9950.00000000"), 2, S2);
        Matcher<Object> survivorWins = described("B (survivor) ranked before A (eliminated at step 2)",
                e -> e instanceof BattleStopped s && s.previousStatus() == BattleStatus.ACTIVE
                        && s.rankings().stream().map(FinalRanking::agentId).toList().equals(List.of(AGENT_B, AGENT_A))
                        && s.rankings().get(0).eliminatedAt() == null
                        && S2.equals(s.rankings().get(1).eliminatedAt())
                        && s.rankings().get(1).finalEquity().compareTo(d("9946.1474025")) == 0
                        && s.rankingsDigest().equals(FinalRanking.digest(s.rankings())));
        @SuppressWarnings({"unchecked", "rawtypes"})
        Matcher<java.util.List<? super org.axonframework.eventhandling.EventMessage<?>>> sequence = (Matcher) payloadsMatching(
                exactSequenceOf(exactly(step2), closeOut, exactly(eliminated), survivorWins, andNoMore()));

        // two steps asked for, but the battle is decided after the first of them
        fixture.given(given)
                .when(step(2))
                .expectEventsMatching(sequence);
    }

    @Test
    void aDrawdownAboveTheLimitEliminatesNobody() {
        Object[] given = BattleFixtures.append(BattleTradingTest.startedBattle(survival("1")),
                new BattleStepped(BATTLE, OWNER, 1, 3, BattleTradingTest.S1, List.of(BTC_1, ETH_1),
                        List.of(untouched(AGENT_A), untouched(AGENT_B))),
                new OrderFilled(BATTLE, OWNER, AGENT_A, BUY_10_BTC, 1));
        // limit 9 900; A at 9 947.999 stays in
        fixture.given(given)
                .when(step(1))
                .expectEvents(new BattleStepped(BATTLE, OWNER, 2, 3, S2, List.of(BTC_2),
                        List.of(new Valuation(AGENT_A, d("9947.99900000"), d("8997.99900000"), 1), untouched(AGENT_B))));
    }
}
