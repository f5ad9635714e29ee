package com.agentbattles.command.battle.core;

/**
 * Where the battle's rules put the events they decide. The rules read the state again right
 * after each event, so a recorder must have folded the event into the {@link BattleState} by the
 * time {@link #record} returns: Axon's {@code AggregateLifecycle.apply} does (through the
 * aggregate's event-sourcing handler), the audit's comparing recorder does, and so does
 * {@link BattleState#folding()} for plain tests.
 */
@FunctionalInterface
public interface BattleRecorder {

    void record(Object event);
}
