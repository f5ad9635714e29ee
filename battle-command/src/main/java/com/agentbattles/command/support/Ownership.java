package com.agentbattles.command.support;

import com.agentbattles.domain.common.OwnedCommand;
import com.agentbattles.domain.error.DomainException;

import java.util.function.Supplier;

/**
 * The one owner check of every aggregate: each calls it from a single command handler
 * interceptor, so no handler can forget it. A stranger learns nothing, not even that the resource
 * exists: the refusal is the aggregate's "not found".
 */
public final class Ownership {

    private Ownership() {
    }

    public static void require(String owner, OwnedCommand command, Supplier<DomainException> notFound) {
        if (owner == null || !owner.equals(command.accountId())) {
            throw notFound.get();
        }
    }
}
