package com.agentbattles.api.battle;

import com.agentbattles.api.security.Caller;
import com.agentbattles.api.support.ReadModelBarrier;
import com.agentbattles.api.web.Money;
import com.agentbattles.domain.battle.BattleErrors;
import com.agentbattles.domain.battle.BattleQueries.BattleDetail;
import com.agentbattles.domain.battle.BattleQueries.FindBattle;
import com.agentbattles.domain.common.Decimals;
import com.agentbattles.query.battle.BattleProjection;
import com.agentbattles.query.battle.BattleTradingProjection;
import com.agentbattles.query.battle.BattleTradingReadModel;
import com.agentbattles.query.battle.BattleTradingReadModel.DecisionPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Why agents traded: each participant's orders and readiness by step, with the rationale it
 * wrote. The owner reads everyone's (or one agent's with {@code agent_id}); an agent's key reads
 * its own only, in a battle it takes part in.
 */
@RestController
@Tag(name = "Results and replay")
public class DecisionTimelineController {

    private static final List<String> PROJECTIONS = List.of(BattleProjection.NAME, BattleTradingProjection.NAME);
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final QueryGateway queries;
    private final ReadModelBarrier barrier;
    private final BattleTradingReadModel trading;

    public DecisionTimelineController(QueryGateway queries, ReadModelBarrier barrier, BattleTradingReadModel trading) {
        this.queries = queries;
        this.barrier = barrier;
        this.trading = trading;
    }

    record Decision(String agentId, String agentName, long step, String kind, String orderId, String symbol, String side,
                    String type, BigDecimal quantity, String outcome, String rationale, Instant decidedAt) {
    }

    record DecisionTimeline(String battleId, List<Decision> decisions, long total, int limit, int offset,
                            boolean hasMore) {
    }

    @GetMapping("/api/v1/battles/{battleId}/decisions")
    @Operation(summary = "Each agent's orders and decision notes by step",
            description = "kind order (outcome open, filled or rejected:CODE) or done_with_step; limit 1..1000 "
                    + "(default 100), offset ≥ 0; an agent's key sees its own decisions only")
    public DecisionTimeline decisions(Caller caller, @PathVariable String battleId,
                                      @RequestParam(name = "agent_id", required = false) String agentId,
                                      @RequestParam(required = false) Integer limit,
                                      @RequestParam(required = false) Integer offset) {
        int pageLimit = limit == null ? DEFAULT_LIMIT : limit;
        int pageOffset = offset == null ? 0 : offset;
        if (pageLimit < 1 || pageLimit > MAX_LIMIT) {
            throw Decimals.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (pageOffset < 0) {
            throw Decimals.invalid("offset", "must be 0 or more");
        }
        barrier.awaitAggregates(PROJECTIONS, battleId);
        BattleDetail battle = queries.query(new FindBattle(caller.accountId(), battleId),
                ResponseTypes.optionalInstanceOf(BattleDetail.class)).join().orElseThrow(() -> BattleErrors.notFound(battleId));
        String agent = agentId == null || agentId.isBlank() ? null : agentId.strip();
        if (caller.method() == Caller.Method.API_KEY) {
            boolean takesPart = battle.participants().stream().anyMatch(p -> p.agentId().equals(caller.agentId()));
            if (!takesPart) {
                throw BattleErrors.notFound(battleId);
            }
            if (agent != null && !agent.equals(caller.agentId())) {
                throw Decimals.invalid("agent_id", "an agent key reads its own decisions only");
            }
            agent = caller.agentId();
        }
        DecisionPage page = trading.decisions(battleId, agent, pageLimit, pageOffset);
        java.util.Map<String, String> names = new java.util.HashMap<>();
        battle.participants().forEach(p -> names.put(p.agentId(), p.agentName()));
        List<Decision> decisions = page.decisions().stream().map(d -> new Decision(d.agentId(), names.get(d.agentId()),
                d.step(), d.kind(), d.orderId(), d.symbol(), d.side(), d.type(), Money.plain(d.quantity()), d.outcome(),
                d.rationale(), d.decidedAt())).toList();
        return new DecisionTimeline(battleId, decisions, page.total(), pageLimit, pageOffset,
                pageOffset + decisions.size() < page.total());
    }
}
