package com.agentbattles.api.live;

import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Work this node repeats with a fixed delay on a daemon thread of its own, from the moment the
 * application has started (after Axon's processors and the web server, so that commands have
 * somewhere to go) until it stops.
 */
abstract class FixedDelayLoop implements SmartLifecycle {

    private final String threadName;
    private volatile ScheduledExecutorService scheduler;

    protected FixedDelayLoop(String threadName) {
        this.threadName = threadName;
    }

    /** One round; it must not throw (a loop that dies would silently stop its work). */
    protected abstract void runOnce();

    protected abstract Duration delay();

    /** Called before the first round. */
    protected void onStart() {
    }

    /** Called when the loop stops, after its last round. */
    protected void onStop() {
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        onStart();
        long period = delay().toMillis();
        executor.scheduleWithFixedDelay(this::runOnce, period, period, TimeUnit.MILLISECONDS);
        scheduler = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = scheduler;
        scheduler = null;
        if (executor != null) {
            executor.shutdownNow();
            awaitRoundInProgress(executor);
            onStop();
        }
    }

    /** A round that was running finishes first, so that onStop() comes after everything it did. */
    private static void awaitRoundInProgress(ScheduledExecutorService executor) {
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
