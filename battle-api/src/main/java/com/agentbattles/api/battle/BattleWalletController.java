package com.agentbattles.api.battle;

import com.agentbattles.api.battle.BattleParticipants.Participant;
import com.agentbattles.api.security.Caller;
import com.agentbattles.api.trading.ListParams;
import com.agentbattles.api.trading.TradingResponses.Balances;
import com.agentbattles.api.trading.TradingResponses.Order;
import com.agentbattles.api.trading.TradingResponses.Orders;
import com.agentbattles.api.trading.TradingResponses.Portfolio;
import com.agentbattles.api.trading.TradingResponses.Positions;
import com.agentbattles.api.trading.TradingResponses.Trade;
import com.agentbattles.api.trading.TradingResponses.Trades;
import com.agentbattles.api.trading.WalletViews;
import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.domain.trading.WalletHoldings;
import com.agentbattles.query.battle.BattleParticipantReadModel;
import com.agentbattles.query.battle.BattleTradingReadModel;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A participant's wallet inside its battle, historical or live, in the same shapes as the
 * agent's own wallet ({@code /account/...}, {@code /trade/...}): balance, positions and portfolio
 * valued at the battle's prices (a historical battle's virtual clock, a live battle's feed), its
 * orders and fills. Authenticated as {@link BattleParticipants} says; every answer waits for the
 * battle's own events first, so an order the agent just placed is in it.
 */
@RestController
@RequestMapping("/api/v1/battles/{battleId}")
@Tag(name = "Participant's view", description = "What one participant sees of its battle")
public class BattleWalletController {

    private final BattleParticipants participants;
    private final BattleParticipantReadModel readModel;
    private final BattleTradingReadModel trading;
    private final BattleStates states;
    private final Clock clock;

    public BattleWalletController(BattleParticipants participants, BattleParticipantReadModel readModel,
                                  BattleTradingReadModel trading, BattleStates states, Clock clock) {
        this.participants = participants;
        this.readModel = readModel;
        this.trading = trading;
        this.states = states;
        this.clock = clock;
    }

    @GetMapping("/account/balance")
    @Operation(summary = "The participant's battle wallet: USDT and every held asset (as /account/balance)")
    public Balances balance(Caller caller, @PathVariable String battleId,
                            @RequestParam(name = "agent_id", required = false) String agentId) {
        Participant participant = participants.resolve(caller, battleId, agentId);
        return WalletViews.balances(wallet(participant));
    }

    @GetMapping("/account/positions")
    @Operation(summary = "The participant's open positions valued at the battle's prices (as /account/positions)")
    public Positions positions(Caller caller, @PathVariable String battleId,
                               @RequestParam(name = "agent_id", required = false) String agentId) {
        Participant participant = participants.resolve(caller, battleId, agentId);
        Map<String, BigDecimal> prices = states.prices(participant);
        return new Positions(WalletViews.positions(wallet(participant), symbol -> Optional.ofNullable(prices.get(symbol))));
    }

    @GetMapping("/account/portfolio")
    @Operation(summary = "The participant's equity, cash, PnL and ROI in the battle (as /account/portfolio)",
            description = "timestamp: the virtual time in a historical battle, the wall clock in a live one")
    public Portfolio portfolio(Caller caller, @PathVariable String battleId,
                               @RequestParam(name = "agent_id", required = false) String agentId) {
        Participant participant = participants.resolve(caller, battleId, agentId);
        Map<String, BigDecimal> prices = states.prices(participant);
        return WalletViews.portfolio(wallet(participant), symbol -> Optional.ofNullable(prices.get(symbol)),
                timestamp(participant));
    }

    @GetMapping("/trade/orders")
    @Operation(summary = "The participant's orders in the battle, newest first (as /trade/orders)",
            description = "status: open, filled, cancelled or rejected; symbol; limit ≤ 500 (default 100); offset")
    public Orders orders(Caller caller, @PathVariable String battleId,
                         @RequestParam(name = "agent_id", required = false) String agentId,
                         @RequestParam(required = false) String status, @RequestParam(required = false) String symbol,
                         @RequestParam(required = false) Integer limit, @RequestParam(required = false) Integer offset) {
        String wanted = ListParams.status(status);
        Participant participant = participants.resolve(caller, battleId, agentId);
        return new Orders(readModel.orders(owner(participant), battleId, participant.agentId(), wanted,
                ListParams.symbol(symbol), ListParams.limit(limit), ListParams.offset(offset)).stream().map(Order::of).toList());
    }

    @GetMapping("/trade/orders/open")
    @Operation(summary = "The participant's resting orders in the battle, oldest first (as /trade/orders/open)")
    public Orders openOrders(Caller caller, @PathVariable String battleId,
                             @RequestParam(name = "agent_id", required = false) String agentId) {
        Participant participant = participants.resolve(caller, battleId, agentId);
        return new Orders(readModel.openOrders(owner(participant), battleId, participant.agentId()).stream()
                .map(Order::of).toList());
    }

    @GetMapping("/trade/history")
    @Operation(summary = "The participant's fills in the battle, newest first (as /trade/history)",
            description = "symbol; limit ≤ 500 (default 100); offset")
    public Trades history(Caller caller, @PathVariable String battleId,
                          @RequestParam(name = "agent_id", required = false) String agentId,
                          @RequestParam(required = false) String symbol, @RequestParam(required = false) Integer limit,
                          @RequestParam(required = false) Integer offset) {
        Participant participant = participants.resolve(caller, battleId, agentId);
        return new Trades(readModel.trades(owner(participant), battleId, participant.agentId(), ListParams.symbol(symbol),
                ListParams.limit(limit), ListParams.offset(offset)).stream().map(Trade::of).toList());
    }

    private WalletHoldings wallet(Participant participant) {
        return readModel.wallet(owner(participant), participant.battleId(), participant.agentId())
                .orElseThrow(() -> new DomainException(ErrorCode.AGENT_NOT_FOUND, "agent " + participant.agentId()
                        + " has no wallet in battle " + participant.battleId() + " (it has not started, or the wallet "
                        + "was not provisioned)", Map.of("agent_id", participant.agentId(),
                        "battle_id", participant.battleId())));
    }

    /** The moment the battle's prices are of: its virtual time, or now for a live battle. */
    private Instant timestamp(Participant participant) {
        return trading.progress(owner(participant), participant.battleId())
                .filter(progress -> !progress.live())
                .map(BattleTradingReadModel.Progress::virtualTime)
                .orElseGet(clock::instant);
    }

    private static String owner(Participant participant) {
        return participant.battle().accountId();
    }
}
