package com.agentbattles.api.ws;

import com.agentbattles.domain.battle.BattleEvents.BattleCancelled;
import com.agentbattles.domain.battle.BattleEvents.BattleStarted;
import com.agentbattles.domain.battle.BattleEvents.BattleStopped;
import com.agentbattles.domain.battle.BattleEvents.ParticipantPaused;
import com.agentbattles.domain.battle.BattleEvents.ParticipantResumed;
import com.agentbattles.domain.battle.BattleStatus;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pushes {@code battle:status} on every transition. Its processor starts at the head of the log
 * and never replays: a rebuild or a new node must not re-send history to live clients.
 */
@Component
@ProcessingGroup(PushProcessors.WEBSOCKET_PUSH)
class BattleStatusPush {

    private final ObjectProvider<BattleFeed> feed;

    BattleStatusPush(ObjectProvider<BattleFeed> feed) {
        this.feed = feed;
    }

    @EventHandler
    @DisallowReplay
    void on(BattleStarted event) {
        push(event.battleId(), BattleStatus.ACTIVE, "started", null, event.startedAt());
    }

    @EventHandler
    @DisallowReplay
    void on(ParticipantPaused event) {
        push(event.battleId(), event.battleStatus(), "participant_paused", event.agentId(), event.pausedAt());
    }

    @EventHandler
    @DisallowReplay
    void on(ParticipantResumed event) {
        push(event.battleId(), event.battleStatus(), "participant_resumed", event.agentId(), event.resumedAt());
    }

    @EventHandler
    @DisallowReplay
    void on(BattleStopped event) {
        Map<String, Object> data = status(event.battleId(), BattleStatus.COMPLETED, "completed", null, event.stoppedAt());
        data.put("rankings_digest", event.rankingsDigest());
        data.put("winner_agent_id", event.rankings().isEmpty() ? null : event.rankings().get(0).agentId());
        send(event.battleId(), data);
    }

    @EventHandler
    @DisallowReplay
    void on(BattleCancelled event) {
        push(event.battleId(), BattleStatus.CANCELLED, "cancelled", null, event.cancelledAt());
    }

    private void push(String battleId, BattleStatus status, String change, String agentId, Instant at) {
        send(battleId, status(battleId, status, change, agentId, at));
    }

    private static Map<String, Object> status(String battleId, BattleStatus status, String change, String agentId, Instant at) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("battle_id", battleId);
        data.put("status", status.code());
        data.put("change", change);
        if (agentId != null) {
            data.put("agent_id", agentId);
        }
        data.put("timestamp", at.toString());
        return data;
    }

    private void send(String battleId, Map<String, Object> data) {
        BattleFeed target = feed.getIfAvailable();
        if (target != null) {
            target.publish(battleId, BattleFeed.STATUS, data);
        }
    }
}
