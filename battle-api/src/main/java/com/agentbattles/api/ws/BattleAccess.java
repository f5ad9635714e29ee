package com.agentbattles.api.ws;

/** Whether an account may follow a battle: only its owner may. */
public interface BattleAccess {

    boolean isOwner(String accountId, String battleId);

    /** Whether the agent takes part in the battle (an agent's key follows only its own battles). */
    boolean takesPart(String accountId, String agentId, String battleId);
}
