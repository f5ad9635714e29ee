package com.agentbattles.command.agent;

import com.agentbattles.command.PublishedPayloads;
import com.agentbattles.domain.agent.AgentCommands.ResetAgent;
import com.agentbattles.domain.agent.AgentEvents.AgentCreated;
import com.agentbattles.domain.agent.AgentEvents.AgentEnteredBattle;
import com.agentbattles.domain.agent.RiskConfig;
import com.agentbattles.domain.agent.WalletCommands.CancelOpenWalletOrders;
import com.agentbattles.domain.agent.WalletCommands.ExecuteWalletOrders;
import com.agentbattles.domain.agent.WalletCommands.HandOverWallet;
import com.agentbattles.domain.agent.WalletCommands.PlaceWalletOrder;
import com.agentbattles.domain.agent.WalletCommands.ReturnWallet;
import com.agentbattles.domain.agent.WalletEvents.WalletDayMarked;
import com.agentbattles.domain.agent.WalletEvents.WalletHandedOver;
import com.agentbattles.domain.agent.WalletEvents.WalletOrderCancelled;
import com.agentbattles.domain.agent.WalletEvents.WalletOrderFilled;
import com.agentbattles.domain.agent.WalletEvents.WalletOrderPlaced;
import com.agentbattles.domain.agent.WalletEvents.WalletReturned;
import com.agentbattles.domain.battle.WalletMode;
import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.domain.trading.Fill;
import com.agentbattles.domain.trading.OrderRequest;
import com.agentbattles.domain.trading.OrderSide;
import com.agentbattles.domain.trading.OrderType;
import com.agentbattles.domain.trading.Quote;
import com.agentbattles.domain.trading.RestingOrder;
import com.agentbattles.domain.trading.WalletHoldings;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An agent's own wallet: orders at the prices the command brings, resting orders filled by price
 * updates, and custody by a live battle, which freezes the wallet here and gives it back exactly
 * (fresh) or as the battle left it (existing). Axon's state check stays on: the events alone
 * rebuild every wallet.
 */
class AgentWalletTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final String AGENT = "agent-1";
    private static final String OWNER = "account-1";
    private static final String BATTLE = "battle-1";
    private static final String BTC = "BTCUSDT";

    private FixtureConfiguration<Agent> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Agent.class);
    }

    private static AgentCreated created() {
        return new AgentCreated(AGENT, OWNER, "Momentum", null, new BigDecimal("10000.00000000"), RiskConfig.defaults(),
                "hash", "ak_live_abc", false, null, T0);
    }

    private static List<Quote> prices(String btc, Instant at) {
        return List.of(new Quote(BTC, new BigDecimal(btc), new BigDecimal("1000000"), at),
                new Quote("ETHUSDT", new BigDecimal("10"), new BigDecimal("1000000"), at));
    }

    private static OrderRequest marketBuy(String id, String quantity) {
        return new OrderRequest(id, BTC, OrderSide.BUY, OrderType.MARKET, new BigDecimal(quantity), null, null);
    }

    /** The events of the command but the day's mark (tested on its own below). */
    private List<Object> eventsOf(Object[] given, Object command) {
        return allEventsOf(given, command).stream().filter(e -> !(e instanceof WalletDayMarked)).toList();
    }

    private List<Object> allEventsOf(Object[] given, Object command) {
        PublishedPayloads captured = new PublishedPayloads();
        fixture.given(given).when(command).expectSuccessfulHandlerExecution().expectEventsMatching(captured);
        return captured.payloads();
    }

    private Fill boughtOneBtc() {
        List<Object> events = eventsOf(new Object[]{created()},
                new PlaceWalletOrder(AGENT, OWNER, marketBuy("buy-1", "1"), prices("100", T0), T0));
        return ((WalletOrderFilled) events.get(0)).fill();
    }

    @Test
    void aMarketBuyFillsAtTheGivenPriceWithSlippageAndFee() {
        Fill fill = boughtOneBtc();
        assertThat(fill.price()).isEqualByComparingTo("100.01");
        assertThat(fill.fee()).isEqualByComparingTo("0.10001");
        assertThat(fill.total()).isEqualByComparingTo("100.11001");
    }

    @Test
    void aSymbolWithoutAnOfferedPriceIsNotTradable() {
        OrderRequest doge = new OrderRequest("d-1", "DOGEUSDT", OrderSide.BUY, OrderType.MARKET, BigDecimal.TEN, null, null);
        fixture.given(created())
                .when(new PlaceWalletOrder(AGENT, OWNER, doge, prices("100", T0), T0))
                .expectResultMessagePayloadMatching(new BaseMatcher<>() {
                    @Override
                    public boolean matches(Object actual) {
                        return actual instanceof com.agentbattles.domain.battle.TradingOutcomes.OrderOutcome outcome
                                && outcome.rejection() == ErrorCode.INVALID_SYMBOL;
                    }

                    @Override
                    public void describeTo(Description description) {
                        description.appendText("rejected as INVALID_SYMBOL");
                    }
                });
    }

    @Test
    void aRestingLimitBuyFillsOnTheFirstPriceUpdateThatReachesIt() {
        OrderRequest bid = new OrderRequest("bid-1", BTC, OrderSide.BUY, OrderType.LIMIT, BigDecimal.ONE,
                new BigDecimal("90"), null);
        RestingOrder resting = ((WalletOrderPlaced) eventsOf(new Object[]{created()},
                new PlaceWalletOrder(AGENT, OWNER, bid, prices("100", T0), T0)).get(0)).order();
        List<Object> events = eventsOf(new Object[]{created(), new WalletOrderPlaced(AGENT, OWNER, resting)},
                new ExecuteWalletOrders(AGENT, List.of(new Quote(BTC, new BigDecimal("91"), null, T0.plusSeconds(1)),
                        new Quote(BTC, new BigDecimal("89"), null, T0.plusSeconds(2)))));
        assertThat(events).singleElement().isInstanceOfSatisfying(WalletOrderFilled.class, filled -> {
            assertThat(filled.fill().price()).isEqualByComparingTo("89");
            assertThat(filled.fill().executedAt()).isEqualTo(T0.plusSeconds(2));
        });
    }

    @Test
    void cancellingAllOpenOrdersAnswersHowMany() {
        RestingOrder bid = new RestingOrder("bid-1", BTC, OrderSide.BUY, OrderType.LIMIT, BigDecimal.ONE,
                new BigDecimal("90"), null, new BigDecimal("90.09000000"), T0);
        fixture.given(created(), new WalletOrderPlaced(AGENT, OWNER, bid))
                .when(new CancelOpenWalletOrders(AGENT, OWNER, T0.plusSeconds(5)))
                .expectEvents(new WalletOrderCancelled(AGENT, OWNER, "bid-1", "requested", T0.plusSeconds(5)))
                .expectResultMessagePayload(1);
    }

    @Test
    void aWalletInABattlesCustodyTakesNoOrderHere() {
        Fill fill = boughtOneBtc();
        List<Object> handed = eventsOf(new Object[]{created(), new WalletOrderFilled(AGENT, OWNER, fill)},
                new HandOverWallet(AGENT, OWNER, BATTLE, WalletMode.FRESH, T0.plusSeconds(10)));
        WalletHandedOver handOver = (WalletHandedOver) handed.get(0);
        assertThat(handOver.setAside().positions()).singleElement()
                .satisfies(held -> assertThat(held.quantity()).isEqualByComparingTo("1"));

        fixture.given(created(), new WalletOrderFilled(AGENT, OWNER, fill), handOver)
                .when(new PlaceWalletOrder(AGENT, OWNER, marketBuy("buy-2", "1"), prices("100", T0), T0))
                .expectException(DomainException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString(BATTLE))
                .expectNoEvents();
    }

    @Test
    void aFreshBattleGivesBackExactlyWhatWasSetAside() {
        Fill fill = boughtOneBtc();
        WalletHoldings setAside = ((WalletHandedOver) eventsOf(
                new Object[]{created(), new WalletOrderFilled(AGENT, OWNER, fill)},
                new HandOverWallet(AGENT, OWNER, BATTLE, WalletMode.FRESH, T0)).get(0)).setAside();
        WalletHandedOver handOver = new WalletHandedOver(AGENT, OWNER, BATTLE, WalletMode.FRESH, setAside, T0);
        // whatever the battle made of its own wallet, a fresh-mode agent gets its own back
        fixture.given(created(), new WalletOrderFilled(AGENT, OWNER, fill), handOver)
                .when(new ReturnWallet(AGENT, OWNER, BATTLE, WalletHoldings.cashOnly(new BigDecimal("1")), T0))
                .expectEvents(new WalletReturned(AGENT, OWNER, BATTLE, WalletMode.FRESH, setAside, T0));
    }

    @Test
    void anExistingModeBattleLeavesItsResultInTheWallet() {
        WalletHoldings after = new WalletHoldings(new BigDecimal("10000"), new BigDecimal("9000"), BigDecimal.ZERO,
                List.of(new WalletHoldings.Holding(BTC, new BigDecimal("2"), BigDecimal.ZERO, new BigDecimal("480"),
                        new BigDecimal("0.96"), T0)), List.of(), BigDecimal.ZERO, new BigDecimal("0.96"));
        WalletHandedOver handOver = new WalletHandedOver(AGENT, OWNER, BATTLE, WalletMode.EXISTING,
                WalletHoldings.cashOnly(new BigDecimal("10000")), T0);
        Object[] returned = {created(), handOver,
                new WalletReturned(AGENT, OWNER, BATTLE, WalletMode.EXISTING, after, T0)};
        fixture.given(created(), handOver)
                .when(new ReturnWallet(AGENT, OWNER, BATTLE, after, T0))
                .expectEvents(returned[2]);
        // and the agent trades it: selling the 2 BTC it came back with works
        OrderRequest sell = new OrderRequest("s-1", BTC, OrderSide.SELL, OrderType.MARKET, new BigDecimal("2"), null, null);
        List<Object> sold = eventsOf(returned, new PlaceWalletOrder(AGENT, OWNER, sell, prices("500", T0), T0));
        assertThat(sold).singleElement().isInstanceOfSatisfying(WalletOrderFilled.class,
                filled -> assertThat(filled.fill().realizedPnl()).isNotNull());
    }

    /** The battles' rule of the daily loss, fed by the day's first own order (docs/trading-rules.md). */
    @Test
    void theDaysFirstOrderMarksTheDayAtItsPricesAndLaterOrdersThatDayDoNot() {
        List<Object> first = allEventsOf(new Object[]{created()},
                new PlaceWalletOrder(AGENT, OWNER, marketBuy("buy-1", "1"), prices("100", T0), T0));
        assertThat(first.get(0)).isInstanceOfSatisfying(WalletDayMarked.class, mark -> {
            assertThat(mark.equity()).isEqualByComparingTo("10000");
            assertThat(mark.markedAt()).isEqualTo(T0);
            assertThat(mark.prices()).isEqualTo(prices("100", T0));
        });
        assertThat(first.get(1)).isInstanceOf(WalletOrderFilled.class);

        WalletDayMarked mark = (WalletDayMarked) first.get(0);
        Object[] sameDay = {created(), mark, first.get(1)};
        assertThat(allEventsOf(sameDay, new PlaceWalletOrder(AGENT, OWNER, marketBuy("buy-2", "1"),
                prices("100", T0.plusSeconds(3600)), T0.plusSeconds(3600))))
                .noneMatch(WalletDayMarked.class::isInstance);

        // the next UTC day is marked again, at the wallet's value then: 10000 − 100.11001 + 1 BTC at 90
        Instant nextDay = Instant.parse("2026-03-02T00:00:01Z");
        List<Object> tomorrow = allEventsOf(sameDay, new PlaceWalletOrder(AGENT, OWNER, marketBuy("buy-3", "1"),
                prices("90", nextDay), nextDay));
        assertThat(tomorrow.get(0)).isInstanceOfSatisfying(WalletDayMarked.class,
                next -> assertThat(next.equity()).isEqualByComparingTo("9989.88999"));
    }

    @Test
    void aBuyIsRefusedOnceTheDaysLossReachesTheLimitAndASellIsNot() {
        AgentCreated careful = new AgentCreated(AGENT, OWNER, "Careful", null, new BigDecimal("10000.00000000"),
                RiskConfig.validated(new RiskConfig(null, null, new BigDecimal("1"), null)),
                "hash", "ak_live_abc", false, null, T0);
        List<Object> bought = allEventsOf(new Object[]{careful},
                new PlaceWalletOrder(AGENT, OWNER, marketBuy("buy-1", "20"), prices("100", T0), T0));
        // marked at 10,000; 20 BTC bought at 100.02 (2002.4004 with the fee) fall to 90:
        // equity 7997.5996 + 1800 = 9797.5996, down 202.4004 ≥ 1 % of 10,000
        Object[] given = {careful, bought.get(0), bought.get(1)};
        Instant later = T0.plusSeconds(60);
        fixture.given(given)
                .when(new PlaceWalletOrder(AGENT, OWNER, marketBuy("buy-2", "1"), prices("90", later), later))
                .expectResultMessagePayloadMatching(new BaseMatcher<>() {
                    @Override
                    public boolean matches(Object actual) {
                        return actual instanceof com.agentbattles.domain.battle.TradingOutcomes.OrderOutcome outcome
                                && outcome.rejection() == ErrorCode.DAILY_LOSS_LIMIT;
                    }

                    @Override
                    public void describeTo(Description description) {
                        description.appendText("rejected as DAILY_LOSS_LIMIT");
                    }
                });
        OrderRequest sell = new OrderRequest("s-1", BTC, OrderSide.SELL, OrderType.MARKET, new BigDecimal("20"), null, null);
        assertThat(eventsOf(given, new PlaceWalletOrder(AGENT, OWNER, sell, prices("90", later), later)))
                .singleElement().isInstanceOf(WalletOrderFilled.class);
    }

    @Test
    void aSecondBattleCannotTakeAWalletAnotherHolds() {
        WalletHandedOver handOver = new WalletHandedOver(AGENT, OWNER, BATTLE, WalletMode.FRESH,
                WalletHoldings.cashOnly(new BigDecimal("10000")), T0);
        fixture.given(created(), handOver)
                .when(new HandOverWallet(AGENT, OWNER, "battle-2", WalletMode.FRESH, T0))
                .expectException(DomainException.class)
                .expectNoEvents();
        fixture.given(created(), handOver)
                .when(new HandOverWallet(AGENT, OWNER, BATTLE, WalletMode.FRESH, T0))
                .expectNoEvents(); // the same hand-over delivered again
    }

    @Test
    void anAgentInARunningBattleCannotBeReset() {
        fixture.given(created(), new AgentEnteredBattle(AGENT, OWNER, BATTLE, T0))
                .when(new ResetAgent(AGENT, OWNER, new BigDecimal("5000"), T0))
                .expectException(DomainException.class)
                .expectNoEvents();
    }
}
