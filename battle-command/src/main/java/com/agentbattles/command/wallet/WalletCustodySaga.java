package com.agentbattles.command.wallet;

import com.agentbattles.domain.agent.WalletCommands.HandOverWallet;
import com.agentbattles.domain.agent.WalletCommands.ReturnWallet;
import com.agentbattles.domain.agent.WalletEvents.WalletHandedOver;
import com.agentbattles.domain.agent.WalletEvents.WalletReturned;
import com.agentbattles.domain.battle.BattleEvents.BattleCancelled;
import com.agentbattles.domain.battle.BattleEvents.BattleStarted;
import com.agentbattles.domain.battle.BattleEvents.BattleStopped;
import com.agentbattles.domain.battle.LiveBattleCommands.ProvisionParticipantWallet;
import com.agentbattles.domain.battle.LiveBattleCommands.RecordWalletRefused;
import com.agentbattles.domain.battle.LiveBattleEvents.ParticipantWalletClosed;
import com.agentbattles.domain.battle.WalletMode;
import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.domain.trading.WalletHoldings;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Moves the participants' wallets into a live battle and back out of it.
 * <p>
 * At the start each agent hands its wallet over ({@link WalletHandedOver} keeps the wallet as it
 * was); the battle then gets a wallet of its own for the agent: {@code starting_balance} USDT in
 * fresh mode, the agent's holdings in existing mode. When the battle stops or is cancelled each
 * agent takes its wallet back: a fresh-mode agent exactly what it set aside, an existing-mode
 * agent what the battle left in it ({@link ParticipantWalletClosed}).
 * <p>
 * Restart-safe: the saga's state and its processor's token are stored with the events, every
 * command it sends is idempotent on the receiving aggregate, and a failure to send propagates
 * so that the event is handled again (see {@link WalletCustodyConfig}). Historical battles keep
 * their wallets inside the battle, so their saga ends at once.
 */
@Saga
@ProcessingGroup(WalletCustodySaga.PROCESSING_GROUP)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class WalletCustodySaga {

    public static final String PROCESSING_GROUP = "wallet-custody";

    private static final Logger log = LoggerFactory.getLogger(WalletCustodySaga.class);
    private static final String BATTLE_ID = "battleId";

    @Autowired
    private transient CommandGateway commands;

    private String battleId;
    private String accountId;
    private WalletMode walletMode;
    private BigDecimal startingBalance;
    /** Agents whose wallet the battle holds, until they have it back. */
    private final Set<String> inCustody = new LinkedHashSet<>();
    /**
     * Agents not settled yet: neither back home nor refused. The saga lives until this is empty,
     * so that a wallet handed over after the battle ended still finds its way back.
     */
    private final Set<String> unsettled = new LinkedHashSet<>();
    /** What each battle wallet held when the battle ended. */
    private final Map<String, WalletHoldings> closed = new LinkedHashMap<>();
    private Instant endedAt;

    @StartSaga
    @SagaEventHandler(associationProperty = BATTLE_ID)
    void on(BattleStarted event) {
        if (event.historical() != null) {
            SagaLifecycle.end();
            return;
        }
        battleId = event.battleId();
        accountId = event.accountId();
        walletMode = event.config().walletMode();
        startingBalance = event.config().startingBalance();
        unsettled.addAll(event.agentIds());
        for (String agentId : event.agentIds()) {
            Optional<DomainException> refusal = trySend(agentId,
                    new HandOverWallet(agentId, accountId, battleId, walletMode, event.startedAt()));
            if (refusal.isPresent()) {
                // refused for good (the wallet is in another battle, the agent is gone): this battle never
                // holds that wallet, and says so instead of waiting for it
                unsettled.remove(agentId);
                send(agentId, new RecordWalletRefused(battleId, agentId, refusal.get().code(),
                        refusal.get().getMessage(), event.startedAt()));
            }
        }
    }

    @SagaEventHandler(associationProperty = BATTLE_ID)
    void on(WalletHandedOver event) {
        inCustody.add(event.agentId());
        if (endedAt != null) {
            // the battle ended before this wallet arrived: straight back
            send(event.agentId(), new ReturnWallet(event.agentId(), accountId, battleId, null, endedAt));
            return;
        }
        WalletHoldings provided = walletMode == WalletMode.EXISTING
                ? event.setAside() : WalletHoldings.cashOnly(startingBalance);
        send(event.agentId(), new ProvisionParticipantWallet(battleId, event.agentId(), provided, event.at()));
    }

    @SagaEventHandler(associationProperty = BATTLE_ID)
    void on(ParticipantWalletClosed event) {
        closed.put(event.agentId(), event.holdings());
    }

    @SagaEventHandler(associationProperty = BATTLE_ID)
    void on(BattleStopped event) {
        returnWallets(event.stoppedAt());
    }

    @SagaEventHandler(associationProperty = BATTLE_ID)
    void on(BattleCancelled event) {
        returnWallets(event.cancelledAt());
    }

    @SagaEventHandler(associationProperty = BATTLE_ID)
    void on(WalletReturned event) {
        inCustody.remove(event.agentId());
        unsettled.remove(event.agentId());
        endWhenSettled();
    }

    private void returnWallets(Instant at) {
        endedAt = at;
        for (String agentId : inCustody) {
            send(agentId, new ReturnWallet(agentId, accountId, battleId, closed.get(agentId), at));
        }
        endWhenSettled();
    }

    private void endWhenSettled() {
        if (endedAt != null && unsettled.isEmpty()) {
            SagaLifecycle.end();
        }
    }

    /**
     * A refusal (the agent was deleted, or its wallet is in another battle) is final and logged;
     * anything else propagates so that the processor retries the event.
     *
     * @return false when refused
     */
    private boolean send(String agentId, Object command) {
        return trySend(agentId, command).isEmpty();
    }

    /** @return the refusal, or empty when the command was carried out */
    private Optional<DomainException> trySend(String agentId, Object command) {
        try {
            commands.sendAndWait(command);
            return Optional.empty();
        } catch (AggregateNotFoundException e) {
            log.warn("Wallet custody of agent {} in battle {}: {} refused: the agent is gone", agentId, battleId,
                    command.getClass().getSimpleName());
            return Optional.of(new DomainException(ErrorCode.AGENT_NOT_FOUND, "agent " + agentId + " not found"));
        } catch (DomainException e) {
            log.warn("Wallet custody of agent {} in battle {}: {} refused: {}", agentId, battleId,
                    command.getClass().getSimpleName(), e.getMessage());
            return Optional.of(e);
        }
    }
}
