package com.agentbattles.api.audit;

import com.agentbattles.command.battle.core.BattleCandles;
import com.agentbattles.domain.battle.BattleErrors;
import com.agentbattles.command.battle.BattleAudit;

import com.agentbattles.command.battle.HistoricalStartPreparer;
import com.agentbattles.domain.battle.BattleEvents.BattleCreated;
import com.agentbattles.domain.battle.BattleEvents.BattleStarted;
import com.agentbattles.domain.error.DomainException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Service;

import com.agentbattles.domain.metrics.BaselineValue;
import com.agentbattles.query.battle.BuyAndHoldReadModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The audit of one battle, from its event log: the hash chain (nothing altered or removed), the
 * recorded rankings re-derived with the one calculator, the agents' orders re-simulated on the
 * candle store, and the candle fingerprint recomputed from the store.
 */
@Service
public class BattleAuditService {

    /** @param fingerprintMatches null when the battle records no fingerprint (live) or the store lacks the data */
    public record AuditReport(String battleId, boolean matches, EventChainVerifier.ChainReport chain,
                              BattleAudit.Report replay, String recordedFingerprint, String storeFingerprint,
                              Boolean fingerprintMatches, String fingerprintProblem, BaselineAudit baseline) {
    }

    /**
     * The buy-and-hold baseline folded again from the log, against what the read model shows.
     *
     * @param rederived         its latest value from the log alone; null before the battle's first price
     * @param storedSnapshots   how many stored snapshots were compared (a read model behind the log stores fewer)
     * @param matches           every stored snapshot and the stored latest value equal the fold; null with nothing stored
     * @param firstDifference   the first step that differs, e.g. {@code step 12 equity: stored 9990.1, re-derived 9990.2}
     */
    public record BaselineAudit(BaselineValue rederived, int storedSnapshots, Boolean matches, String firstDifference) {
    }

    private final EventStore eventStore;
    private final EventChainVerifier chains;
    private final BattleCandles candles;
    private final HistoricalStartPreparer preparer;
    private final BuyAndHoldReadModel baselines;

    public BattleAuditService(EventStore eventStore, EventChainVerifier chains, BattleCandles candles,
                              HistoricalStartPreparer preparer, BuyAndHoldReadModel baselines) {
        this.baselines = baselines;
        this.eventStore = eventStore;
        this.chains = chains;
        this.candles = candles;
        this.preparer = preparer;
    }

    /** @param accountId the owner asking, or null for an operator (command line) */
    public AuditReport audit(String battleId, String accountId) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        eventStore.readEvents(battleId, 0).forEachRemaining(events::add);
        List<BattleAudit.LoggedEvent> log = events.stream()
                .map(event -> new BattleAudit.LoggedEvent(event.getSequenceNumber(), event.getPayload())).toList();
        if (log.isEmpty() || !(log.get(0).payload() instanceof BattleCreated created)
                || (accountId != null && !created.accountId().equals(accountId))) {
            throw BattleErrors.notFound(battleId);
        }
        EventChainVerifier.ChainReport chain = chains.verify(battleId);
        BattleAudit.Report replay = BattleAudit.audit(battleId, log, candles);
        BattleStarted started = log.stream().map(BattleAudit.LoggedEvent::payload)
                .filter(BattleStarted.class::isInstance).map(BattleStarted.class::cast).findFirst().orElse(null);
        String recorded = started == null || started.historical() == null ? null : started.historical().dataFingerprint();
        String stored = null;
        String problem = null;
        if (recorded != null) {
            try {
                stored = preparer.prepare(battleId, started.config()).dataFingerprint();
            } catch (DomainException e) {
                problem = e.getMessage();
            }
        }
        Boolean fingerprintMatches = recorded == null || stored == null ? null : recorded.equals(stored);
        BaselineAudit baseline = baseline(battleId, BattleAudit.baselineCurve(log));
        boolean matches = chain.intact() && replay.matches() && !Boolean.FALSE.equals(fingerprintMatches)
                && !Boolean.FALSE.equals(baseline.matches());
        return new AuditReport(battleId, matches, chain, replay, recorded, stored, fingerprintMatches, problem, baseline);
    }

    /** Every stored baseline snapshot, and the stored latest value, must be what the log folds to at that step. */
    private BaselineAudit baseline(String battleId, Map<Long, BaselineValue> rederived) {
        BaselineValue last = rederived.isEmpty() ? null : List.copyOf(rederived.values()).get(rederived.size() - 1);
        Map<Long, BaselineValue> stored = baselines.curve(battleId);
        Optional<BaselineValue> latest = baselines.latest(battleId);
        if (stored.isEmpty() && latest.isEmpty()) {
            return new BaselineAudit(last, 0, null, null);
        }
        long lastStep = -1;
        for (Map.Entry<Long, BaselineValue> entry : stored.entrySet()) {
            BaselineValue again = rederived.get(entry.getKey());
            String difference = difference(entry.getKey(), entry.getValue(), again);
            if (difference != null) {
                return new BaselineAudit(last, stored.size(), false, difference);
            }
            lastStep = entry.getKey();
        }
        if (latest.isPresent()) {
            BaselineValue again = rederived.get(lastStep);
            if (again == null || !latest.get().sameAs(again)) {
                return new BaselineAudit(last, stored.size(), false, "latest (step " + lastStep + "): stored "
                        + latest.get() + ", re-derived " + again);
            }
        }
        return new BaselineAudit(last, stored.size(), true, null);
    }

    private static String difference(long step, BaselineValue stored, BaselineValue again) {
        if (again == null) {
            return "step " + step + ": stored " + stored.equity() + ", the log has no baseline there";
        }
        if (stored.equity().compareTo(again.equity()) != 0) {
            return "step " + step + " equity: stored " + stored.equity() + ", re-derived " + again.equity();
        }
        if (stored.roiPct().compareTo(again.roiPct()) != 0) {
            return "step " + step + " roi_pct: stored " + stored.roiPct() + ", re-derived " + again.roiPct();
        }
        if (stored.totalPnl().compareTo(again.totalPnl()) != 0) {
            return "step " + step + " total_pnl: stored " + stored.totalPnl() + ", re-derived " + again.totalPnl();
        }
        return null;
    }
}
