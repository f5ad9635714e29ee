package com.agentbattles.api.ws;

import com.agentbattles.domain.battle.BattleQueries.BattleDetail;
import com.agentbattles.domain.battle.BattleQueries.FindBattle;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/** A battle may be followed by the account that owns it, as the battle read model knows. */
@Component
class BattleAccessByReadModel implements BattleAccess {

    private final QueryGateway queries;

    BattleAccessByReadModel(QueryGateway queries) {
        this.queries = queries;
    }

    @Override
    public boolean isOwner(String accountId, String battleId) {
        return queries.query(new FindBattle(accountId, battleId), ResponseTypes.optionalInstanceOf(BattleDetail.class))
                .join()
                .isPresent();
    }

    @Override
    public boolean takesPart(String accountId, String agentId, String battleId) {
        return queries.query(new FindBattle(accountId, battleId), ResponseTypes.optionalInstanceOf(BattleDetail.class))
                .join()
                .map(battle -> battle.participants().stream().anyMatch(p -> p.agentId().equals(agentId)))
                .orElse(false);
    }
}
