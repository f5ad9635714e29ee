package com.agentbattles.api.ws;

/** Whether an account may follow a battle: only its owner may. */
public interface BattleAccess {

    boolean isOwner(String accountId, String battleId);
}
