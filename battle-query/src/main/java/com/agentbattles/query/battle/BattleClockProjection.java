package com.agentbattles.query.battle;

import com.agentbattles.domain.battle.BattleEvents.BattleStarted;
import com.agentbattles.domain.battle.BattleTradingEvents.BattleStepped;
import com.agentbattles.domain.battle.LiveBattleEvents.LiveSnapshotTaken;
import com.agentbattles.domain.market.Candle;
import com.agentbattles.query.support.BatchWrites;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where each battle's clock stands ({@code battle_progress}): its step, the virtual time of a
 * historical battle, the last price of every pair its agents have seen, and what it was started
 * with, and the candles of its latest step (what its agents see of the current step). A live
 * battle's clock is its snapshot sequence, with no virtual time. Part of the
 * {@link BattleTradingProjection} group. A clock never moves back, so a redelivered event changes
 * nothing.
 */
@Component
@ProcessingGroup(BattleTradingProjection.NAME)
public class BattleClockProjection {

    private final JdbcClient jdbc;

    public BattleClockProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(BattleStarted event) {
        boolean live = event.historical() == null;
        Duration spacing = live ? event.snapshotInterval() : event.config().candleInterval().duration();
        jdbc.sql("""
                        INSERT INTO battle_progress (battle_id, step, total_steps, starting_balance, virtual_time, prices,
                            live, snapshot_interval_ms, started_at, wallet_mode)
                        VALUES (?, 0, ?, ?, ?, '{}'::jsonb, ?, ?, ?, ?) ON CONFLICT (battle_id) DO NOTHING""")
                .params(event.battleId(), live ? 0 : event.historical().totalSteps(), event.config().startingBalance(),
                        live ? null : Timestamp.from(event.historical().startTime()), live,
                        spacing == null ? null : spacing.toMillis(), Timestamp.from(event.startedAt()),
                        event.config().walletMode() == null ? null : event.config().walletMode().code())
                .update();
    }

    @EventHandler
    void on(LiveSnapshotTaken event) {
        Map<String, String> prices = new TreeMap<>();
        event.prices().forEach(quote -> prices.put(quote.symbol(), quote.price().toPlainString()));
        jdbc.sql("""
                        UPDATE battle_progress SET step = ?, prices = prices || ?::jsonb
                        WHERE battle_id = ? AND step < ?""")
                .params(event.sequence(), BattleJson.write(prices), event.battleId(), event.sequence())
                .update();
    }

    /** Steps are the bulk of a battle's log: a processor batch of them moves each battle's clock once. */
    @EventHandler
    void on(BattleStepped event) {
        BatchWrites.record(this, Clocks::new, clocks -> clocks.add(event), this::flush);
    }

    /** The last step of each battle in one processor batch, and the last price of each pair. */
    private static final class Clocks {
        final Map<String, BattleStepped> latest = new LinkedHashMap<>();
        final Map<String, Map<String, String>> prices = new LinkedHashMap<>();

        void add(BattleStepped event) {
            latest.put(event.battleId(), event);
            Map<String, String> seen = prices.computeIfAbsent(event.battleId(), id -> new TreeMap<>());
            for (Candle candle : event.candles()) {
                seen.put(candle.symbol(), candle.close().toPlainString());
            }
        }
    }

    private void flush(Clocks clocks) {
        clocks.latest.forEach((battleId, last) -> jdbc.sql("""
                        UPDATE battle_progress SET step = ?, virtual_time = ?, prices = prices || ?::jsonb,
                            candles = ?::jsonb
                        WHERE battle_id = ? AND step < ?""")
                .params(last.step(), Timestamp.from(last.virtualTime()), BattleJson.write(clocks.prices.get(battleId)),
                        BattleJson.write(last.candles()), battleId, last.step())
                .update());
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM battle_progress").update();
    }
}
