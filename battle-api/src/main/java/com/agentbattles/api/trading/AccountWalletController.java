package com.agentbattles.api.trading;

import com.agentbattles.api.security.Caller;
import com.agentbattles.api.support.ReadModelBarrier;
import com.agentbattles.api.trading.TradingResponses.Balances;
import com.agentbattles.api.trading.TradingResponses.Portfolio;
import com.agentbattles.api.trading.TradingResponses.Positions;
import com.agentbattles.domain.agent.AgentQueries.AgentView;
import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.domain.trading.WalletHoldings;
import com.agentbattles.marketdata.feed.PriceFeed;
import com.agentbattles.marketdata.feed.PriceTick;
import com.agentbattles.query.wallet.AgentTradingReadModel;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's current wallet (its own, or its battle wallet while a live battle holds it)
 * valued at the feed's latest prices, in the shapes of {@link WalletViews}.
 */
@RestController
@RequestMapping("/api/v1/account")
@Tag(name = "Account", description = "The calling agent's account")
public class AccountWalletController {

    private final ReadModelBarrier barrier;
    private final AgentTradingReadModel trading;
    private final TradingAgents agents;
    private final PriceFeed feed;
    private final Clock clock;

    public AccountWalletController(ReadModelBarrier barrier, AgentTradingReadModel trading, TradingAgents agents,
                                   PriceFeed feed, Clock clock) {
        this.barrier = barrier;
        this.trading = trading;
        this.agents = agents;
        this.feed = feed;
        this.clock = clock;
    }

    @GetMapping("/balance")
    @Operation(summary = "USDT and every held asset: available, locked (by resting orders), total")
    public Balances balance(Caller caller, @RequestHeader(name = "X-Agent-Id", required = false) String agentIdHeader) {
        return WalletViews.balances(wallet(caller, agentIdHeader));
    }

    @GetMapping("/positions")
    @Operation(summary = "Open positions valued at the latest prices")
    public Positions positions(Caller caller, @RequestHeader(name = "X-Agent-Id", required = false) String agentIdHeader) {
        return new Positions(WalletViews.positions(wallet(caller, agentIdHeader), this::price));
    }

    @GetMapping("/portfolio")
    @Operation(summary = "Equity, cash, position value, PnL and ROI of the current wallet")
    public Portfolio portfolio(Caller caller, @RequestHeader(name = "X-Agent-Id", required = false) String agentIdHeader) {
        return WalletViews.portfolio(wallet(caller, agentIdHeader), this::price, clock.instant());
    }

    private WalletHoldings wallet(Caller caller, String agentIdHeader) {
        AgentView agent = agents.resolveWallet(caller, agentIdHeader);
        return trading.currentWallet(agent.agentId()).map(AgentTradingReadModel.CurrentWallet::holdings)
                .orElseThrow(() -> new DomainException(ErrorCode.AGENT_NOT_FOUND,
                        "agent " + agent.agentId() + " has no wallet", Map.of("agent_id", agent.agentId())));
    }

    private Optional<BigDecimal> price(String symbol) {
        return feed.latestPrice(symbol).map(PriceTick::price);
    }
}
