package com.agentbattles.command.battle;

import com.agentbattles.domain.agent.AgentCommands.EnterBattle;
import com.agentbattles.domain.agent.AgentCommands.LeaveBattle;
import com.agentbattles.domain.battle.BattleEvents.BattleCancelled;
import com.agentbattles.domain.battle.BattleEvents.BattleStarted;
import com.agentbattles.domain.battle.BattleEvents.BattleStopped;
import com.agentbattles.domain.error.DomainException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/**
 * Keeps agents and battles consistent: when a battle starts its participants enter it, when it
 * stops or is cancelled they leave it, and an agent that is in a running battle refuses to be
 * archived or deleted. Restart-safe: it runs on a tracking token stored in the same transaction
 * as the commands' events, and the Agent commands are idempotent, so a redelivered event changes
 * nothing. Never replayed: re-sending old commands on a projection reset would only be noise.
 */
@Component
@DisallowReplay
@ProcessingGroup(BattleEngagementProcess.NAME)
public class BattleEngagementProcess {

    public static final String NAME = "battle-agent-engagement";

    private static final Logger log = LoggerFactory.getLogger(BattleEngagementProcess.class);

    private final CommandGateway commands;

    public BattleEngagementProcess(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(BattleStarted event) {
        for (String agentId : event.agentIds()) {
            send(agentId, new EnterBattle(agentId, event.accountId(), event.battleId(), event.startedAt()));
        }
    }

    @EventHandler
    void on(BattleStopped event) {
        release(event.accountId(), event.battleId(), event.releasedAgentIds(), event.stoppedAt());
    }

    @EventHandler
    void on(BattleCancelled event) {
        release(event.accountId(), event.battleId(), event.releasedAgentIds(), event.cancelledAt());
    }

    private void release(String accountId, String battleId, List<String> agentIds, Instant at) {
        for (String agentId : agentIds) {
            send(agentId, new LeaveBattle(agentId, accountId, battleId, at));
        }
    }

    /**
     * A refusal by the agent (deleted meanwhile, another owner) is final and only logged; any
     * other failure propagates so that the processor retries the event (see
     * {@link BattleEngagementConfig}).
     */
    private void send(String agentId, Object command) {
        try {
            commands.sendAndWait(command);
        } catch (AggregateNotFoundException | DomainException e) {
            log.warn("Agent {} did not take {}: {}", agentId, command.getClass().getSimpleName(), e.getMessage());
        }
    }
}
