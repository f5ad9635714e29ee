package com.agentbattles.command.battle;

import com.agentbattles.domain.battle.BattleCommands.Entrant;
import com.agentbattles.domain.battle.BattleConfig;
import com.agentbattles.domain.battle.BattleConfigChanges;
import com.agentbattles.domain.battle.BattleConfigResolver;
import com.agentbattles.domain.battle.BattleEvents.BattleCreated;
import com.agentbattles.domain.battle.BattleEvents.BattleStarted;
import com.agentbattles.domain.battle.BattleEvents.ParticipantAdded;
import com.agentbattles.domain.battle.BattleEvents.ParticipantPaused;
import com.agentbattles.domain.battle.BattleEvents.BattleStopped;
import com.agentbattles.domain.battle.BattleEvents.BattleCancelled;
import com.agentbattles.domain.battle.BattleStatus;
import com.agentbattles.domain.battle.FinalRanking;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Events and values the battle tests share: one owner, two agents, fixed times. */
final class BattleFixtures {

    static final String BATTLE = "battle-1";
    static final String OWNER = "account-1";
    static final String STRANGER = "account-2";
    static final String AGENT_A = "agent-a";
    static final String AGENT_B = "agent-b";
    static final String AGENT_C = "agent-c";
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final Instant T1 = T0.plusSeconds(60);
    static final Instant T2 = T0.plusSeconds(120);

    static final BattleConfig QUICK = BattleConfigResolver.forNewBattle("quick_1h", null, T0);
    static final java.time.Duration FIVE_SECONDS = java.time.Duration.ofSeconds(5);
    static final BattleConfig HISTORICAL_DAY = BattleConfigResolver.forNewBattle("historical_day", null, T0);

    private BattleFixtures() {
    }

    static Entrant entrant(String agentId) {
        return new Entrant(agentId, OWNER, "Agent " + agentId);
    }

    static BattleConfigChanges changes() {
        return BattleConfigChanges.none();
    }

    static BattleCreated created(BattleConfig config) {
        return new BattleCreated(BATTLE, OWNER, "Sprint", config, null, T0);
    }

    static BattleCreated created() {
        return created(QUICK);
    }

    static ParticipantAdded added(String agentId) {
        return new ParticipantAdded(BATTLE, OWNER, agentId, "Agent " + agentId, BattleStatus.PENDING, T0);
    }

    /** A live battle with agents A and B that has started. */
    static Object[] activeBattle() {
        return new Object[]{created(), added(AGENT_A), added(AGENT_B),
                new BattleStarted(BATTLE, OWNER, QUICK, List.of(AGENT_A, AGENT_B), null, Map.of(), FIVE_SECONDS, T1)};
    }

    static Object[] pausedBattle() {
        return append(activeBattle(), new ParticipantPaused(BATTLE, OWNER, AGENT_A, BattleStatus.PAUSED, T1));
    }

    static Object[] completedBattle() {
        return append(activeBattle(), new BattleStopped(BATTLE, OWNER, BattleStatus.ACTIVE, List.of(AGENT_A, AGENT_B),
                List.of(), FinalRanking.digest(List.of()), T2));
    }

    static Object[] cancelledBattle() {
        return append(activeBattle(), new BattleCancelled(BATTLE, OWNER, BattleStatus.ACTIVE,
                List.of(AGENT_A, AGENT_B), T2));
    }

    static Object[] append(Object[] events, Object... more) {
        Object[] all = new Object[events.length + more.length];
        System.arraycopy(events, 0, all, 0, events.length);
        System.arraycopy(more, 0, all, events.length, more.length);
        return all;
    }
}
