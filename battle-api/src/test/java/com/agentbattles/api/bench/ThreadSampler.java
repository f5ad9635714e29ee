package com.agentbattles.api.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A poor man's jstack for the load drivers: while a measurement runs it dumps the application's
 * threads a few times a second and sorts each request thread ({@code http-nio-*}) and each event
 * processor thread by what its stack says it is doing, so that a report can say where a curve bends
 * from what the threads did (waiting on PostgreSQL, on a pool connection, on an aggregate lock, on
 * the CPU) instead of from a guess. Sampling costs a little CPU itself (a few dumps per second).
 */
final class ThreadSampler implements AutoCloseable {

    private static final long PERIOD_MS = 250;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<String, Integer> requestStates = new TreeMap<>();
    private final Map<String, Integer> processorStates = new TreeMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread sampler;
    private int dumps;

    private ThreadSampler() {
        sampler = new Thread(this::loop, "bench-thread-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    static ThreadSampler start() {
        return new ThreadSampler();
    }

    private void loop() {
        while (running.get()) {
            sample();
            try {
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void sample() {
        dumps++;
        for (ThreadInfo info : threads.dumpAllThreads(false, false)) {
            if (info == null) {
                continue;
            }
            String name = info.getThreadName();
            String state = classify(info);
            if (state == null) {
                continue;
            }
            if (name.startsWith("http-nio")) {
                requestStates.merge(state, 1, Integer::sum);
            } else if (name.contains("WorkPackage") || name.contains("Coordinator") || name.contains("EventProcessor")) {
                processorStates.merge(state, 1, Integer::sum);
            }
        }
    }

    /** What one thread is doing, from its stack; {@code null} for a thread that is idle (parked waiting for work). */
    private static String classify(ThreadInfo info) {
        StackTraceElement[] stack = info.getStackTrace();
        boolean pool = false;
        boolean postgres = false;
        boolean lock = false;
        boolean idle = false;
        for (StackTraceElement frame : stack) {
            String where = frame.getClassName() + "." + frame.getMethodName();
            pool |= where.contains("HikariPool.getConnection") || where.contains("ConcurrentBag.borrow");
            postgres |= where.startsWith("org.postgresql") && (where.contains("receive") || where.contains("read")
                    || where.contains("Stream"));
            lock |= where.contains("PessimisticLockFactory") || where.contains("DisruptorCommandBus")
                    || where.contains("ReentrantLock") && where.contains("lock");
            idle |= where.contains("TaskQueue.take") || where.contains("TaskQueue.poll") || where.contains("NioEndpoint$Poller")
                    || where.contains("ScheduledThreadPoolExecutor$DelayedWorkQueue.take")
                    || where.contains("LinkedBlockingQueue.take") || where.contains("LinkedBlockingQueue.poll")
                    || where.contains("Acceptor.run") || where.contains("NioEndpoint.serverSocketAccept");
        }
        if (pool) {
            return "waiting for a pooled connection";
        }
        if (postgres) {
            return "waiting on PostgreSQL";
        }
        if (lock) {
            return "waiting on a lock";
        }
        if (idle) {
            return null;
        }
        return info.getThreadState() == Thread.State.RUNNABLE ? "running (CPU)" : "other wait ("
                + info.getThreadState().name().toLowerCase(Locale.ROOT) + ")";
    }

    /** Share of the busy samples per state, e.g. "running (CPU) 41%, waiting on PostgreSQL 52%, …". */
    synchronized String requests() {
        return summary(requestStates);
    }

    synchronized String processors() {
        return summary(processorStates);
    }

    /** Busy request threads on average per dump: how many requests the server was really serving at once. */
    synchronized double busyRequestThreads() {
        return dumps == 0 ? 0 : requestStates.values().stream().mapToInt(Integer::intValue).sum() / (double) dumps;
    }

    private static String summary(Map<String, Integer> states) {
        int total = states.values().stream().mapToInt(Integer::intValue).sum();
        if (total == 0) {
            return "(no busy samples)";
        }
        StringBuilder out = new StringBuilder();
        states.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).forEach(e -> {
            if (!out.isEmpty()) {
                out.append(", ");
            }
            out.append(e.getKey()).append(' ').append(Math.round(100.0 * e.getValue() / total)).append('%');
        });
        return out.append(" of ").append(total).append(" samples").toString();
    }

    @Override
    public void close() {
        running.set(false);
        sampler.interrupt();
        try {
            sampler.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
