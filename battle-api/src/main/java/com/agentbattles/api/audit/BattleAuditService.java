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

import java.util.ArrayList;
import java.util.List;

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
                              Boolean fingerprintMatches, String fingerprintProblem) {
    }

    private final EventStore eventStore;
    private final EventChainVerifier chains;
    private final BattleCandles candles;
    private final HistoricalStartPreparer preparer;

    public BattleAuditService(EventStore eventStore, EventChainVerifier chains, BattleCandles candles,
                              HistoricalStartPreparer preparer) {
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
        boolean matches = chain.intact() && replay.matches() && !Boolean.FALSE.equals(fingerprintMatches);
        return new AuditReport(battleId, matches, chain, replay, recorded, stored, fingerprintMatches, problem);
    }
}
