package com.agentbattles.api.trading;

import com.agentbattles.api.security.Caller;
import com.agentbattles.api.support.ReadModelBarrier;
import com.agentbattles.api.trading.TradingResponses.Balance;
import com.agentbattles.api.trading.TradingResponses.Balances;
import com.agentbattles.api.trading.TradingResponses.Portfolio;
import com.agentbattles.api.trading.TradingResponses.Position;
import com.agentbattles.api.trading.TradingResponses.Positions;
import com.agentbattles.api.web.Money;
import com.agentbattles.domain.agent.AgentQueries.AgentView;
import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.domain.metrics.PerformanceTracker;
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
import java.math.RoundingMode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's current wallet (its own, or its battle wallet while a live battle holds it)
 * valued at the feed's latest prices. A position whose symbol has no price yet is valued at its
 * average entry price (never at an invented one): its unrealized PnL is 0 and current_price null.
 */
@RestController
@RequestMapping("/api/v1/account")
@Tag(name = "Account", description = "The calling agent's account")
public class AccountWalletController {

    private static final int USDT_SCALE = 8;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

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
        WalletHoldings wallet = wallet(caller, agentIdHeader);
        List<Balance> balances = new ArrayList<>();
        balances.add(new Balance("USDT", Money.display(wallet.cash()), Money.display(wallet.lockedCash()),
                Money.display(wallet.cash().add(wallet.lockedCash()))));
        for (WalletHoldings.Holding held : wallet.positions()) {
            balances.add(new Balance(asset(held.symbol()), Money.plain(held.quantity().subtract(held.locked())),
                    Money.plain(held.locked()), Money.plain(held.quantity())));
        }
        return new Balances(balances);
    }

    @GetMapping("/positions")
    @Operation(summary = "Open positions valued at the latest prices")
    public Positions positions(Caller caller, @RequestHeader(name = "X-Agent-Id", required = false) String agentIdHeader) {
        return new Positions(positions(wallet(caller, agentIdHeader)));
    }

    @GetMapping("/portfolio")
    @Operation(summary = "Equity, cash, position value, PnL and ROI of the current wallet")
    public Portfolio portfolio(Caller caller, @RequestHeader(name = "X-Agent-Id", required = false) String agentIdHeader) {
        WalletHoldings wallet = wallet(caller, agentIdHeader);
        List<Position> positions = positions(wallet);
        BigDecimal positionValue = BigDecimal.ZERO;
        BigDecimal unrealized = BigDecimal.ZERO;
        for (Position position : positions) {
            positionValue = positionValue.add(position.marketValue());
            unrealized = unrealized.add(position.unrealizedPnl());
        }
        BigDecimal equity = wallet.cash().add(wallet.lockedCash()).add(positionValue);
        BigDecimal start = wallet.startingBalance();
        BigDecimal roi = start.signum() == 0 ? BigDecimal.ZERO : PerformanceTracker.roiPct(start, equity);
        return new Portfolio(Money.display(equity), Money.display(wallet.cash()), Money.display(wallet.lockedCash()),
                Money.display(positionValue), Money.display(unrealized), Money.display(wallet.realizedPnl()),
                Money.display(equity.subtract(start)), Money.display(roi), Money.display(start), positions,
                clock.instant());
    }

    private WalletHoldings wallet(Caller caller, String agentIdHeader) {
        AgentView agent = agents.resolveWallet(caller, agentIdHeader);
        return trading.currentWallet(agent.agentId()).map(AgentTradingReadModel.CurrentWallet::holdings)
                .orElseThrow(() -> new DomainException(ErrorCode.AGENT_NOT_FOUND,
                        "agent " + agent.agentId() + " has no wallet", Map.of("agent_id", agent.agentId())));
    }

    private List<Position> positions(WalletHoldings wallet) {
        List<Position> positions = new ArrayList<>();
        for (WalletHoldings.Holding held : wallet.positions()) {
            Optional<BigDecimal> price = feed.latestPrice(held.symbol()).map(PriceTick::price);
            BigDecimal valuedAt = price.orElse(held.avgEntryPrice());
            BigDecimal cost = held.quantity().multiply(held.avgEntryPrice()).setScale(USDT_SCALE, RoundingMode.HALF_EVEN);
            BigDecimal value = held.quantity().multiply(valuedAt).setScale(USDT_SCALE, RoundingMode.HALF_EVEN);
            BigDecimal pnl = value.subtract(cost);
            BigDecimal pnlPct = cost.signum() == 0 ? BigDecimal.ZERO
                    : pnl.multiply(HUNDRED).divide(cost, 4, RoundingMode.HALF_EVEN);
            positions.add(new Position(held.symbol(), asset(held.symbol()), Money.plain(held.quantity()),
                    Money.plain(held.avgEntryPrice().setScale(USDT_SCALE, RoundingMode.HALF_EVEN)),
                    price.map(Money::plain).orElse(null), Money.display(value), Money.display(pnl), Money.display(pnlPct),
                    held.openedAt()));
        }
        return positions;
    }

    private static String asset(String symbol) {
        return symbol.endsWith("USDT") ? symbol.substring(0, symbol.length() - 4) : symbol;
    }
}
