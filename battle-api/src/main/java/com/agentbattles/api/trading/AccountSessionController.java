package com.agentbattles.api.trading;

import com.agentbattles.api.security.Caller;
import com.agentbattles.api.support.ReadModelBarrier;
import com.agentbattles.api.trading.SessionPnl.Report;
import com.agentbattles.api.web.Money;
import com.agentbattles.domain.agent.AgentCommands.ResetAgent;
import com.agentbattles.domain.agent.AgentQueries.AgentView;
import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.marketdata.feed.PriceFeed;
import com.agentbattles.marketdata.feed.PriceTick;
import com.agentbattles.query.wallet.AgentTradingReadModel;
import com.agentbattles.query.wallet.AgentTradingReadModel.Session;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The session of the agent's own wallet as the agent itself sees it (its key, or the owner's JWT
 * with {@code X-Agent-Id}): start a new one ({@code /reset}, the same {@code ResetAgent} as
 * {@code POST /agents/{id}/reset}, so the agent decides what it allows) and its PnL.
 */
@RestController
@RequestMapping("/api/v1/account")
@Tag(name = "Account", description = "The calling agent's account")
public class AccountSessionController {

    private final CommandGateway commands;
    private final ReadModelBarrier barrier;
    private final TradingAgents agents;
    private final AgentTradingReadModel trading;
    private final PriceFeed feed;
    private final Clock clock;

    public AccountSessionController(CommandGateway commands, ReadModelBarrier barrier, TradingAgents agents,
                                    AgentTradingReadModel trading, PriceFeed feed, Clock clock) {
        this.commands = commands;
        this.barrier = barrier;
        this.agents = agents;
        this.trading = trading;
        this.feed = feed;
        this.clock = clock;
    }

    /** @param startingBalance the new session's USDT; the agent's current starting balance without it */
    public record ResetRequest(@Schema(implementation = String.class, format = "decimal", example = "10000.00")
                               BigDecimal startingBalance) {
    }

    public record ResetAnswer(String sessionId, String agentId, BigDecimal startingBalance, Instant startedAt) {
    }

    @PostMapping("/reset")
    @Operation(summary = "Start the own wallet over with a starting balance: a new session")
    public ResetAnswer reset(Caller caller, @RequestHeader(name = "X-Agent-Id", required = false) String agentIdHeader,
                             @RequestBody(required = false) ResetRequest request) {
        AgentView agent = agents.resolve(caller, agentIdHeader);
        BigDecimal balance = request != null && request.startingBalance() != null
                ? request.startingBalance() : agent.startingBalance();
        try {
            commands.sendAndWait(new ResetAgent(agent.agentId(), caller.accountId(), balance, clock.instant()));
        } catch (AggregateNotFoundException gone) {
            throw notFound(agent.agentId());
        }
        // every read model: /account/info's starting balance comes from the agents projection
        barrier.awaitProjections();
        Session session = session(agent.agentId());
        return new ResetAnswer(session.sessionId(), agent.agentId(),
                Money.display(session.ownWallet().startingBalance()), session.startedAt());
    }

    @GetMapping("/pnl")
    @Operation(summary = "Realized, unrealized and net PnL, fees and win rate of the session: 1d, 7d, 30d or all")
    public Report pnl(Caller caller, @RequestHeader(name = "X-Agent-Id", required = false) String agentIdHeader,
                      @RequestParam(name = "period", defaultValue = "all") String period) {
        PnlPeriod window = PnlPeriod.parse(period);
        AgentView agent = agents.resolveWallet(caller, agentIdHeader);
        Session session = session(agent.agentId());
        Instant to = clock.instant();
        Instant from = window.start(to);
        Instant shownFrom = from == null || from.isBefore(session.startedAt()) ? session.startedAt() : from;
        return SessionPnl.of(window, session, trading.sessionFills(agent.agentId(), session, from, null),
                this::price, shownFrom, to);
    }

    private Session session(String agentId) {
        return trading.session(agentId).orElseThrow(() -> new DomainException(ErrorCode.AGENT_NOT_FOUND,
                "agent " + agentId + " has no session in the read model yet (rebuild agent-trading)",
                Map.of("agent_id", agentId)));
    }

    private Optional<BigDecimal> price(String symbol) {
        return feed.latestPrice(symbol).map(PriceTick::price);
    }

    private static DomainException notFound(String agentId) {
        return new DomainException(ErrorCode.AGENT_NOT_FOUND, "agent " + agentId + " not found",
                Map.of("agent_id", agentId));
    }
}
