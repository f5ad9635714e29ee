package com.agentbattles.query.battle;

import com.agentbattles.domain.battle.BattleTradingEvents.Valuation;
import com.agentbattles.domain.battle.RankingMetric;
import com.agentbattles.domain.battle.WalletMode;
import com.agentbattles.domain.metrics.BattleStandings;
import com.agentbattles.domain.metrics.BattleStandings.Standing;
import com.agentbattles.domain.metrics.PerformanceTracker;
import com.agentbattles.domain.trading.OrderSide;
import com.agentbattles.domain.trading.OrderType;
import com.agentbattles.domain.trading.WalletHoldings;
import com.agentbattles.query.support.BattleFacts;
import com.agentbattles.query.support.ProjectionFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static com.agentbattles.query.support.BattleFacts.STARTING_BALANCE;
import static com.agentbattles.query.support.BattleFacts.fill;
import static com.agentbattles.query.support.BattleFacts.stepTime;
import static com.agentbattles.query.support.BattleFacts.valued;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trackers {@link BattleEquityProjection} keeps in {@code battle_standing} after every snapshot
 * and fill rank a battle exactly as folding all its snapshots and fills does, field for field and
 * digit for digit (the records compare BigDecimals with their scale), and a rebuild derives them again.
 */
class KeptStandingsTest {

    private static final List<String> AGENTS = List.of("agent-1", "agent-2", "agent-3");

    private final BattleFacts historical = BattleFacts.historical("battle-1", "acc-1");
    private final BattleFacts existing = BattleFacts.live("battle-2", "acc-1", WalletMode.EXISTING);
    private final ProjectionFixture fixture = BattleTradingGroup.start();
    private final BattleTradingReadModel readModel = new BattleTradingReadModel(ProjectionFixture.jdbc());

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void theKeptTrackersRankAsTheFoldOfEverySnapshotAndFillAtEveryPointAndAfterARebuild() {
        Random random = new Random(14);
        fixture.given(historical.started(60, AGENTS.toArray(String[]::new)));
        assertThat(kept("battle-1")).as("before the first step").isEqualTo(folded("battle-1"));

        List<Object> events = new ArrayList<>();
        for (int step = 1; step <= 60; step++) {
            events.addAll(trading(random, step));
            if (step == 45) {
                events.add(historical.eliminated("agent-3", "4990", step, stepTime(step)));
            }
            if (step % 20 == 0) {
                // a batch of 20 steps and their fills at once, as a catching-up processor reads them
                fixture.givenInOneBatch(events.toArray());
                events.clear();
                assertThat(kept("battle-1")).as("after step " + step).isEqualTo(folded("battle-1"));
            }
        }
        List<Standing> end = kept("battle-1");
        assertThat(end).allSatisfy(s -> assertThat(s.metrics().psr()).as("psr of %s", s.agentId()).isNotNull());
        assertThat(end).anySatisfy(s -> assertThat(s.metrics().winRate()).isNotNull());
        assertThat(BattleTradingGroup.rows("SELECT valued_step, tracker FROM battle_standing WHERE battle_id = ?",
                "battle-1")).allSatisfy(row -> {
            assertThat(row.get("valued_step")).as("every step folded in").isEqualTo(60L);
            assertThat((String) row.get("tracker")).as("decimals as strings").contains("\"sum\":\"");
        });

        fixture.assertReplayReproducesEveryRow();
        assertThat(kept("battle-1")).as("after a rebuild").isEqualTo(end);
    }

    @Test
    void aStepLoggedAgainIsNotCountedTwiceAsTheSnapshotTableKeepsItOnce() {
        var step = historical.stepped(1, 60, "16500", valued("agent-1", "10250.123456789", 1));
        var buy = historical.filled("agent-1", fill("b-1", OrderSide.BUY, OrderType.MARKET, "0.1", "16400", null,
                stepTime(1)), 1);
        var sell = historical.filled("agent-1", fill("s-1", OrderSide.SELL, OrderType.MARKET, "0.1", "16500", "12.5",
                stepTime(1)), 1);
        fixture.given(historical.started(60, "agent-1"), step, buy, sell, historical.stepped(2, 60, "16400",
                valued("agent-1", "10100", 1)), step);

        List<Standing> standings = kept("battle-1");
        assertThat(standings).isEqualTo(folded("battle-1"));
        assertThat(standings.get(0).metrics().equity()).as("the latest step's equity").isEqualByComparingTo("10100");
        assertThat(standings.get(0).metrics().totalTrades()).isEqualTo(2);
    }

    @Test
    void anExistingWalletIsMeasuredFromItsValueAtCostAsTheFoldMeasuresIt() {
        fixture.given(existing.started(0, "agent-1", "agent-2"),
                existing.provisioned("agent-1", WalletHoldings.cashOnly(new BigDecimal("2000"))),
                existing.provisioned("agent-2", WalletHoldings.cashOnly(new BigDecimal("3000"))),
                existing.snapshot(1, "16500", valued("agent-1", "2100", 0), valued("agent-2", "2900", 0)),
                existing.snapshot(2, "16600", valued("agent-1", "2050.5", 0), valued("agent-2", "3100", 0)),
                existing.snapshot(3, "16700", valued("agent-1", "2200", 0), valued("agent-2", "3050", 0)));

        List<Standing> standings = kept("battle-2");
        assertThat(standings).isEqualTo(folded("battle-2"));
        assertThat(standings).extracting(s -> s.metrics().roiPct().toPlainString()).containsExactly("10.00000000",
                "1.66666667");
    }

    @Test
    void aStandingWithoutAKeptTrackerFallsBackToTheFold() {
        fixture.given(historical.started(60, "agent-1", "agent-2"),
                historical.stepped(1, 60, "16500", valued("agent-1", "10250", 0), valued("agent-2", "9900", 0)),
                historical.stepped(2, 60, "16600", valued("agent-1", "10300", 0), valued("agent-2", "9950", 0)));
        // a row projected before trackers were kept (V40): the snapshots are the only source
        ProjectionFixture.jdbc().sql("UPDATE battle_standing SET tracker = NULL, equity = NULL WHERE agent_id = 'agent-2'")
                .update();
        fixture.given(historical.stepped(3, 60, "16700", valued("agent-1", "10350", 0), valued("agent-2", "10000", 0)));

        List<Standing> standings = kept("battle-1");
        assertThat(standings).isEqualTo(folded("battle-1"));
        assertThat(standings).extracting(s -> s.metrics().equity().toPlainString())
                .containsExactly("10350.00000000", "10000.00000000");
    }

    @Test
    void aTrackerComesBackFromItsJsonEqualToTheOneWritten() {
        PerformanceTracker tracker = new PerformanceTracker(new BigDecimal("10000.00000000"), Duration.ofMinutes(1));
        tracker.recordEquity(null, new BigDecimal("10000.00000001"));
        tracker.recordEquity(null, new BigDecimal("9000.12345678"));
        tracker.recordFill();
        tracker.recordRealizedSell(new BigDecimal("-3.5"));

        PerformanceTracker restored = BattleJson.tracker(BattleJson.tracker(tracker));

        assertThat(restored).isEqualTo(tracker);
        assertThat(restored.metrics(new BigDecimal("9000.12345678"), 3))
                .isEqualTo(tracker.metrics(new BigDecimal("9000.12345678"), 3));
    }

    /** One step: the three agents valued at amounts of more than eight decimals, and some fills. */
    private List<Object> trading(Random random, int step) {
        List<Object> events = new ArrayList<>();
        List<Valuation> valuations = new ArrayList<>();
        for (String agent : AGENTS) {
            boolean sells = random.nextInt(4) == 0;
            if (sells || random.nextInt(5) == 0) {
                // the wallet projection sells only what was bought
                events.add(historical.filled(agent, fill(agent + "-b" + step, OrderSide.BUY, OrderType.MARKET, "0.01",
                        "16500", null, stepTime(step)), step));
            }
            if (sells) {
                String pnl = new BigDecimal(random.nextInt(2001) - 1000).movePointLeft(random.nextInt(10)).toPlainString();
                events.add(historical.filled(agent, fill(agent + "-s" + step, OrderSide.SELL, OrderType.MARKET, "0.01",
                        "16500", pnl, stepTime(step)), step));
            }
            BigDecimal equity = STARTING_BALANCE.add(new BigDecimal(random.nextInt(2_000_000_001) - 1_000_000_000L)
                    .movePointLeft(6 + random.nextInt(5)));
            valuations.add(new Valuation(agent, equity, equity, step));
        }
        events.add(historical.stepped(step, 60, "16500", valuations.toArray(Valuation[]::new)));
        return events;
    }

    private List<Standing> kept(String battleId) {
        return standings(battleId, Long.MAX_VALUE).ranked();
    }

    private List<Standing> folded(String battleId) {
        BattleFacts battle = battleId.equals("battle-1") ? historical : existing;
        return readModel.foldedStandings(battleId, RankingMetric.ROI_PCT, false, spacing(battle), roster(battleId),
                STARTING_BALANCE, Long.MAX_VALUE, Long.MAX_VALUE).ranked();
    }

    private BattleStandings standings(String battleId, long before) {
        BattleFacts battle = battleId.equals("battle-1") ? historical : existing;
        return readModel.standings(battleId, RankingMetric.ROI_PCT, false, spacing(battle), roster(battleId),
                STARTING_BALANCE, before, before);
    }

    private static Duration spacing(BattleFacts battle) {
        return battle.isHistorical() ? Duration.ofMinutes(1) : BattleFacts.SNAPSHOT_INTERVAL;
    }

    private static List<String> roster(String battleId) {
        return BattleTradingGroup.rows("SELECT agent_id FROM battle_standing WHERE battle_id = ? ORDER BY join_order",
                battleId).stream().map(r -> (String) r.get("agent_id")).toList();
    }
}
