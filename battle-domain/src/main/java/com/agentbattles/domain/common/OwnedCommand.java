package com.agentbattles.domain.common;

/**
 * A command on a resource that belongs to one account. The aggregate refuses it, as "not found",
 * when {@link #accountId()} is not the owner's: another account's resources are invisible.
 */
public interface OwnedCommand {

    /** The account the caller acts for. */
    String accountId();
}
