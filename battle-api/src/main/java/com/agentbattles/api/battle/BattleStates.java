package com.agentbattles.api.battle;

import com.agentbattles.api.battle.BattleParticipants.Participant;
import com.agentbattles.api.battle.BattleState.ParticipantState;
import com.agentbattles.api.battle.BattleState.StepCandle;
import com.agentbattles.api.web.Money;
import com.agentbattles.domain.battle.BattleQueries.BattleDetail;
import com.agentbattles.marketdata.feed.PriceFeed;
import com.agentbattles.marketdata.feed.PriceTick;
import com.agentbattles.query.battle.BattleParticipantReadModel;
import com.agentbattles.query.battle.BattleTradingReadModel;
import org.springframework.stereotype.Component;

import com.agentbattles.domain.battle.ParticipantStatus;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds a participant's {@link BattleState} from the read models as they are (the caller waits
 * for them first), and the prices a participant's wallet is valued at: the virtual clock's in a
 * historical battle; in a live one the feed's latest, else the latest snapshot's.
 */
@Component
public class BattleStates {

    private final BattleTradingReadModel trading;
    private final BattleParticipantReadModel participants;
    private final PriceFeed feed;

    public BattleStates(BattleTradingReadModel trading, BattleParticipantReadModel participants, PriceFeed feed) {
        this.trading = trading;
        this.participants = participants;
        this.feed = feed;
    }

    public BattleState state(Participant participant) {
        BattleDetail battle = participant.battle();
        String accountId = battle.accountId();
        Optional<BattleTradingReadModel.Progress> progress = trading.progress(accountId, battle.battleId());
        boolean live = progress.map(BattleTradingReadModel.Progress::live).orElse(!battle.config().isHistorical());
        Map<String, BigDecimal> prices = new TreeMap<>();
        prices(battle, progress).forEach((symbol, price) -> prices.put(symbol, Money.plain(price)));
        List<StepCandle> candles = live ? List.of()
                : participants.stepCandles(accountId, battle.battleId()).stream().map(StepCandle::of).toList();
        Long step = live ? null : progress.map(BattleTradingReadModel.Progress::step).orElse(0L);
        List<String> stillDeciding = List.of();
        Instant deadline = null;
        if (battle.config().agentsMoveTheClock() && battle.status().isRunning() && step != null) {
            BattleTradingReadModel.OpenStep open = trading.openStep(battle.battleId(), step);
            stillDeciding = battle.participants().stream()
                    .filter(p -> p.status() == ParticipantStatus.ACTIVE && !open.done().contains(p.agentId()))
                    .map(p -> p.agentId()).toList();
            deadline = battle.config().stepDeadline(open.openedAt());
        }
        return new BattleState(battle.battleId(), battle.status().code(), battle.config().battleMode().code(),
                step, live ? null : progress.map(BattleTradingReadModel.Progress::totalSteps).orElse(null),
                live ? null : progress.map(BattleTradingReadModel.Progress::virtualTime).orElse(null),
                candles, prices, new ParticipantState(participant.agentId(), participant.view().agentName(),
                participant.view().status().code()),
                battle.config().clockMode() == null ? null : battle.config().clockMode().code(), stillDeciding, deadline);
    }

    /** Whether a long poll waiting for a step after {@code afterStep} may answer with this state. */
    static boolean moved(BattleState state, long afterStep) {
        return com.agentbattles.domain.battle.BattleStatus.of(state.status()).isFinished() || (state.step() != null && state.step() > afterStep);
    }

    /** symbol → price, unscaled, for valuing the participant's wallet. */
    public Map<String, BigDecimal> prices(Participant participant) {
        BattleDetail battle = participant.battle();
        return prices(battle, trading.progress(battle.accountId(), battle.battleId()));
    }

    private Map<String, BigDecimal> prices(BattleDetail battle, Optional<BattleTradingReadModel.Progress> progress) {
        Map<String, BigDecimal> prices = new TreeMap<>(progress.map(BattleTradingReadModel.Progress::prices).orElse(Map.of()));
        boolean live = progress.map(BattleTradingReadModel.Progress::live).orElse(!battle.config().isHistorical());
        if (live && battle.status().isRunning()) {
            // a running live battle trades at the feed's latest price; a finished one was valued last at its snapshot
            for (String symbol : battle.config().pairs()) {
                feed.latestPrice(symbol).map(PriceTick::price).ifPresent(price -> prices.put(symbol, price));
            }
        }
        return prices;
    }
}
