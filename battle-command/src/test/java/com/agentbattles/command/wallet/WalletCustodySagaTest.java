package com.agentbattles.command.wallet;

import com.agentbattles.domain.battle.LiveBattleCommands.RecordWalletRefused;
import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.domain.agent.WalletCommands.HandOverWallet;
import com.agentbattles.domain.agent.WalletCommands.ReturnWallet;
import com.agentbattles.domain.agent.WalletEvents.WalletHandedOver;
import com.agentbattles.domain.agent.WalletEvents.WalletReturned;
import com.agentbattles.domain.battle.BattleConfig;
import com.agentbattles.domain.battle.BattleConfigChanges;
import com.agentbattles.domain.battle.BattleConfigResolver;
import com.agentbattles.domain.battle.BattleEvents.BattleCancelled;
import com.agentbattles.domain.battle.BattleEvents.BattleStarted;
import com.agentbattles.domain.battle.BattleEvents.BattleStopped;
import com.agentbattles.domain.battle.BattleStatus;
import com.agentbattles.domain.battle.FinalRanking;
import com.agentbattles.domain.battle.HistoricalStart;
import com.agentbattles.domain.battle.LiveBattleCommands.ProvisionParticipantWallet;
import com.agentbattles.domain.battle.LiveBattleEvents.ParticipantWalletClosed;
import com.agentbattles.domain.battle.WalletMode;
import com.agentbattles.domain.market.CandleInterval;
import com.agentbattles.domain.trading.OrderSide;
import com.agentbattles.domain.trading.OrderType;
import com.agentbattles.domain.trading.RestingOrder;
import com.agentbattles.domain.trading.WalletHoldings;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The custody of wallets in live battles, event by event: hand-over at the start, a battle wallet
 * for each agent by wallet mode, and the way back at stop or cancel, exactly what was set aside
 * (fresh) or what the battle left (existing).
 */
class WalletCustodySagaTest {

    private static final String BATTLE = "battle-1";
    private static final String OWNER = "account-1";
    private static final String A = "agent-a";
    private static final String B = "agent-b";
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private static final Instant T2 = T0.plusSeconds(3600);

    /** What agent A held before the battle: some USDT, a BTC position and a resting sell. */
    private static final WalletHoldings A_BEFORE = new WalletHoldings(new BigDecimal("10000"),
            new BigDecimal("2500.12345678"), BigDecimal.ZERO,
            List.of(new WalletHoldings.Holding("BTCUSDT", new BigDecimal("0.1"), new BigDecimal("0.05"),
                    new BigDecimal("42000"), new BigDecimal("4.2"), T0)),
            List.of(new RestingOrder("o-1", "BTCUSDT", OrderSide.SELL, OrderType.LIMIT, new BigDecimal("0.05"),
                    new BigDecimal("50000"), null, new BigDecimal("0.05"), T0)),
            new BigDecimal("-12.5"), new BigDecimal("8.4"));
    private static final WalletHoldings B_BEFORE = WalletHoldings.cashOnly(new BigDecimal("777"));

    private SagaTestFixture<WalletCustodySaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(WalletCustodySaga.class);
        fixture.registerCommandGateway(CommandGateway.class);
    }

    private static BattleConfig live(WalletMode mode) {
        BattleConfig quick = BattleConfigResolver.forNewBattle("quick_1h", BattleConfigChanges.none(), T0);
        return new BattleConfig(quick.preset(), quick.battleMode(), quick.rankingMetric(), new BigDecimal("5000"),
                quick.durationMinutes(), mode, quick.candleInterval(), quick.pairs(), null, null, null, quick.fees());
    }

    private static BattleStarted started(WalletMode mode) {
        return new BattleStarted(BATTLE, OWNER, live(mode), List.of(A, B), null, Map.of(), Duration.ofSeconds(5), T1);
    }

    private static BattleStopped stopped() {
        return new BattleStopped(BATTLE, OWNER, BattleStatus.ACTIVE, List.of(A, B), List.of(),
                FinalRanking.digest(List.of()), T2);
    }

    @Test
    void aLiveBattleStartTakesCustodyOfEveryParticipantsWallet() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(started(WalletMode.FRESH))
                .expectActiveSagas(1)
                .expectDispatchedCommands(new HandOverWallet(A, OWNER, BATTLE, WalletMode.FRESH, T1),
                        new HandOverWallet(B, OWNER, BATTLE, WalletMode.FRESH, T1));
    }

    /** The wallet is in another battle already (the start's read-model check raced): the battle is told. */
    @Test
    void aRefusedHandOverIsRecordedInTheBattleInsteadOfLeavingAGhostParticipant() {
        String refusal = "the wallet of agent " + B + " is already in battle other";
        fixture.setCallbackBehavior((payload, metaData) -> {
            if (payload instanceof HandOverWallet handOver && handOver.agentId().equals(B)) {
                throw new DomainException(ErrorCode.WALLET_IN_BATTLE, refusal, Map.of("battle_id", "other"));
            }
            return null;
        });
        fixture.givenNoPriorActivity()
                .whenPublishingA(started(WalletMode.FRESH))
                .expectDispatchedCommands(new HandOverWallet(A, OWNER, BATTLE, WalletMode.FRESH, T1),
                        new HandOverWallet(B, OWNER, BATTLE, WalletMode.FRESH, T1),
                        new RecordWalletRefused(BATTLE, B, ErrorCode.WALLET_IN_BATTLE, refusal, T1));
    }

    @Test
    void freshModeProvisionsTheStartingBalanceWhateverTheAgentHeld() {
        fixture.givenAPublished(started(WalletMode.FRESH))
                .whenPublishingA(new WalletHandedOver(A, OWNER, BATTLE, WalletMode.FRESH, A_BEFORE, T1))
                .expectDispatchedCommands(new ProvisionParticipantWallet(BATTLE, A,
                        WalletHoldings.cashOnly(new BigDecimal("5000")), T1));
    }

    @Test
    void existingModeHandsTheAgentsOwnHoldingsToTheBattle() {
        fixture.givenAPublished(started(WalletMode.EXISTING))
                .whenPublishingA(new WalletHandedOver(A, OWNER, BATTLE, WalletMode.EXISTING, A_BEFORE, T1))
                .expectDispatchedCommands(new ProvisionParticipantWallet(BATTLE, A, A_BEFORE, T1));
    }

    @Test
    void atTheStopEachWalletGoesBackWithWhatTheBattleLeftInIt() {
        WalletHoldings aAfter = WalletHoldings.cashOnly(new BigDecimal("5123.4"));
        fixture.givenAPublished(started(WalletMode.EXISTING))
                .andThenAPublished(new WalletHandedOver(A, OWNER, BATTLE, WalletMode.EXISTING, A_BEFORE, T1))
                .andThenAPublished(new WalletHandedOver(B, OWNER, BATTLE, WalletMode.EXISTING, B_BEFORE, T1))
                .andThenAPublished(new ParticipantWalletClosed(BATTLE, OWNER, A, aAfter, T2))
                .andThenAPublished(new ParticipantWalletClosed(BATTLE, OWNER, B, B_BEFORE, T2))
                .whenPublishingA(stopped())
                .expectDispatchedCommands(new ReturnWallet(A, OWNER, BATTLE, aAfter, T2),
                        new ReturnWallet(B, OWNER, BATTLE, B_BEFORE, T2))
                .expectActiveSagas(1);
    }

    @Test
    void aCancelledBattleReturnsTheWalletsToo() {
        fixture.givenAPublished(started(WalletMode.FRESH))
                .andThenAPublished(new WalletHandedOver(A, OWNER, BATTLE, WalletMode.FRESH, A_BEFORE, T1))
                .andThenAPublished(new ParticipantWalletClosed(BATTLE, OWNER, A,
                        WalletHoldings.cashOnly(new BigDecimal("4000")), T2))
                .whenPublishingA(new BattleCancelled(BATTLE, OWNER, BattleStatus.ACTIVE, List.of(A, B), T2))
                .expectDispatchedCommands(new ReturnWallet(A, OWNER, BATTLE,
                        WalletHoldings.cashOnly(new BigDecimal("4000")), T2));
    }

    @Test
    void theSagaEndsOnceEveryWalletIsBack() {
        fixture.givenAPublished(started(WalletMode.FRESH))
                .andThenAPublished(new WalletHandedOver(A, OWNER, BATTLE, WalletMode.FRESH, A_BEFORE, T1))
                .andThenAPublished(new WalletHandedOver(B, OWNER, BATTLE, WalletMode.FRESH, B_BEFORE, T1))
                .andThenAPublished(stopped())
                .andThenAPublished(new WalletReturned(A, OWNER, BATTLE, WalletMode.FRESH, A_BEFORE, T2))
                .whenPublishingA(new WalletReturned(B, OWNER, BATTLE, WalletMode.FRESH, B_BEFORE, T2))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
    }

    @Test
    void aWalletThatArrivesAfterTheEndGoesStraightBack() {
        fixture.givenAPublished(started(WalletMode.FRESH))
                .andThenAPublished(new BattleCancelled(BATTLE, OWNER, BattleStatus.ACTIVE, List.of(A, B), T2))
                .whenPublishingA(new WalletHandedOver(A, OWNER, BATTLE, WalletMode.FRESH, A_BEFORE, T1))
                .expectDispatchedCommands(new ReturnWallet(A, OWNER, BATTLE, null, T2))
                .expectActiveSagas(1);
    }

    @Test
    void historicalBattlesKeepTheirWalletsInsideAndNeedNoCustody() {
        BattleConfig day = BattleConfigResolver.forNewBattle("historical_day", BattleConfigChanges.none(), T0);
        HistoricalStart window = new HistoricalStart(T0, T0.plusSeconds(86_400), CandleInterval.ONE_MINUTE,
                List.of("BTCUSDT"), 1440, "f00d");
        fixture.givenNoPriorActivity()
                .whenPublishingA(new BattleStarted(BATTLE, OWNER, day, List.of(A, B), window, Map.of(), null, T1))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
    }
}
