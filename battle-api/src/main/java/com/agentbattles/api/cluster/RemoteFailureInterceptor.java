package com.agentbattles.api.cluster;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * On the node that handles a command: a refusal leaves as a {@link CommandExecutionException}
 * whose details describe it ({@link RemoteFailure}), since only those details survive the trip
 * back. The exception still propagates, so the unit of work rolls back as before.
 */
final class RemoteFailureInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        try {
            return chain.proceed();
        } catch (RuntimeException e) {
            RemoteFailure failure = RemoteFailure.of(e);
            if (failure == null) {
                throw e;
            }
            throw new CommandExecutionException(e.getMessage(), e, failure);
        }
    }
}
