package com.agentbattles.command.battle;

import com.agentbattles.domain.battle.BattleErrors;
import com.agentbattles.domain.battle.BattleCommands.AddParticipant;
import com.agentbattles.domain.battle.BattleCommands.CancelBattle;
import com.agentbattles.domain.battle.BattleCommands.CreateBattle;
import com.agentbattles.domain.battle.BattleCommands.DeleteBattle;
import com.agentbattles.domain.battle.BattleCommands.Entrant;
import com.agentbattles.domain.battle.BattleCommands.PauseParticipant;
import com.agentbattles.domain.battle.BattleCommands.RemoveParticipant;
import com.agentbattles.domain.battle.BattleCommands.ResumeParticipant;
import com.agentbattles.domain.battle.BattleCommands.StartBattle;
import com.agentbattles.domain.battle.BattleCommands.StopBattle;
import com.agentbattles.domain.battle.BattleCommands.UpdateBattle;
import com.agentbattles.domain.battle.BattleConfig;
import com.agentbattles.domain.battle.BattleConfigResolver;
import com.agentbattles.domain.battle.BattleEvents.BattleCancelled;
import com.agentbattles.domain.battle.BattleEvents.BattleConfigUpdated;
import com.agentbattles.domain.battle.BattleEvents.BattleCreated;
import com.agentbattles.domain.battle.BattleEvents.BattleDeleted;
import com.agentbattles.domain.battle.BattleEvents.BattleHidden;
import com.agentbattles.domain.battle.BattleEvents.BattleStarted;
import com.agentbattles.domain.battle.BattleEvents.BattleStopped;
import com.agentbattles.domain.battle.BattleEvents.ParticipantAdded;
import com.agentbattles.domain.battle.BattleEvents.ParticipantEliminated;
import com.agentbattles.domain.battle.BattleEvents.ParticipantPaused;
import com.agentbattles.domain.battle.BattleEvents.ParticipantRemoved;
import com.agentbattles.domain.battle.BattleEvents.ParticipantResumed;
import com.agentbattles.domain.battle.LiveBattleCommands.CaptureLiveSnapshot;
import com.agentbattles.domain.battle.LiveBattleCommands.ExecuteBattleOrders;
import com.agentbattles.domain.battle.LiveBattleCommands.ProvisionParticipantWallet;
import com.agentbattles.domain.battle.LiveBattleEvents.LiveSnapshotTaken;
import com.agentbattles.domain.battle.LiveBattleEvents.ParticipantWalletClosed;
import com.agentbattles.domain.battle.LiveBattleEvents.ParticipantWalletProvisioned;
import com.agentbattles.domain.battle.WalletMode;
import com.agentbattles.domain.battle.BattleStatus;
import com.agentbattles.domain.battle.FinalRanking;
import com.agentbattles.domain.battle.HistoricalStart;
import com.agentbattles.domain.battle.ParticipantStatus;
import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.domain.battle.BattleTradingCommands.CancelBattleOrder;
import com.agentbattles.domain.battle.BattleTradingCommands.PlaceBattleOrder;
import com.agentbattles.domain.battle.BattleTradingCommands.StepBattle;
import com.agentbattles.domain.battle.BattleTradingEvents.BattleStepped;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderCancelled;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderFilled;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderPlaced;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderRejected;
import com.agentbattles.domain.battle.BattleTradingEvents.Valuation;
import com.agentbattles.domain.battle.TradingOutcomes.OrderOutcome;
import com.agentbattles.domain.battle.TradingOutcomes.StepOutcome;
import com.agentbattles.domain.common.Decimals;
import com.agentbattles.domain.market.Candle;
import com.agentbattles.domain.trading.Fill;
import com.agentbattles.domain.trading.OrderRequest;
import com.agentbattles.domain.trading.Quote;
import com.agentbattles.domain.trading.RestingOrder;
import com.agentbattles.engine.Execution;
import com.agentbattles.engine.OrderDecision;
import com.agentbattles.engine.PriceBoard;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.TreeMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

/**
 * A competition between agents of one account, from its draft to its end. Owns the state machine
 * of spec/README.md point 1; another account's request is refused as "not found".
 * <p>
 * A historical battle also owns its virtual clock and every participant's sandbox (the
 * {@link TradingFloor}): steps, orders and fills are decided here from the candles recorded in
 * its own events, so replaying the battle's events rebuilds every balance exactly.
 * <p>
 * A live battle holds its participants' wallets from the moment the custody process provisions
 * them until it ends; orders, price updates and the snapshot clock arrive as commands carrying
 * the feed's prices and the time, and every price that decided something is in an event.
 */
@Aggregate(cache = "aggregateCache", snapshotTriggerDefinition = "aggregateSnapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Battle {

    /** One step request moves at most this many candles: one transaction must stay short. */
    static final int MAX_STEPS_PER_REQUEST = 1000;

    /** A bound on the roster so that a battle stays cheap to load, rank and display. */
    static final int MAX_PARTICIPANTS = 50;
    static final int MIN_PARTICIPANTS_TO_START = 2;

    @AggregateIdentifier
    private String battleId;
    private String accountId;
    private String name;
    private BattleStatus status;
    private BattleConfig config;
    /** In joining order: it breaks ranking ties, so it must be deterministic. */
    private final Map<String, Participant> participants = new LinkedHashMap<>();
    private boolean hidden;
    /** Null until the battle starts. */
    private TradingFloor floor;
    private Instant startedAt;

    /** @param eliminatedAt set once the participant is eliminated (survival rules) */
    private record Participant(String agentName, ParticipantStatus status, Instant eliminatedAt) {
        Participant with(ParticipantStatus newStatus) {
            return new Participant(agentName, newStatus, eliminatedAt);
        }
    }

    protected Battle() {
        // for Axon
    }

    @CommandHandler
    public Battle(CreateBattle command) {
        String validName = BattleConfigResolver.name(command.name());
        BattleConfig resolved = command.baseConfig() == null
                ? BattleConfigResolver.forNewBattle(command.preset(), command.changes(), command.createdAt())
                : BattleConfigResolver.forChange(command.baseConfig(), command.preset(), command.changes(), command.createdAt());
        // Axon applies events of a constructor only once it returns, so the roster is checked here
        // from the command alone rather than through admit()
        Set<String> seen = new HashSet<>();
        for (Entrant entrant : command.entrants()) {
            requireOwnedBy(command.accountId(), entrant);
            if (!seen.add(entrant.agentId())) {
                throw alreadyIn(entrant.agentId(), command.battleId());
            }
        }
        if (seen.size() > MAX_PARTICIPANTS) {
            throw tooManyParticipants(command.battleId());
        }
        apply(new BattleCreated(command.battleId(), command.accountId(), validName, resolved, command.rematchOf(),
                command.createdAt()));
        for (Entrant entrant : command.entrants()) {
            apply(new ParticipantAdded(command.battleId(), command.accountId(), entrant.agentId(), entrant.agentName(),
                    BattleStatus.PENDING, command.createdAt()));
        }
    }

    @CommandHandler
    public void handle(UpdateBattle command) {
        requireOwner(command.accountId());
        requireEditable("update");
        String newName = command.name() == null ? name : BattleConfigResolver.name(command.name());
        BattleConfig updated = BattleConfigResolver.forChange(config, command.preset(), command.changes(), command.updatedAt());
        apply(new BattleConfigUpdated(battleId, accountId, newName, updated, command.updatedAt()));
    }

    @CommandHandler
    public void handle(AddParticipant command) {
        requireOwner(command.accountId());
        requireEditable("add_participant");
        admit(command.entrant(), command.joinedAt());
    }

    @CommandHandler
    public void handle(RemoveParticipant command) {
        requireOwner(command.accountId());
        requireEditable("remove_participant");
        requireParticipant(command.agentId());
        apply(new ParticipantRemoved(battleId, accountId, command.agentId(),
                BattleStatus.beforeStart(participants.size() - 1), command.removedAt()));
    }

    @CommandHandler
    public void handle(StartBattle command) {
        requireOwner(command.accountId());
        if (status != BattleStatus.PENDING) {
            throw status.refuse("start");
        }
        if (participants.size() < MIN_PARTICIPANTS_TO_START) {
            throw status.refuse("start", Map.of("reason", "a battle needs at least " + MIN_PARTICIPANTS_TO_START
                            + " participants", "participant_count", participants.size(),
                    "required_participants", MIN_PARTICIPANTS_TO_START));
        }
        BattleConfig locked = config;
        HistoricalStart historical = null;
        java.time.Duration snapshotInterval = null;
        if (config.isHistorical()) {
            historical = requireFittingHistoricalStart(command.historical());
            locked = config.withWindow(historical.startTime(), historical.endTime());
        } else {
            // a live battle without its own pairs trades what the server offers, fixed from here on
            locked = config.pairs().isEmpty() ? config.withPairs(command.live().offeredPairs()) : config;
            snapshotInterval = command.live().snapshotInterval();
        }
        Map<String, com.agentbattles.domain.agent.RiskConfig> risk = new LinkedHashMap<>();
        participants.keySet().forEach(agentId -> risk.put(agentId,
                command.riskProfiles().getOrDefault(agentId, com.agentbattles.domain.agent.RiskConfig.defaults())));
        apply(new BattleStarted(battleId, accountId, locked, List.copyOf(participants.keySet()), historical, risk,
                snapshotInterval, command.startedAt()));
    }

    @CommandHandler
    public void handle(PauseParticipant command) {
        requireOwner(command.accountId());
        requireRunning("pause");
        Participant participant = requireParticipant(command.agentId());
        if (participant.status() != ParticipantStatus.ACTIVE) {
            throw participantRefusal(command.agentId(), participant.status(), "pause");
        }
        apply(new ParticipantPaused(battleId, accountId, command.agentId(), BattleStatus.PAUSED, command.pausedAt()));
    }

    @CommandHandler
    public void handle(ResumeParticipant command) {
        requireOwner(command.accountId());
        requireRunning("resume");
        Participant participant = requireParticipant(command.agentId());
        if (participant.status() != ParticipantStatus.PAUSED) {
            throw participantRefusal(command.agentId(), participant.status(), "resume");
        }
        long stillPaused = participants.values().stream().filter(p -> p.status() == ParticipantStatus.PAUSED).count() - 1;
        apply(new ParticipantResumed(battleId, accountId, command.agentId(),
                stillPaused > 0 ? BattleStatus.PAUSED : BattleStatus.ACTIVE, command.resumedAt()));
    }

    @CommandHandler
    public void handle(StopBattle command) {
        requireOwner(command.accountId());
        requireRunning("stop");
        if (!config.isHistorical()) {
            // the curve ends where the battle ends: one last snapshot at the stop's prices
            takeLiveSnapshot(command.quotes(), command.stoppedAt());
        }
        finish(command.stoppedAt());
    }

    @CommandHandler
    public StepOutcome handle(StepBattle command, BattleCandles candleSource) {
        requireOwner(command.accountId());
        requireRunning("step");
        requireHistorical("step");
        if (command.steps() < 1 || command.steps() > MAX_STEPS_PER_REQUEST) {
            throw Decimals.invalid("steps", "must be between 1 and " + MAX_STEPS_PER_REQUEST);
        }
        if (command.expectedStep() != null && command.expectedStep() != floor.step()) {
            throw new DomainException(ErrorCode.CONCURRENT_MODIFICATION, "the battle is at step " + floor.step()
                    + ", not " + command.expectedStep(), Map.of("battle_id", battleId, "step", floor.step()));
        }
        long count = Math.min(command.steps(), floor.totalSteps() - floor.step());
        Instant from = floor.virtualTime();
        List<Candle> candles = candleSource.candles(config.pairs(), config.candleInterval(), from, floor.timeAfter(count));
        Map<Instant, List<Candle>> byOpenTime = new TreeMap<>();
        for (Candle candle : candles) {
            byOpenTime.computeIfAbsent(candle.openTime(), t -> new ArrayList<>()).add(candle);
        }
        for (long i = 0; i < count && !survivalDecided(); i++) {
            Instant openTime = floor.virtualTime();
            takeStep(byOpenTime.getOrDefault(openTime, List.of()), floor.timeAfter(1));
        }
        if (floor.complete() || survivalDecided()) {
            finish(command.requestedAt());
        }
        return stepOutcome();
    }

    @CommandHandler
    public OrderOutcome handle(PlaceBattleOrder command) {
        requireOwner(command.accountId());
        requireRunning("trade");
        Participant participant = requireParticipant(command.agentId());
        OrderRequest request = command.order();
        boolean live = !config.isHistorical();
        Instant now = live ? command.requestedAt() : floor.virtualTime();
        if (live && !floor.hasWallet(command.agentId())) {
            throw new DomainException(ErrorCode.WALLET_NOT_READY, "the battle wallet of agent " + command.agentId()
                    + " is still being provisioned; retry in a moment",
                    Map.of("battle_id", battleId, "agent_id", command.agentId()));
        }
        if (participant.status() == ParticipantStatus.PAUSED) {
            return reject(command.agentId(), request, ErrorCode.PARTICIPANT_PAUSED,
                    "agent " + command.agentId() + " is paused in this battle", now);
        }
        if (participant.status() == ParticipantStatus.ELIMINATED) {
            return reject(command.agentId(), request, ErrorCode.PARTICIPANT_ELIMINATED,
                    "agent " + command.agentId() + " was eliminated at the loss limit", now);
        }
        if (live && request.symbol() != null && !config.pairs().contains(request.symbol())) {
            return reject(command.agentId(), request, ErrorCode.PAIR_NOT_ALLOWED,
                    "this battle trades " + String.join(", ", config.pairs()) + " only", now);
        }
        OrderDecision decision = live
                ? floor.decide(command.agentId(), request, livePrices(command.quotes()), now)
                : floor.decide(command.agentId(), request, now);
        if (decision instanceof OrderDecision.Rests rests) {
            apply(new OrderPlaced(battleId, accountId, command.agentId(), rests.order(), floor.step()));
            return new OrderOutcome(request.orderId(), command.agentId(), "open", request, rests.order(), null, null,
                    null, floor.step(), now);
        }
        if (decision instanceof OrderDecision.FillsNow fills) {
            apply(new OrderFilled(battleId, accountId, command.agentId(), fills.fill(), floor.step()));
            return new OrderOutcome(request.orderId(), command.agentId(), "filled", request, null, fills.fill(), null,
                    null, floor.step(), now);
        }
        OrderDecision.Rejected rejected = (OrderDecision.Rejected) decision;
        return reject(command.agentId(), request, rejected.code(), rejected.message(), now);
    }

    @CommandHandler
    public void handle(CancelBattleOrder command) {
        requireOwner(command.accountId());
        requireRunning("cancel_order");
        requireParticipant(command.agentId());
        boolean open = floor.openOrders(command.agentId()).stream()
                .anyMatch(order -> order.orderId().equals(command.orderId()));
        if (!open) {
            throw new DomainException(ErrorCode.ORDER_NOT_FOUND, "no open order " + command.orderId()
                    + " of agent " + command.agentId(), Map.of("order_id", String.valueOf(command.orderId())));
        }
        Instant at = config.isHistorical() ? floor.virtualTime() : command.requestedAt();
        apply(new OrderCancelled(battleId, accountId, command.agentId(), command.orderId(), "requested", floor.step(),
                at));
    }

    // ---- live battles ----

    /** Idempotent, and quiet once the battle is over: the custody process may deliver late or twice. */
    @CommandHandler
    public void handle(ProvisionParticipantWallet command) {
        if (floor == null || config.isHistorical() || !status.isRunning() || floor.hasWallet(command.agentId())) {
            return;
        }
        requireParticipant(command.agentId());
        apply(new ParticipantWalletProvisioned(battleId, accountId, command.agentId(), command.holdings(), command.at()));
    }

    /** Price updates in feed order; each is checked against the resting orders as the earlier ones left them. */
    @CommandHandler
    public void handle(ExecuteBattleOrders command) {
        if (floor == null || config.isHistorical() || !status.isRunning()) {
            return;
        }
        for (Quote tick : command.ticks()) {
            for (String agentId : participants.keySet()) {
                for (Execution execution : floor.executionsOn(agentId, tick)) {
                    if (execution instanceof Execution.Filled filled) {
                        apply(new OrderFilled(battleId, accountId, agentId, filled.fill(), floor.step()));
                    } else if (execution instanceof Execution.Cancelled cancelled) {
                        apply(new OrderCancelled(battleId, accountId, agentId, cancelled.orderId(),
                                cancelled.code().name().toLowerCase(java.util.Locale.ROOT), floor.step(), tick.time()));
                    }
                }
            }
        }
    }

    /**
     * The live clock: values everyone at the given prices, applies the survival rule, and at the
     * deadline values them at the deadline and ends the battle. Late or repeated ticks of a
     * finished battle change nothing.
     */
    @CommandHandler
    public void handle(CaptureLiveSnapshot command) {
        if (floor == null || config.isHistorical() || !status.isRunning()) {
            return;
        }
        Instant deadline = config.deadlineFrom(startedAt);
        boolean due = deadline != null && !command.at().isBefore(deadline);
        Instant at = due ? deadline : command.at();
        if (at.isBefore(floor.virtualTime())) {
            return; // a snapshot never goes back in time
        }
        takeLiveSnapshot(command.quotes(), at);
        if (due || survivalDecided()) {
            finish(at);
        }
    }

    private void takeLiveSnapshot(List<Quote> quotes, Instant at) {
        PriceBoard board = livePrices(quotes);
        Set<String> needed = new java.util.TreeSet<>(config.pairs());
        needed.addAll(floor.heldSymbols());
        List<Quote> used = needed.stream().map(board::quote).flatMap(java.util.Optional::stream).toList();
        List<String> valued = participants.entrySet().stream()
                .filter(e -> e.getValue().status() == ParticipantStatus.ACTIVE && floor.hasWallet(e.getKey()))
                // a holding nobody has a price for yet is not valued at an invented one: a gap instead
                .filter(e -> floor.pricedOn(e.getKey(), board))
                .map(Map.Entry::getKey).toList();
        List<Valuation> valuations = floor.valuations(board, valued);
        if (valuations.isEmpty()) {
            return; // nobody to value (every wallet still on its way, or everyone paused)
        }
        long sequence = floor.step() + 1;
        apply(new LiveSnapshotTaken(battleId, accountId, sequence, at, used, valuations));
        eliminateAtLossLimit(valuations, sequence, at);
    }

    /** The prices last recorded in this battle, updated with what the feed says now. */
    private PriceBoard livePrices(List<Quote> quotes) {
        PriceBoard board = floor.prices().copy();
        quotes.forEach(board::update);
        return board;
    }

    private OrderOutcome reject(String agentId, OrderRequest request, ErrorCode code, String reason, Instant now) {
        apply(new OrderRejected(battleId, accountId, agentId, request, code, reason, floor.step(), now));
        return new OrderOutcome(request.orderId(), agentId, "rejected", request, null, null, code, reason, floor.step(), now);
    }

    /**
     * One candle of the clock: resting orders fill on it first (they were placed on earlier
     * candles, so nobody sees a price before acting on it), then everyone not paused is valued.
     */
    private void takeStep(List<Candle> candles, Instant closeTime) {
        long next = floor.step() + 1;
        for (String agentId : participants.keySet()) {
            for (Execution execution : floor.executionsOn(agentId, candles)) {
                if (execution instanceof Execution.Filled filled) {
                    apply(new OrderFilled(battleId, accountId, agentId, filled.fill(), next));
                } else if (execution instanceof Execution.Cancelled cancelled) {
                    apply(new OrderCancelled(battleId, accountId, agentId, cancelled.orderId(),
                            cancelled.code().name().toLowerCase(java.util.Locale.ROOT), next, closeTime));
                }
            }
        }
        PriceBoard seen = floor.prices().copy();
        candles.forEach(seen::update);
        List<String> valued = participants.entrySet().stream()
                .filter(e -> e.getValue().status() == ParticipantStatus.ACTIVE).map(Map.Entry::getKey).toList();
        List<Valuation> valuations = floor.valuations(seen, valued);
        apply(new BattleStepped(battleId, accountId, next, floor.totalSteps(), closeTime, candles, valuations));
        eliminateAtLossLimit(valuations, next, closeTime);
    }

    /**
     * Survival rules: a participant whose equity fell to the loss limit is out. Its orders are
     * withdrawn and its positions sold first, so its equity is final from here on.
     */
    private void eliminateAtLossLimit(List<Valuation> valuations, long step, Instant at) {
        if (config.lossLimitPct() == null) {
            return;
        }
        BigDecimal threshold = lossThreshold();
        for (Valuation valuation : valuations) {
            if (valuation.equity().compareTo(threshold) <= 0) {
                withdraw(valuation.agentId(), "eliminated", step);
                apply(new ParticipantEliminated(battleId, accountId, valuation.agentId(), valuation.equity(), threshold,
                        step, at));
            }
        }
    }

    private BigDecimal lossThreshold() {
        return config.startingBalance().multiply(BigDecimal.ONE.subtract(
                config.lossLimitPct().movePointLeft(2))).setScale(Decimals.USDT_SCALE, java.math.RoundingMode.HALF_EVEN);
    }

    /** A survival battle is decided once at most one participant is left standing. */
    private boolean survivalDecided() {
        return config.lossLimitPct() != null && participants.values().stream()
                .filter(p -> p.status() != ParticipantStatus.ELIMINATED).count() <= 1;
    }

    /** Cancels an agent's resting orders and sells its positions at the latest prices. */
    private void withdraw(String agentId, String reason, long step) {
        for (RestingOrder order : floor.openOrders(agentId)) {
            apply(new OrderCancelled(battleId, accountId, agentId, order.orderId(), reason, step, floor.virtualTime()));
        }
        for (Fill fill : floor.closeOut(agentId, floor.virtualTime())) {
            apply(new OrderFilled(battleId, accountId, agentId, fill, step));
        }
    }

    /**
     * Ends a running battle: resting orders are withdrawn, positions sold at the latest prices,
     * and the ranking is computed from what the events recorded.
     */
    private void finish(Instant at) {
        // an existing-mode wallet is the agent's own: the battle ends without touching it, and
        // ranks it at the latest recorded prices instead of selling it
        boolean ownWallets = !config.isHistorical() && config.walletMode() == WalletMode.EXISTING;
        if (floor != null && !ownWallets) {
            for (String agentId : participants.keySet()) {
                withdraw(agentId, "battle_ended", floor.step());
            }
        }
        closeLiveWallets(at);
        List<FinalRanking> rankings = finalRankings();
        apply(new BattleStopped(battleId, accountId, status, List.copyOf(participants.keySet()), rankings,
                FinalRanking.digest(rankings), at));
    }

    /** What each live wallet leaves behind, for the custody process to hand back. */
    private void closeLiveWallets(Instant at) {
        if (floor == null || config.isHistorical()) {
            return;
        }
        for (String agentId : participants.keySet()) {
            if (floor.hasWallet(agentId)) {
                apply(new ParticipantWalletClosed(battleId, accountId, agentId, floor.holdings(agentId), at));
            }
        }
    }

    private StepOutcome stepOutcome() {
        Map<String, BigDecimal> prices = new TreeMap<>();
        for (Quote quote : floor.prices().quotes()) {
            prices.put(quote.symbol(), quote.price());
        }
        List<Valuation> valuations = floor.valuations(floor.prices(), List.copyOf(participants.keySet()));
        return new StepOutcome(battleId, floor.step(), floor.totalSteps(), floor.virtualTime(),
                status.isFinished(), config.startingBalance(), prices, valuations);
    }

    private void requireHistorical(String action) {
        if (!config.isHistorical()) {
            throw status.refuse(action, Map.of("reason", "only historical battles " + action.replace('_', ' ')
                    + " here; live battles trade through the agents' own endpoints"));
        }
    }

    @CommandHandler
    public void handle(CancelBattle command) {
        requireOwner(command.accountId());
        cancel(command.cancelledAt());
    }

    @CommandHandler
    public void handle(DeleteBattle command) {
        requireOwner(command.accountId());
        if (status.isEditable()) {
            apply(new BattleDeleted(battleId, accountId, status, command.deletedAt()));
        } else if (status.isRunning()) {
            cancel(command.deletedAt());
        } else if (!hidden) {
            apply(new BattleHidden(battleId, accountId, status, command.deletedAt()));
        }
        // hiding twice is the same as hiding once
    }

    /**
     * The final ranking, best first, by the one metrics calculator: over the steps of a
     * historical battle, over the equity snapshots of a live one.
     */
    private List<FinalRanking> finalRankings() {
        if (floor == null) {
            return List.of();
        }
        Map<String, String> names = new LinkedHashMap<>();
        participants.forEach((agentId, participant) -> names.put(agentId, participant.agentName()));
        Map<String, Instant> eliminated = new LinkedHashMap<>();
        participants.forEach((agentId, participant) -> {
            if (participant.eliminatedAt() != null) {
                eliminated.put(agentId, participant.eliminatedAt());
            }
        });
        return floor.rankings(names, eliminated);
    }

    private void cancel(Instant at) {
        if (!status.canCancel()) {
            throw status.refuse("cancel");
        }
        if (status.isRunning()) {
            closeLiveWallets(at);
        }
        List<String> released = status.isRunning() ? List.copyOf(participants.keySet()) : List.of();
        apply(new BattleCancelled(battleId, accountId, status, released, at));
    }

    private void admit(Entrant entrant, Instant at) {
        requireOwnedBy(accountId, entrant);
        if (participants.containsKey(entrant.agentId())) {
            throw alreadyIn(entrant.agentId(), battleId);
        }
        if (participants.size() >= MAX_PARTICIPANTS) {
            throw tooManyParticipants(battleId);
        }
        apply(new ParticipantAdded(battleId, accountId, entrant.agentId(), entrant.agentName(), BattleStatus.PENDING, at));
    }

    /** The caller found the agent in the owner's read model; this guards against a mix-up of accounts. */
    private static void requireOwnedBy(String owner, Entrant entrant) {
        if (entrant == null || entrant.agentId() == null || !owner.equals(entrant.agentAccountId())) {
            String agentId = entrant == null ? null : entrant.agentId();
            throw new DomainException(ErrorCode.AGENT_NOT_FOUND, "agent " + agentId + " not found",
                    agentId == null ? Map.of() : Map.of("agent_id", agentId));
        }
    }

    private static DomainException alreadyIn(String agentId, String battleId) {
        return new DomainException(ErrorCode.AGENT_ALREADY_IN_BATTLE,
                "agent " + agentId + " already takes part in this battle", Map.of("agent_id", agentId, "battle_id", battleId));
    }

    private HistoricalStart requireFittingHistoricalStart(HistoricalStart historical) {
        if (historical == null) {
            throw new DomainException(ErrorCode.DATA_NOT_COVERED,
                    "the stored candles do not cover this historical battle", Map.of("battle_id", battleId));
        }
        if (!historical.fits(config)) {
            throw new DomainException(ErrorCode.CONCURRENT_MODIFICATION,
                    "the battle's config changed while it was being started; retry", Map.of("battle_id", battleId));
        }
        return historical;
    }

    private void requireOwner(String requester) {
        if (!accountId.equals(requester)) {
            throw BattleErrors.notFound(battleId);
        }
    }

    private void requireEditable(String action) {
        if (!status.isEditable()) {
            throw status.refuse(action);
        }
    }

    private void requireRunning(String action) {
        if (!status.isRunning()) {
            throw status.refuse(action);
        }
    }

    private Participant requireParticipant(String agentId) {
        Participant participant = agentId == null ? null : participants.get(agentId);
        if (participant == null) {
            throw new DomainException(ErrorCode.PARTICIPANT_NOT_FOUND,
                    "agent " + agentId + " does not take part in battle " + battleId,
                    agentId == null ? Map.of("battle_id", battleId) : Map.of("battle_id", battleId, "agent_id", agentId));
        }
        return participant;
    }

    private DomainException participantRefusal(String agentId, ParticipantStatus participantStatus, String action) {
        return new DomainException(ErrorCode.INVALID_STATE_TRANSITION,
                "cannot " + action + " participant " + agentId + ": it is " + participantStatus.code(),
                Map.of("from", participantStatus.code(), "action", action, "agent_id", agentId));
    }

    private static DomainException tooManyParticipants(String battleId) {
        return new DomainException(ErrorCode.TOO_MANY_PARTICIPANTS,
                "a battle takes at most " + MAX_PARTICIPANTS + " participants",
                Map.of("battle_id", battleId, "max_participants", MAX_PARTICIPANTS));
    }

    @EventSourcingHandler
    void on(BattleCreated event) {
        battleId = event.battleId();
        accountId = event.accountId();
        name = event.name();
        config = event.config();
        status = BattleStatus.DRAFT;
    }

    @EventSourcingHandler
    void on(BattleConfigUpdated event) {
        name = event.name();
        config = event.config();
    }

    @EventSourcingHandler
    void on(ParticipantAdded event) {
        participants.put(event.agentId(), new Participant(event.agentName(), ParticipantStatus.ACTIVE, null));
        status = event.battleStatus();
    }

    @EventSourcingHandler
    void on(ParticipantRemoved event) {
        participants.remove(event.agentId());
        status = event.battleStatus();
    }

    @EventSourcingHandler
    void on(BattleStarted event) {
        config = event.config();
        status = BattleStatus.ACTIVE;
        startedAt = event.startedAt();
        floor = TradingFloor.open(event);
    }

    @EventSourcingHandler
    void on(ParticipantEliminated event) {
        participants.computeIfPresent(event.agentId(),
                (id, p) -> new Participant(p.agentName(), ParticipantStatus.ELIMINATED, event.eliminatedAt()));
    }

    @EventSourcingHandler
    void on(ParticipantWalletProvisioned event) {
        floor.provisioned(event.agentId(), event.holdings(), config.walletMode() != WalletMode.EXISTING);
    }

    @EventSourcingHandler
    void on(LiveSnapshotTaken event) {
        floor.snapshotTaken(event);
    }

    @EventSourcingHandler
    void on(BattleStepped event) {
        floor.stepped(event);
    }

    @EventSourcingHandler
    void on(OrderPlaced event) {
        floor.placed(event.agentId(), event.order());
    }

    @EventSourcingHandler
    void on(OrderFilled event) {
        floor.filled(event.agentId(), event.fill());
    }

    @EventSourcingHandler
    void on(OrderCancelled event) {
        floor.cancelled(event.agentId(), event.orderId());
    }

    @EventSourcingHandler
    void on(ParticipantPaused event) {
        participants.computeIfPresent(event.agentId(), (id, p) -> p.with(ParticipantStatus.PAUSED));
        status = event.battleStatus();
    }

    @EventSourcingHandler
    void on(ParticipantResumed event) {
        participants.computeIfPresent(event.agentId(), (id, p) -> p.with(ParticipantStatus.ACTIVE));
        status = event.battleStatus();
    }

    @EventSourcingHandler
    void on(BattleStopped event) {
        status = BattleStatus.COMPLETED;
    }

    @EventSourcingHandler
    void on(BattleCancelled event) {
        status = BattleStatus.CANCELLED;
    }

    @EventSourcingHandler
    void on(BattleHidden event) {
        hidden = true;
    }

    @EventSourcingHandler
    void on(BattleDeleted event) {
        markDeleted();
    }
}
