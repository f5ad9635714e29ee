package com.agentbattles.marketdata.binance;

import com.agentbattles.marketdata.config.MarketDataProperties;
import com.agentbattles.marketdata.feed.AbstractPriceFeed;
import com.agentbattles.marketdata.feed.FeedHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Live prices from Binance's combined market streams ({@code /stream?streams=btcusdt@kline_1m/…}).
 * Never stops the application: when Binance is unreachable it reports DOWN and retries with
 * exponential backoff. It answers pings (the JDK client pongs automatically), reconnects when the
 * connection drops, when Binance announces {@code serverShutdown}, and before Binance's 24-hour
 * cut; symbols added at runtime are subscribed on the open connection.
 */
@Component
@ConditionalOnProperty(prefix = "battles.market", name = "feed", havingValue = "binance", matchIfMissing = true)
public class BinanceStreamFeed extends AbstractPriceFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BinanceStreamFeed.class);

    private final MarketDataProperties.Binance props;
    private final Clock clock;
    private final Object lock = new Object();
    private final AtomicLong connectionSeq = new AtomicLong();
    private final AtomicLong requestIds = new AtomicLong();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong connectionsOpened = new AtomicLong();
    private final AtomicLong retriesScheduled = new AtomicLong();

    private volatile boolean running;
    private volatile Instant lastMessageAt;
    private volatile String lastProblem;
    private HttpClient http;
    private ScheduledExecutorService scheduler;
    // guarded by lock
    private Connection current;
    private boolean connecting;
    private Duration nextDelay;
    private ScheduledFuture<?> pendingRetry;
    private ScheduledFuture<?> rotation;

    @Autowired
    public BinanceStreamFeed(MarketDataProperties properties) {
        this(properties.getBinance(), properties.getPairs(), Clock.systemUTC());
    }

    public BinanceStreamFeed(MarketDataProperties.Binance props, Collection<String> initialSymbols, Clock clock) {
        this.props = props;
        this.clock = clock;
        this.nextDelay = props.getReconnectInitialDelay();
        track(initialSymbols);
    }

    @Override
    public String name() {
        return "binance";
    }

    @Override
    public void start() {
        synchronized (lock) {
            if (running) {
                return;
            }
            http = HttpClient.newBuilder().connectTimeout(props.getConnectTimeout()).build();
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "binance-stream");
                t.setDaemon(true);
                return t;
            });
            running = true;
            connect("start");
        }
    }

    @Override
    public void stop() {
        Connection toClose;
        synchronized (lock) {
            running = false;
            cancel(pendingRetry);
            cancel(rotation);
            toClose = current;
            current = null;
            if (scheduler != null) {
                scheduler.shutdownNow();
            }
        }
        if (toClose != null) {
            toClose.socket.abort();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    protected void onSymbolsAdded(List<String> symbols) {
        synchronized (lock) {
            if (!running) {
                return; // start() connects with every tracked symbol
            }
            if (current != null) {
                current.subscribe(symbols);
            } else if (!connecting && (pendingRetry == null || pendingRetry.isDone())) {
                connect("symbols added");
            }
            // while connecting, the new connection subscribes what its URL lacked once it opens
        }
    }

    URI streamUri(Collection<String> symbols) {
        String streams = symbols.stream().map(this::streamName).collect(Collectors.joining("/"));
        return URI.create(props.getWsBaseUrl() + "/stream?streams=" + streams);
    }

    private String streamName(String symbol) {
        return symbol.toLowerCase(Locale.ROOT) + "@" + props.getStream();
    }

    /** Opens a new connection; the current one, if any, is closed once the new one is open. */
    private void connect(String why) {
        synchronized (lock) {
            if (!running || connecting) {
                return;
            }
            Set<String> symbols = trackedSymbols();
            if (symbols.isEmpty()) {
                return;
            }
            connecting = true;
            Connection c = new Connection(connectionSeq.incrementAndGet(), symbols);
            URI uri = streamUri(symbols);
            log.info("connecting to {} ({})", uri, why);
            http.newWebSocketBuilder().connectTimeout(props.getConnectTimeout()).buildAsync(uri, c)
                    .whenComplete((socket, error) -> opened(c, socket, error));
        }
    }

    private void opened(Connection c, WebSocket socket, Throwable error) {
        Connection old;
        synchronized (lock) {
            connecting = false;
            if (error != null) {
                lastProblem = "connect failed: " + rootMessage(error);
                log.warn("Binance stream {}", lastProblem);
                scheduleRetry();
                return;
            }
            if (!running) {
                socket.abort();
                return;
            }
            if (c.closed) {
                scheduleRetry(); // it dropped before we even adopted it
                return;
            }
            c.socket = socket;
            c.openedAt = clock.instant();
            connectionsOpened.incrementAndGet();
            old = current;
            current = c;
            cancel(rotation);
            rotation = scheduler.schedule(() -> rotate("connection age limit"),
                    props.getMaxConnectionAge().toMillis(), TimeUnit.MILLISECONDS);
            List<String> missing = new ArrayList<>(trackedSymbols());
            missing.removeAll(c.symbols);
            if (!missing.isEmpty()) {
                c.subscribe(missing);
            }
        }
        if (old != null) {
            old.socket.sendClose(WebSocket.NORMAL_CLOSURE, "replaced").whenComplete((s, e) -> old.socket.abort());
        }
    }

    /** Replace the connection without a gap: the new one opens before the old one closes. */
    private void rotate(String why) {
        log.info("reconnecting Binance stream: {}", why);
        connect(why);
    }

    private void lost(Connection c, String problem) {
        synchronized (lock) {
            if (c != current) {
                return; // an old connection closing after its replacement opened
            }
            current = null;
            lastProblem = problem;
            log.warn("Binance stream lost: {}", problem);
            cancel(rotation);
            scheduleRetry();
        }
    }

    private void scheduleRetry() {
        if (!running || (pendingRetry != null && !pendingRetry.isDone())) {
            return;
        }
        Duration delay = nextDelay;
        Duration doubled = nextDelay.multipliedBy(2);
        nextDelay = doubled.compareTo(props.getReconnectMaxDelay()) > 0 ? props.getReconnectMaxDelay() : doubled;
        retriesScheduled.incrementAndGet();
        pendingRetry = scheduler.schedule(() -> connect("retry after " + delay.toMillis() + " ms"),
                delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void received(Connection c, String text) {
        messages.incrementAndGet();
        lastMessageAt = clock.instant();
        synchronized (lock) {
            if (c == current) {
                nextDelay = props.getReconnectInitialDelay(); // data flows: the next outage starts over
            }
        }
        BinanceStreamMessages.Event event = BinanceStreamMessages.parse(text);
        if (event instanceof BinanceStreamMessages.Price price) {
            publish(price.tick());
            price.closedCandle().ifPresent(this::publishClosedCandle);
        } else if (event instanceof BinanceStreamMessages.ServerShutdown) {
            rotate("serverShutdown announced");
        } else {
            log.debug("Binance stream message ignored: {}", event);
        }
    }

    @Override
    public FeedHealth health() {
        Map<String, Object> d = new LinkedHashMap<>();
        Connection c;
        synchronized (lock) {
            c = current;
        }
        Instant now = clock.instant();
        Instant last = lastMessageAt;
        boolean fresh = c != null && (last != null && last.isAfter(now.minus(props.getStaleAfter()))
                || c.openedAt.isAfter(now.minus(props.getStaleAfter())));
        d.put("connected", c != null);
        d.put("symbols", new TreeSet<>(trackedSymbols()));
        d.put("stream", props.getStream());
        if (c != null) {
            d.put("connectedSince", c.openedAt.toString());
        }
        if (last != null) {
            d.put("lastMessageAt", last.toString());
        }
        d.put("messages", messages.get());
        d.put("connectionsOpened", connectionsOpened.get());
        d.put("retriesScheduled", retriesScheduled.get());
        if (lastProblem != null) {
            d.put("lastProblem", lastProblem);
        }
        return new FeedHealth(fresh, d);
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r.getClass().getSimpleName() + (r.getMessage() == null ? "" : ": " + r.getMessage());
    }

    /** One WebSocket connection and the listener of its messages. */
    private final class Connection implements WebSocket.Listener {
        final long id;
        final Set<String> symbols;
        final StringBuilder partial = new StringBuilder();
        volatile WebSocket socket;
        volatile Instant openedAt;
        volatile boolean closed;
        /** JDK WebSockets allow one outstanding send: chain them. */
        private CompletableFuture<?> sends = CompletableFuture.completedFuture(null);

        Connection(long id, Set<String> symbols) {
            this.id = id;
            this.symbols = new TreeSet<>(symbols);
        }

        synchronized void subscribe(List<String> add) {
            List<String> streams = add.stream().map(BinanceStreamFeed.this::streamName).toList();
            String msg = "{\"method\":\"SUBSCRIBE\",\"params\":[" + streams.stream().map(s -> "\"" + s + "\"")
                    .collect(Collectors.joining(",")) + "],\"id\":" + requestIds.incrementAndGet() + "}";
            symbols.addAll(add);
            WebSocket ws = socket;
            sends = sends.handle((r, e) -> null).thenCompose(x -> ws.sendText(msg, true));
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                received(this, text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed = true;
            lost(this, "closed by server: " + statusCode + (reason.isEmpty() ? "" : " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed = true;
            lost(this, "connection error: " + rootMessage(error));
        }

        @Override
        public String toString() {
            return "connection #" + id;
        }
    }
}
