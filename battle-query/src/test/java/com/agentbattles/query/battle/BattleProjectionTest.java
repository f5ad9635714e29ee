package com.agentbattles.query.battle;

import com.agentbattles.domain.battle.LiveBattleEvents.ParticipantNotProvisioned;
import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.domain.battle.BattleConfig;
import com.agentbattles.domain.battle.BattleEvents.BattleConfigUpdated;
import com.agentbattles.domain.battle.BattleEvents.BattleDeleted;
import com.agentbattles.domain.battle.BattleEvents.BattleHidden;
import com.agentbattles.domain.battle.BattleEvents.ParticipantPaused;
import com.agentbattles.domain.battle.BattleEvents.ParticipantRemoved;
import com.agentbattles.domain.battle.BattleEvents.ParticipantResumed;
import com.agentbattles.domain.battle.BattleMode;
import com.agentbattles.domain.battle.BattleQueries.BattleDetail;
import com.agentbattles.domain.battle.BattleQueries.BattleSummary;
import com.agentbattles.domain.battle.BattleQueries.FindBattle;
import com.agentbattles.domain.battle.BattleQueries.ListBattles;
import com.agentbattles.domain.battle.BattleQueries.ParticipantView;
import com.agentbattles.domain.battle.BattleStatus;
import com.agentbattles.domain.battle.ParticipantStatus;
import com.agentbattles.domain.battle.WalletMode;
import com.agentbattles.query.support.BattleFacts;
import com.agentbattles.query.support.ProjectionFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.agentbattles.query.support.BattleFacts.CREATED_AT;
import static com.agentbattles.query.support.BattleFacts.STARTED_AT;
import static com.agentbattles.query.support.BattleFacts.ranking;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class BattleProjectionTest {

    private final BattleFacts duel = BattleFacts.historical("battle-1", "acc-1");
    private final BattleFacts live = BattleFacts.live("battle-2", "acc-1", WalletMode.FRESH);
    private final BattleFacts theirs = BattleFacts.historical("battle-3", "acc-2");

    private final ProjectionFixture fixture = ProjectionFixture.of(new BattleProjection(ProjectionFixture.jdbc()));
    private final BattleQueryHandler battles = new BattleQueryHandler(ProjectionFixture.jdbc());
    private final LiveBattleDirectory directory = new LiveBattleDirectory(ProjectionFixture.jdbc());

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aCreatedBattleIsADraftListedNewestFirstForItsOwnerOnly() {
        fixture.given(duel.created("Duel"), theirs.created("Theirs"), live.created("Live one"));

        BattleDetail detail = find(duel);
        assertThat(detail.name()).isEqualTo("Duel");
        assertThat(detail.status()).isEqualTo(BattleStatus.DRAFT);
        assertThat(detail.config()).isEqualTo(duel.config());
        assertThat(detail.participants()).isEmpty();
        assertThat(detail.createdAt()).isEqualTo(CREATED_AT);
        assertThat(battles.handle(new ListBattles("acc-1", null, null, 10, 0)).battles())
                .extracting(BattleSummary::battleId).containsExactly("battle-2", "battle-1");
        assertThat(battles.handle(new ListBattles("acc-1", null, BattleMode.LIVE, 10, 0)).total()).isEqualTo(1);
        assertThat(battles.handle(new FindBattle("acc-1", "battle-3"))).isEmpty();
    }

    @Test
    void theRosterFollowsJoinsAndRemovalsWithTheBattlesStatus() {
        fixture.given(duel.created("Duel"),
                duel.joined("agent-1", "Momentum", BattleStatus.DRAFT, 1),
                duel.joined("agent-2", "Grid", BattleStatus.PENDING, 2),
                duel.joined("agent-3", "Scalper", BattleStatus.PENDING, 3),
                new ParticipantRemoved("battle-1", "acc-1", "agent-2", BattleStatus.PENDING, CREATED_AT.plusSeconds(240)));

        BattleDetail detail = find(duel);
        assertThat(detail.status()).isEqualTo(BattleStatus.PENDING);
        assertThat(detail.participants()).extracting(ParticipantView::agentId).containsExactly("agent-1", "agent-3");
        assertThat(detail.participants().get(0)).isEqualTo(
                new ParticipantView("agent-1", "Momentum", ParticipantStatus.ACTIVE, CREATED_AT.plusSeconds(60)));
        assertThat(detail.updatedAt()).isEqualTo(CREATED_AT.plusSeconds(240));
        assertThat(summary(duel).participantCount()).isEqualTo(2);
    }

    @Test
    void aConfigUpdateReplacesNameAndConfig() {
        BattleConfig changed = duel.config().withPairs(List.of("ETHUSDT"));
        fixture.given(duel.created("Duel"),
                new BattleConfigUpdated("battle-1", "acc-1", "Rematch", changed, CREATED_AT.plusSeconds(30)));

        assertThat(find(duel).name()).isEqualTo("Rematch");
        assertThat(find(duel).config()).isEqualTo(changed);
    }

    @Test
    void aStartedBattleIsActiveWithItsLockedConfigAndParticipantsPauseAndResume() {
        fixture.given(duel.created("Duel"), duel.joined("agent-1", "Momentum", BattleStatus.DRAFT, 1),
                duel.joined("agent-2", "Grid", BattleStatus.PENDING, 2), duel.started(60, "agent-1", "agent-2"),
                new ParticipantPaused("battle-1", "acc-1", "agent-1", BattleStatus.ACTIVE, STARTED_AT.plusSeconds(10)));

        BattleDetail detail = find(duel);
        assertThat(detail.status()).isEqualTo(BattleStatus.ACTIVE);
        assertThat(detail.startedAt()).isEqualTo(STARTED_AT);
        assertThat(detail.participants()).extracting(ParticipantView::status)
                .containsExactly(ParticipantStatus.PAUSED, ParticipantStatus.ACTIVE);

        fixture.given(new ParticipantResumed("battle-1", "acc-1", "agent-1", BattleStatus.ACTIVE, STARTED_AT.plusSeconds(20)),
                duel.eliminated("agent-2", "4999", 7, BattleFacts.stepTime(7)));
        assertThat(find(duel).participants()).extracting(ParticipantView::status)
                .containsExactly(ParticipantStatus.ACTIVE, ParticipantStatus.ELIMINATED);
        assertThat(find(duel).updatedAt()).isEqualTo(STARTED_AT.plusSeconds(20));
    }

    @Test
    void aParticipantWhoseWalletWasRefusedStaysInTheRosterAsNotProvisioned() {
        fixture.given(duel.created("Duel"), duel.joined("agent-1", "Momentum", BattleStatus.DRAFT, 1),
                duel.joined("agent-2", "Grid", BattleStatus.PENDING, 2), duel.started(60, "agent-1", "agent-2"),
                new ParticipantNotProvisioned("battle-1", "acc-1", "agent-2", ErrorCode.WALLET_IN_BATTLE,
                        "the wallet of agent agent-2 is already in battle other", STARTED_AT));

        assertThat(find(duel).participants()).extracting(ParticipantView::agentId, ParticipantView::status)
                .containsExactly(tuple("agent-1", ParticipantStatus.ACTIVE), tuple("agent-2", ParticipantStatus.NOT_PROVISIONED));
    }

    @Test
    void aStoppedBattleIsCompletedWithItsWinnerAndRankings() {
        var rankings = List.of(ranking(1, "agent-2", "10500", "5"), ranking(2, "agent-1", "9800", "-2"));
        fixture.given(duel.created("Duel"), duel.joined("agent-1", "Momentum", BattleStatus.DRAFT, 1),
                duel.joined("agent-2", "Grid", BattleStatus.PENDING, 2), duel.started(60, "agent-1", "agent-2"),
                duel.stopped(BattleStatus.ACTIVE, List.of("agent-1", "agent-2"), rankings.toArray(new com.agentbattles.domain.battle.FinalRanking[0])));

        BattleDetail detail = find(duel);
        assertThat(detail.status()).isEqualTo(BattleStatus.COMPLETED);
        assertThat(detail.winnerAgentId()).isEqualTo("agent-2");
        assertThat(detail.finalRankings()).isEqualTo(rankings);
        assertThat(detail.rankingsDigest()).isEqualTo(com.agentbattles.domain.battle.FinalRanking.digest(rankings));
        assertThat(detail.completedAt()).isEqualTo(STARTED_AT.plusSeconds(3600));
    }

    @Test
    void cancelledHiddenAndDeletedBattles() {
        fixture.given(duel.created("Duel"), live.created("Live"), theirs.created("Theirs"),
                duel.cancelled(BattleStatus.DRAFT, List.of()),
                new BattleHidden("battle-1", "acc-1", BattleStatus.CANCELLED, CREATED_AT.plusSeconds(900)),
                live.joined("agent-1", "Momentum", BattleStatus.DRAFT, 1),
                new BattleDeleted("battle-2", "acc-1", BattleStatus.DRAFT, CREATED_AT.plusSeconds(960)));

        BattleDetail cancelled = find(duel);
        assertThat(cancelled.status()).isEqualTo(BattleStatus.CANCELLED);
        assertThat(cancelled.cancelledAt()).isEqualTo(STARTED_AT.plusSeconds(120));
        assertThat(cancelled.hidden()).as("a hidden battle keeps its detail").isTrue();
        assertThat(battles.handle(new ListBattles("acc-1", null, null, 10, 0)).battles()).isEmpty();
        assertThat(battles.handle(new FindBattle("acc-1", "battle-2"))).isEmpty();
        assertThat(fixture.count("battle_participant_view")).as("the deleted battle's roster").isZero();
    }

    @Test
    void runningLiveBattlesAreFoundWithTheirDeadline() {
        fixture.given(live.created("Live"), live.joined("agent-1", "Momentum", BattleStatus.DRAFT, 1),
                live.joined("agent-2", "Grid", BattleStatus.PENDING, 2), live.started(0, "agent-1", "agent-2"),
                duel.created("Duel"), duel.joined("agent-1", "Momentum", BattleStatus.DRAFT, 1),
                duel.started(60, "agent-1"));

        assertThat(directory.running()).containsExactly(new LiveBattleDirectory.RunningLiveBattle("battle-2", STARTED_AT,
                STARTED_AT.plusSeconds(3600), List.of(BattleFacts.SYMBOL)));
        assertThat(directory.liveBattlesOf(List.of("agent-1", "agent-9"), "battle-other"))
                .isEqualTo(java.util.Map.of("agent-1", "battle-2"));
        assertThat(directory.liveBattlesOf(List.of("agent-1"), "battle-2")).isEmpty();
    }

    @Test
    void anAgentsLiveOrdersGoToTheBattleHoldingItsWalletElseToARunningLiveBattleItIsIn() {
        fixture.given(live.created("Live"), live.joined("agent-1", "Momentum", BattleStatus.DRAFT, 1),
                live.started(0, "agent-1"), duel.created("Duel"), duel.joined("agent-2", "Grid", BattleStatus.DRAFT, 1),
                duel.started(60, "agent-2"));
        ProjectionFixture.jdbc().sql("INSERT INTO agent_wallet (agent_id, account_id, holdings, battle_id) "
                + "VALUES ('agent-3', 'acc-3', '{}', 'battle-7'), ('agent-4', 'acc-4', '{}', NULL)").update();

        assertThat(directory.battleTrading("agent-1")).as("custody on its way: the running live battle").contains("battle-2");
        assertThat(directory.battleTrading("agent-2")).as("a historical battle takes no live orders").isEmpty();
        assertThat(directory.battleTrading("agent-3")).as("the battle holding the wallet").contains("battle-7");
        assertThat(directory.battleTrading("agent-4")).as("its own wallet").isEmpty();

        fixture.given(live.stopped(BattleStatus.ACTIVE, List.of("agent-1"), ranking(1, "agent-1", "10000", "0")));
        assertThat(directory.battleTrading("agent-1")).as("the battle ended").isEmpty();
    }

    @Test
    void theResetHandlerEmptiesBothTablesAndAReplayGivesTheSameRows() {
        fixture.given(duel.created("Duel"), duel.joined("agent-1", "Momentum", BattleStatus.DRAFT, 1),
                duel.joined("agent-2", "Grid", BattleStatus.PENDING, 2), duel.started(60, "agent-1", "agent-2"),
                duel.stopped(BattleStatus.ACTIVE, List.of("agent-1", "agent-2"), ranking(1, "agent-1", "10100", "1")),
                live.created("Live"), live.joined("agent-3", "Scalper", BattleStatus.DRAFT, 3));

        fixture.reset();
        assertThat(fixture.count("battle_view")).isZero();
        assertThat(fixture.count("battle_participant_view")).isZero();

        fixture.replay();
        fixture.assertReplayReproducesEveryRow();
        assertThat(find(duel).participants()).hasSize(2);
    }

    private BattleDetail find(BattleFacts battle) {
        return battles.handle(new FindBattle(battle.accountId(), battle.battleId())).orElseThrow();
    }

    private BattleSummary summary(BattleFacts battle) {
        return battles.handle(new ListBattles(battle.accountId(), null, null, 100, 0)).battles().stream()
                .filter(s -> s.battleId().equals(battle.battleId())).findFirst().orElseThrow();
    }
}
