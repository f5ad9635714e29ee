package com.agentbattles.command.battle;

import com.agentbattles.command.battle.BattleTradingTest.InMemoryCandles;
import com.agentbattles.command.battle.core.BattleState;
import com.agentbattles.command.battle.core.EndGame;
import com.agentbattles.command.battle.core.Roster;
import com.agentbattles.domain.battle.BattleCommands.PauseParticipant;
import com.agentbattles.domain.battle.BattleEvents.BattleStopped;
import com.agentbattles.domain.battle.BattleStatus;
import com.agentbattles.domain.battle.BattleTradingEvents.BattleStepped;
import com.agentbattles.domain.battle.BattleTradingEvents.Valuation;
import com.agentbattles.domain.battle.FinalRanking;
import com.agentbattles.domain.battle.TradingOutcomes.OrderOutcome;
import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.domain.trading.OrderSide;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static com.agentbattles.command.battle.BattleFixtures.AGENT_A;
import static com.agentbattles.command.battle.BattleFixtures.AGENT_B;
import static com.agentbattles.command.battle.BattleFixtures.BATTLE;
import static com.agentbattles.command.battle.BattleFixtures.OWNER;
import static com.agentbattles.command.battle.BattleFixtures.T1;
import static com.agentbattles.command.battle.BattleTradingTest.BTC;
import static com.agentbattles.command.battle.BattleTradingTest.BTC_1;
import static com.agentbattles.command.battle.BattleTradingTest.BTC_2;
import static com.agentbattles.command.battle.BattleTradingTest.BTC_3;
import static com.agentbattles.command.battle.BattleTradingTest.ETH_1;
import static com.agentbattles.command.battle.BattleTradingTest.ETH_3;
import static com.agentbattles.command.battle.BattleTradingTest.market;
import static com.agentbattles.command.battle.BattleTradingTest.started;
import static org.assertj.core.api.Assertions.assertThat;

/** The battle's rules with plain JUnit: no Axon, no Spring, a recorder that folds and keeps. */
class BattleCoreTest {

    private final InMemoryCandles market = new InMemoryCandles(List.of(BTC_1, ETH_1, BTC_2, BTC_3, ETH_3));

    @Test
    void aBattlePlayedThroughTheRulesEndsWithRankingsItsOwnEventsReproduce() {
        PlayedBattle battle = new PlayedBattle(market, started());
        battle.step(1);
        battle.order(AGENT_A, market("buy-1", BTC, OrderSide.BUY, "10"));
        battle.step(2);

        BattleStopped stopped = (BattleStopped) battle.events().get(battle.events().size() - 1);
        BattleState replayed = new BattleState();
        battle.events().subList(0, battle.events().size() - 1).forEach(replayed::evolve);

        assertThat(battle.state.status()).isEqualTo(BattleStatus.COMPLETED);
        assertThat(stopped.rankings()).extracting(FinalRanking::agentId).containsExactly(AGENT_A, AGENT_B);
        assertThat(FinalRanking.digest(EndGame.rankings(replayed))).isEqualTo(stopped.rankingsDigest());
    }

    @Test
    void aPausedParticipantIsRefusedAndLeftOutOfTheStepsValuations() {
        PlayedBattle battle = new PlayedBattle(market, started());
        new Roster(battle.state, battle.state.folding()).pause(new PauseParticipant(BATTLE, OWNER, AGENT_B, T1));

        OrderOutcome refused = battle.order(AGENT_B, market("buy-1", BTC, OrderSide.BUY, "1"));
        battle.step(1);

        assertThat(refused.rejection()).isEqualTo(ErrorCode.PARTICIPANT_PAUSED);
        BattleStepped stepped = (BattleStepped) battle.events().get(battle.events().size() - 1);
        assertThat(stepped.valuations()).extracting(Valuation::agentId).containsExactly(AGENT_A);
    }

    @Test
    void theCoreDependsOnNoFramework() throws IOException {
        Path core = Path.of("src/main/java/com/agentbattles/command/battle/core");
        try (Stream<Path> sources = Files.list(core)) {
            List<String> frameworkImports = sources.flatMap(BattleCoreTest::lines)
                    .filter(line -> line.startsWith("import org.axonframework") || line.startsWith("import org.springframework"))
                    .toList();
            assertThat(frameworkImports).isEmpty();
        }
    }

    private static Stream<String> lines(Path source) {
        try {
            return Files.readAllLines(source).stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
