package com.agentbattles.command.battle;

import java.time.Instant;

/** The time-out of one step of the agents' clock, as the deadline manager stores it until it fires. */
public record StepDeadline(long step, Instant at) {
    static final String NAME = "battle-step-timeout";
}
