package com.agentbattles.query.battle;

/**
 * The read models of trading in battles, historical and live: one processing group,
 * {@value #NAME}, folded by projections that each own their tables and have their own reset
 * handler:
 * <ul>
 *     <li>{@link BattleClockProjection}: where each battle's clock stands ({@code battle_progress});</li>
 *     <li>{@link BattleEquityProjection}: each participant's baseline, elimination and equity
 *     snapshots, the equity curve, the standings' inputs and each participant's metrics tracker
 *     after its latest snapshot ({@code battle_standing}, {@code battle_snapshot});</li>
 *     <li>{@link BattleOrderBookProjection}: orders and fills ({@code battle_order}, {@code battle_trade});</li>
 *     <li>{@link BattleWalletProjection}: each participant's wallet in the battle ({@code battle_wallet});</li>
 *     <li>{@link BacktestSessionProjection}: the backtest records of finished historical battles
 *     ({@code backtest_session});</li>
 *     <li>{@link BattleDecisionProjection}: how each participant played the agents' clock ({@code battle_decisions});</li>
 *     <li>{@link DecisionNotesProjection}: each participant's decision timeline ({@code battle_decision_notes});</li>
 *     <li>{@link BuyAndHoldProjection}: the battle's buy-and-hold baseline ({@code battle_buy_and_hold},
 *     {@code battle_buy_and_hold_snapshot}).</li>
 * </ul>
 * Sharing the group, they share one processor and one token: they see every event in the same
 * batch and transaction, a reset of the group runs all their reset handlers, and a rebuild
 * replays them together. So one may read a table another writes (the clock's starting balance,
 * wallet mode and kind of battle), and the group's name never changes, so that no token moves.
 */
public final class BattleTradingProjection {

    public static final String NAME = "battle-trading";

    private BattleTradingProjection() {
    }
}
