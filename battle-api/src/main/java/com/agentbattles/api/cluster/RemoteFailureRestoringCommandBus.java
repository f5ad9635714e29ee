package com.agentbattles.api.cluster;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.MessageHandlerInterceptor;

/**
 * On the node that dispatched a command: a {@link RemoteFailure} coming back becomes the exception
 * it describes, so the gateway throws a {@code DomainException} (or a concurrency conflict, or a
 * missing aggregate) whichever node handled the command, exactly as a single node does.
 */
final class RemoteFailureRestoringCommandBus implements CommandBus {

    private final CommandBus delegate;

    RemoteFailureRestoringCommandBus(CommandBus delegate) {
        this.delegate = delegate;
    }

    @Override
    public <C> void dispatch(CommandMessage<C> command) {
        delegate.dispatch(command);
    }

    @Override
    public <C, R> void dispatch(CommandMessage<C> command, CommandCallback<? super C, ? super R> callback) {
        delegate.dispatch(command, (CommandCallback<C, R>) (message, result) ->
                callback.onResult(message, restored(result)));
    }

    @SuppressWarnings("unchecked")
    static <R> CommandResultMessage<R> restored(CommandResultMessage<R> result) {
        if (result.isExceptional() && result.exceptionResult() instanceof CommandExecutionException failed
                && failed.getDetails().orElse(null) instanceof RemoteFailure failure) {
            return (CommandResultMessage<R>) GenericCommandResultMessage.asCommandResultMessage(failure.toException())
                    .andMetaData(result.getMetaData());
        }
        return result;
    }

    @Override
    public Registration subscribe(String commandName, MessageHandler<? super CommandMessage<?>> handler) {
        return delegate.subscribe(commandName, handler);
    }

    @Override
    public Registration registerHandlerInterceptor(MessageHandlerInterceptor<? super CommandMessage<?>> interceptor) {
        return delegate.registerHandlerInterceptor(interceptor);
    }

    @Override
    public Registration registerDispatchInterceptor(MessageDispatchInterceptor<? super CommandMessage<?>> interceptor) {
        return delegate.registerDispatchInterceptor(interceptor);
    }
}
