package com.agentbattles.api.battle;

import com.agentbattles.api.security.Caller;
import com.agentbattles.api.support.ReadModelBarrier;
import com.agentbattles.domain.battle.BattleErrors;
import com.agentbattles.domain.battle.BattleQueries.BattleDetail;
import com.agentbattles.domain.battle.BattleQueries.FindBattle;
import com.agentbattles.domain.battle.BattleQueries.ParticipantView;
import com.agentbattles.domain.common.Decimals;
import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.query.battle.BattleProjection;
import com.agentbattles.query.battle.BattleTradingProjection;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which participant a request about a battle acts for, by the rule battle orders follow (spec
 * point 9): an agent's {@code X-API-Key} decides the agent, the owner's JWT names it with
 * {@code agent_id}. An agent sees only the battles it takes part in: a battle of another
 * account, or one the agent is not in, is {@code BATTLE_NOT_FOUND} (404), as others' resources are.
 */
@Component
public class BattleParticipants {

    /** The read models every participant's answer comes from. */
    static final List<String> PROJECTIONS = List.of(BattleProjection.NAME, BattleTradingProjection.NAME);

    /** A participant of a battle as the read model has it now. */
    public record Participant(BattleDetail battle, ParticipantView view) {
        public String battleId() {
            return battle.battleId();
        }

        public String agentId() {
            return view.agentId();
        }
    }

    private final QueryGateway queries;
    private final ReadModelBarrier barrier;

    public BattleParticipants(QueryGateway queries, ReadModelBarrier barrier) {
        this.queries = queries;
        this.barrier = barrier;
    }

    /**
     * The participant, once both read models have every event of the battle recorded so far: a
     * step, an order or a cancel the caller just made is in the answer (read-your-writes).
     */
    public Participant resolve(Caller caller, String battleId, String requestedAgentId) {
        String agentId = actingAgent(caller, requestedAgentId);
        barrier.awaitAggregates(PROJECTIONS, battleId);
        return find(caller.accountId(), battleId, agentId).orElseThrow(() -> BattleErrors.notFound(battleId));
    }

    /**
     * The participant once both read models have caught up with the battle: a waiter woken by one
     * group's commit (the battle's end) must not read the other group before it has the last step.
     */
    public Optional<Participant> findCaughtUp(String accountId, String battleId, String agentId) {
        barrier.awaitAggregates(PROJECTIONS, battleId);
        return find(accountId, battleId, agentId);
    }

    /** The participant as the read models have it at this moment, without waiting; empty when gone. */
    public Optional<Participant> find(String accountId, String battleId, String agentId) {
        return queries.query(new FindBattle(accountId, battleId), ResponseTypes.optionalInstanceOf(BattleDetail.class))
                .join()
                .flatMap(battle -> battle.participants().stream().filter(p -> p.agentId().equals(agentId)).findFirst()
                        .map(view -> new Participant(battle, view)));
    }

    /** Spec point 9: an agent key decides the agent (naming another is 403); the owner names it. */
    public static String actingAgent(Caller caller, String requestedAgentId) {
        if (caller.method() == Caller.Method.API_KEY) {
            if (requestedAgentId != null && !requestedAgentId.isBlank() && !requestedAgentId.strip().equals(caller.agentId())) {
                throw new DomainException(ErrorCode.PERMISSION_DENIED,
                        "an agent key trades only for its own agent", Map.of("agent_id", requestedAgentId));
            }
            return caller.agentId();
        }
        if (requestedAgentId == null || requestedAgentId.isBlank()) {
            throw Decimals.invalid("agent_id", "is required with the owner's token");
        }
        return requestedAgentId.strip();
    }
}
