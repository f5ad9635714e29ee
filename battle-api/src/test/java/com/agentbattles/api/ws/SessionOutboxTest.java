package com.agentbattles.api.ws;

import org.junit.jupiter.api.Test;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** A stalled client never holds the caller, and is dropped once too much waits for it. */
class SessionOutboxTest {

    @Test
    void aStalledClientNeitherBlocksTheCallerNorKeepsMoreThanItsBuffer() throws Exception {
        ExecutorService executor = Executors.newCachedThreadPool();
        CountDownLatch stalled = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        WebSocketSession session = mock(WebSocketSession.class);
        when(session.isOpen()).thenReturn(true);
        when(session.getId()).thenReturn("slow");
        doAnswer(invocation -> {
            stalled.countDown();
            release.await(10, TimeUnit.SECONDS); // the socket does not move
            return null;
        }).when(session).sendMessage(any());
        try {
            SessionOutbox outbox = new SessionOutbox(session, executor, 60_000, 1_000);
            long started = System.nanoTime();
            outbox.send(new TextMessage("x".repeat(100)));
            assertThat(stalled.await(5, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 20; i++) {
                outbox.send(new TextMessage("y".repeat(100))); // 2,000 bytes against a 1,000-byte buffer
            }
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(2_000);
            verify(session, timeout(5_000)).close(CloseStatus.SESSION_NOT_RELIABLE);
            assertThat(outbox.isOpen()).isFalse();
        } finally {
            release.countDown();
            executor.shutdownNow();
        }
    }
}
