package com.agentbattles.domain.battle;

import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;

import java.util.Map;

/** The refusals every battle reader and writer shares, worded once. */
public final class BattleErrors {

    private BattleErrors() {
    }

    /** Unknown, deleted, or another account's: a client cannot tell which. */
    public static DomainException notFound(String battleId) {
        return new DomainException(ErrorCode.BATTLE_NOT_FOUND, "battle " + battleId + " not found",
                Map.of("battle_id", battleId));
    }
}
