package com.agentbattles.query.support;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Write-behind for projections: a handler records its change in a buffer that lives as long as
 * the processor's batch (the root unit of work), and the buffer is written with a few JDBC
 * batches just before the batch's transaction commits, together with the token. A replay of a
 * long log then costs a handful of round trips per batch instead of one per event.
 * Outside a unit of work (a direct call), the change is written at once.
 */
public final class BatchWrites {

    private BatchWrites() {
    }

    /**
     * Applies {@code change} to the buffer of {@code owner} for the current batch, creating the
     * buffer (and scheduling {@code flush} before commit) on first use.
     */
    public static <B> void record(Object owner, Supplier<B> newBuffer, Consumer<B> change, Consumer<B> flush) {
        if (!CurrentUnitOfWork.isStarted()) {
            B buffer = newBuffer.get();
            change.accept(buffer);
            flush.accept(buffer);
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        String key = BatchWrites.class.getName() + "#" + owner.getClass().getName() + "@" + System.identityHashCode(owner);
        @SuppressWarnings("unchecked")
        B buffer = (B) unitOfWork.resources().computeIfAbsent(key, k -> {
            B created = newBuffer.get();
            unitOfWork.onPrepareCommit(u -> flush.accept(created));
            return created;
        });
        change.accept(buffer);
    }
}
