package com.agentbattles.api.bench;

import com.agentbattles.api.BattlesApplication;
import com.agentbattles.api.audit.EventChain;
import com.agentbattles.api.support.ProjectionRebuilder;
import com.agentbattles.api.support.ReadModelBarrier;
import com.agentbattles.domain.account.AccountMessages.AccountRegistered;
import com.agentbattles.domain.agent.AgentEvents.AgentArchived;
import com.agentbattles.domain.agent.AgentEvents.AgentCreated;
import com.agentbattles.domain.agent.AgentEvents.AgentKeyRegenerated;
import com.agentbattles.domain.agent.AgentEvents.AgentReset;
import com.agentbattles.domain.agent.AgentEvents.AgentUpdated;
import com.agentbattles.domain.agent.RiskConfig;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Load driver for the projection-rebuild target (≥ 20,000 events/s, docs/benchmarks.md). Not a
 * test: run it with {@code ./mvnw -B -o -q verify -pl battle-api -am -Pbench-rebuild -DskipTests}
 * (add {@code -Dbench.events=…} for another size).
 *
 * <p>It starts the real application (no web server, as {@code ./battles projections rebuild}
 * does) on a fresh embedded PostgreSQL, or on the database named by BATTLES_DB_URL; appends
 * {@code bench.events} events of accounts and agents straight through Axon's storage engine in
 * large batches, each stamped with its hash-chain link exactly as the live interceptor would,
 * while the projections are stopped; starts them and lets them fold the log from their tokens
 * (the reference read model); fingerprints the read
 * tables; rebuilds every projection with {@link ProjectionRebuilder}; and fingerprints again.
 * It exits non-zero when the rebuilt read model differs.
 */
public final class ProjectionRebuildBenchmark {

    private static final int APPEND_BATCH = 5_000;
    private static final int AGENTS_PER_ACCOUNT = 10;
    private static final List<String> TABLES = List.of("account_view", "agent_view", "api_credential", "battle_view",
            "agent_wallet");

    public static void main(String[] args) throws Exception {
        long events = Long.getLong("bench.events", 1_000_000);
        String dbUrl = System.getenv("BATTLES_DB_URL");
        Path dataDir = Files.createTempDirectory("battles-bench-");
        SpringApplication application = new SpringApplication(BattlesApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        int exit;
        try (ConfigurableApplicationContext context = application.run(
                "--battles.data-dir=" + dataDir, "--battles.market.feed=none", "--logging.level.root=WARN",
                "--spring.main.log-startup-info=false")) {
            exit = new ProjectionRebuildBenchmark(context, dataDir).run(events, dbUrl == null ? "embedded PostgreSQL in " + dataDir : dbUrl);
        }
        System.exit(exit);
    }

    private final EventStorageEngine storage;
    private final EventChain chain;
    private final ProjectionRebuilder rebuilder;
    private final ReadModelBarrier barrier;
    private final JdbcClient jdbc;
    private final Path dataDir;
    private final ConfigurableApplicationContext context;

    private ProjectionRebuildBenchmark(ConfigurableApplicationContext context, Path dataDir) {
        this.dataDir = dataDir;
        this.context = context;
        this.storage = context.getBean(EventStorageEngine.class);
        this.chain = context.getBean(EventChain.class);
        this.rebuilder = context.getBean(ProjectionRebuilder.class);
        this.barrier = context.getBean(ReadModelBarrier.class);
        this.jdbc = context.getBean(JdbcClient.class);
    }

    private int run(long target, String database) {
        System.out.printf(Locale.ROOT, "database: %s; %d cores; JVM %s%n", database,
                Runtime.getRuntime().availableProcessors(), Runtime.version());
        if (barrier.headPosition() >= 0) {
            System.out.println("the event log is not empty: run the benchmark on a fresh database");
            return 2;
        }

        // the projections sit out the load, as on a node that was down while the log grew: the
        // append gets the machine to itself, and the projections then fold the log incrementally
        // from their tokens, which gives the reference read model the rebuild must reproduce
        var processors = context.getBean(org.axonframework.config.EventProcessingConfiguration.class).eventProcessors().values();
        processors.forEach(org.axonframework.eventhandling.EventProcessor::shutDown);
        long started = System.nanoTime();
        long appended = append(target);
        double appendSeconds = seconds(started);
        System.out.printf(Locale.ROOT, "appended %,d events in %.1f s (%,.0f events/s)%n", appended, appendSeconds,
                appended / appendSeconds);

        long live = System.nanoTime();
        processors.forEach(org.axonframework.eventhandling.EventProcessor::start);
        barrier.awaitProjections(Duration.ofHours(1));
        double liveSeconds = seconds(live);
        System.out.printf(Locale.ROOT, "projections caught up with the log in %.1f s (%,.0f events/s)%n", liveSeconds,
                appended / liveSeconds);
        Map<String, String> before = fingerprint();
        before.forEach((table, print) -> System.out.printf("  before %-15s %s%n", table, print));

        double loadBefore = loadAverage();
        double cpuBefore = cpuSeconds(dataDir);
        var report = rebuilder.rebuild(List.of(), progress -> {
        });
        double cpu = cpuSeconds(dataDir) - cpuBefore;
        System.out.printf(Locale.ROOT, "REBUILD %s: %,d events in %.1f s = %,.0f events/s%n",
                String.join(",", report.projections()), report.events(), report.seconds(), report.eventsPerSecond());
        System.out.printf(Locale.ROOT, "  CPU used by the server and its PostgreSQL: %.1f s = %,.0f events per CPU-second; "
                + "load average %.1f before, %.1f after (other processes share this machine)%n",
                cpu, report.events() / cpu, loadBefore, loadAverage());

        Map<String, String> after = fingerprint();
        after.forEach((table, print) -> System.out.printf("  after  %-15s %s%n", table, print));
        boolean same = before.equals(after);
        System.out.println(same ? "read model reproduced: identical row counts and checksums"
                : "READ MODEL DIFFERS after the rebuild");
        return same ? 0 : 1;
    }

    /** 1-minute load average of the machine: how much other work competed for its cores. */
    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /**
     * CPU seconds consumed so far by this JVM and by the PostgreSQL processes whose command line
     * names the data dir (the embedded server; an external one is not counted). Unlike wall time,
     * this does not depend on what else runs on a shared machine.
     */
    private static double cpuSeconds(Path dataDir) {
        double jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
        double postgres = 0;
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    String cmdline = Files.readString(proc.resolve("cmdline")).replace('\0', ' ');
                    String stat = Files.readString(proc.resolve("stat"));
                    if (cmdline.contains("postgres") && (cmdline.contains(dataDir.toString()) || isPostgresChildOf(stat, dataDir))) {
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        postgres += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0; // utime + stime, in ticks
                    }
                } catch (java.io.IOException | RuntimeException gone) {
                    // the process ended while we looked
                }
            }
        } catch (java.io.IOException e) {
            return jvm;
        }
        return jvm + postgres;
    }

    private static final Map<String, Boolean> POSTMASTER_CHILDREN = new java.util.concurrent.ConcurrentHashMap<>();

    /** Backends show "postgres: …" as their command line; they are children of the postmaster, which names the data dir. */
    private static boolean isPostgresChildOf(String stat, Path dataDir) throws java.io.IOException {
        String parent = stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1];
        return POSTMASTER_CHILDREN.computeIfAbsent(parent, pid -> {
            try {
                return Files.readString(Path.of("/proc", pid, "cmdline")).contains(dataDir.toString());
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }

    /** Row count and an order-independent MD5 of every row's text, per read table. */
    private Map<String, String> fingerprint() {
        Map<String, String> prints = new LinkedHashMap<>();
        for (String table : TABLES) {
            prints.put(table, jdbc.sql("SELECT count(*) || ' rows, md5 ' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '-') FROM "
                    + table + " t").query(String.class).single());
        }
        return prints;
    }

    /**
     * Accounts with ten agents each; an agent is created, then mostly has its name and risk
     * profile edited, sometimes its key rotated or its balance reset, and one in ten is archived:
     * the mix of a busy agent-management workload. Returns the number of events appended.
     */
    private long append(long target) {
        Random random = new Random(42);
        List<EventMessage<?>> batch = new ArrayList<>(APPEND_BATCH);
        Instant clock = Instant.parse("2026-01-01T00:00:00Z");
        long count = 0;
        int account = 0;
        long nextReport = 100_000;
        while (count < target) {
            String accountId = "acc-" + account++;
            List<AgentState> agents = new ArrayList<>();
            for (int a = 0; a < AGENTS_PER_ACCOUNT; a++) {
                agents.add(new AgentState(accountId + "-agent-" + a, randomHash()));
            }
            clock = clock.plusMillis(1);
            batch.add(event("Account", accountId, 0, EventChain.GENESIS,
                    new AccountRegistered(accountId, "Trader " + account, "trader" + account + "@example.com",
                            randomHash(), agents.get(0).id, clock), clock, null));
            count++;
            for (int a = 0; a < agents.size(); a++) {
                AgentState agent = agents.get(a);
                clock = clock.plusMillis(1);
                agent.emit(batch, this, new AgentCreated(agent.id, accountId, a == 0 ? "default" : "bot " + a, "momentum v" + a,
                        new BigDecimal("10000.00"), RiskConfig.defaults(), agent.keyHash, "ak_live_" + agent.id.hashCode(),
                        a == 0, null, clock), clock);
                count++;
            }
            int perAccount = 1 + AGENTS_PER_ACCOUNT + random.nextInt(180, 200);
            for (int e = 1 + AGENTS_PER_ACCOUNT; e < perAccount && count < target; e++) {
                AgentState agent = agents.get(random.nextInt(agents.size()));
                if (agent.archived) {
                    continue;
                }
                clock = clock.plusMillis(1);
                int roll = random.nextInt(100);
                if (roll < 85) {
                    agent.emit(batch, this, new AgentUpdated(agent.id, accountId, "bot " + e, "tuned " + e,
                            new RiskConfig(BigDecimal.valueOf(10 + random.nextInt(40)), BigDecimal.valueOf(5 + random.nextInt(20)),
                                    BigDecimal.valueOf(5 + random.nextInt(15)), 1 + random.nextInt(100)), clock), clock);
                } else if (roll < 93) {
                    String previous = agent.keyHash;
                    agent.keyHash = randomHash();
                    agent.emit(batch, this, new AgentKeyRegenerated(agent.id, accountId, previous, agent.keyHash,
                            "ak_live_" + e, clock), clock);
                } else if (roll < 99) {
                    agent.emit(batch, this, new AgentReset(agent.id, accountId,
                            BigDecimal.valueOf(1000 + random.nextInt(9000)).setScale(2), clock), clock);
                } else {
                    agent.archived = true;
                    agent.emit(batch, this, new AgentArchived(agent.id, accountId, agent.keyHash, clock), clock);
                }
                count++;
            }
            if (batch.size() >= APPEND_BATCH) {
                storage.appendEvents(batch);
                batch.clear();
            }
            if (count >= nextReport) {
                System.out.printf(Locale.ROOT, "  … %,d events appended%n", count);
                nextReport += 100_000;
            }
        }
        if (!batch.isEmpty()) {
            storage.appendEvents(batch);
        }
        return count;
    }

    /** An aggregate event stamped with its hash-chain link, as {@code EventChainInterceptor} stamps live ones. */
    private DomainEventMessage<?> event(String type, String aggregateId, long sequence, String previousHash,
                                        Object payload, Instant at, String[] hashOut) {
        DomainEventMessage<?> event = new GenericDomainEventMessage<>(type, aggregateId, sequence, payload, MetaData.emptyInstance(),
                java.util.UUID.randomUUID().toString(), at);
        String hash = chain.hash(previousHash, event);
        if (hashOut != null) {
            hashOut[0] = hash;
        }
        return event.andMetaData(Map.of(EventChain.METADATA_KEY, hash));
    }

    private static final class AgentState {
        final String id;
        String keyHash;
        long sequence;
        String lastHash = EventChain.GENESIS;
        boolean archived;

        AgentState(String id, String keyHash) {
            this.id = id;
            this.keyHash = keyHash;
        }

        void emit(List<EventMessage<?>> batch, ProjectionRebuildBenchmark bench, Object payload, Instant at) {
            String[] hash = new String[1];
            batch.add(bench.event("Agent", id, sequence++, lastHash, payload, at, hash));
            lastHash = hash[0];
        }
    }

    private static String randomHash() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
