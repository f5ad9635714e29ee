package com.agentbattles.marketdata.binance;

import com.agentbattles.marketdata.config.MarketDataProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * GET against Binance with its rate-limit etiquette: on 429 (and 418, the ban that follows ignored
 * 429s) wait the Retry-After seconds and try again; on 5xx or a broken connection back off
 * exponentially; when X-MBX-USED-WEIGHT-1M nears the limit, pause until the weight window rolls
 * over. Every loop is bounded by {@code maxRetries}.
 */
@Component
public class BinanceHttp {

    /** A Retry-After longer than this is a ban we should not sit out inside one command. */
    static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);
    private static final double WEIGHT_PAUSE_THRESHOLD = 0.9;

    private static final Logger log = LoggerFactory.getLogger(BinanceHttp.class);

    public record Response(int status, byte[] body, java.net.http.HttpHeaders headers) {
    }

    private final MarketDataProperties.Binance props;
    private final HttpClient client;
    private final Clock clock;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private final AtomicInteger weightPauses = new AtomicInteger();

    @Autowired
    public BinanceHttp(MarketDataProperties properties) {
        this(properties.getBinance(), Clock.systemUTC());
    }

    public BinanceHttp(MarketDataProperties.Binance props, Clock clock) {
        this.props = props;
        this.clock = clock;
        this.client = HttpClient.newBuilder().connectTimeout(props.getConnectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** The response once it is not a rate limit or server error (a 404 is returned, not thrown). */
    public Response get(URI uri) {
        Duration backoff = Duration.ofMillis(500);
        String lastProblem = "no attempt";
        for (int attempt = 1; attempt <= Math.max(1, props.getMaxRetries()); attempt++) {
            HttpResponse<byte[]> response;
            try {
                requests.incrementAndGet();
                response = client.send(HttpRequest.newBuilder(uri).timeout(props.getRequestTimeout()).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                lastProblem = e.toString();
                log.warn("GET {} failed (attempt {}): {}", uri, attempt, e.toString());
                pause(backoff);
                backoff = backoff.multipliedBy(2);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BinanceHttpException("interrupted while requesting " + uri, e);
            }
            int status = response.statusCode();
            if (status == 429 || status == 418) {
                rateLimited.incrementAndGet();
                Duration wait = retryAfter(response).orElse(backoff);
                if (wait.compareTo(MAX_RETRY_AFTER) > 0) {
                    throw new BinanceHttpException("Binance asks to wait " + wait.toSeconds() + " s (HTTP " + status
                            + "); giving up");
                }
                log.warn("HTTP {} from {}: waiting {} ms as Retry-After says", status, uri, wait.toMillis());
                pause(wait);
                backoff = backoff.multipliedBy(2);
                lastProblem = "HTTP " + status;
                continue;
            }
            if (status >= 500) {
                lastProblem = "HTTP " + status;
                pause(backoff);
                backoff = backoff.multipliedBy(2);
                continue;
            }
            respectWeight(response);
            return new Response(status, response.body(), response.headers());
        }
        throw new BinanceHttpException("GET " + uri + " failed after " + props.getMaxRetries() + " attempts: "
                + lastProblem);
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(v -> {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v.trim())));
            } catch (NumberFormatException e) {
                return Optional.empty(); // an HTTP-date; Binance sends seconds
            }
        });
    }

    /** Pause until the next minute when the used weight is close to the per-minute limit. */
    private void respectWeight(HttpResponse<?> response) {
        Optional<String> used = response.headers().firstValue("X-MBX-USED-WEIGHT-1M");
        if (used.isEmpty()) {
            return;
        }
        int weight;
        try {
            weight = Integer.parseInt(used.get().trim());
        } catch (NumberFormatException e) {
            return;
        }
        if (weight < props.getWeightLimitPerMinute() * WEIGHT_PAUSE_THRESHOLD) {
            return;
        }
        long msIntoMinute = clock.millis() % 60_000;
        Duration untilNextMinute = Duration.ofMillis(60_000 - msIntoMinute + 100);
        Duration wait = untilNextMinute.compareTo(props.getMaxWeightPause()) < 0 ? untilNextMinute
                : props.getMaxWeightPause();
        weightPauses.incrementAndGet();
        log.info("used weight {} of {}: pausing {} ms", weight, props.getWeightLimitPerMinute(), wait.toMillis());
        pause(wait);
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis()); // a real wait: this is the client honouring the server
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BinanceHttpException("interrupted while waiting", e);
        }
    }

    public int requestCount() {
        return requests.get();
    }

    public int rateLimitedCount() {
        return rateLimited.get();
    }

    public int weightPauseCount() {
        return weightPauses.get();
    }
}
