package com.agentbattles.marketdata.config;

import com.agentbattles.domain.market.CandleInterval;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Everything under {@code battles.market.*}; see docs/market-data.md. */
@ConfigurationProperties(prefix = "battles.market")
public class MarketDataProperties {

    public enum FeedType { BINANCE, REPLAY, NONE }

    /** Which live price feed runs: binance (default), replay (stored candles), none. */
    private FeedType feed = FeedType.BINANCE;

    /** The trading pairs offered to battles, and the symbols the live feed follows from the start. */
    private List<String> pairs = new ArrayList<>(List.of("BTCUSDT", "ETHUSDT", "BNBUSDT", "SOLUSDT"));

    private final Binance binance = new Binance();
    private final Replay replay = new Replay();

    public FeedType getFeed() {
        return feed;
    }

    public void setFeed(FeedType feed) {
        this.feed = feed;
    }

    public List<String> getPairs() {
        return pairs;
    }

    public void setPairs(List<String> pairs) {
        this.pairs = pairs;
    }

    public Binance getBinance() {
        return binance;
    }

    public Replay getReplay() {
        return replay;
    }

    public static class Binance {
        /** REST API base for /api/v3/klines. */
        private URI restBaseUrl = URI.create("https://api.binance.com");
        /** Public data files (data.binance.vision). */
        private URI dataBaseUrl = URI.create("https://data.binance.vision");
        /** Path segment of the data files: spot, futures/um or futures/cm. */
        private String dataMarket = "spot";
        /** WebSocket market streams base; the combined-stream path /stream?streams=… is appended. */
        private URI wsBaseUrl = URI.create("wss://stream.binance.com:9443");
        /** Stream per symbol: kline_1m (a price and closed candles) or miniTicker (price only). */
        private String stream = "kline_1m";
        private Duration reconnectInitialDelay = Duration.ofSeconds(1);
        private Duration reconnectMaxDelay = Duration.ofSeconds(60);
        /** Binance closes a stream connection after 24 h; reconnect on our terms before that. */
        private Duration maxConnectionAge = Duration.ofHours(23).plusMinutes(30);
        /** Health reports DOWN when connected but silent for this long. */
        private Duration staleAfter = Duration.ofMinutes(2);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        /** Attempts per REST request on 429/418/5xx before giving up. */
        private int maxRetries = 5;
        /** Request weight Binance allows per minute (X-MBX-USED-WEIGHT-1M is compared with it). */
        private int weightLimitPerMinute = 6000;
        /** Longest pause when the used weight nears the limit (the pause lasts until the next minute). */
        private Duration maxWeightPause = Duration.ofSeconds(60);

        public URI getRestBaseUrl() { return restBaseUrl; }
        public void setRestBaseUrl(URI restBaseUrl) { this.restBaseUrl = restBaseUrl; }
        public URI getDataBaseUrl() { return dataBaseUrl; }
        public void setDataBaseUrl(URI dataBaseUrl) { this.dataBaseUrl = dataBaseUrl; }
        public String getDataMarket() { return dataMarket; }
        public void setDataMarket(String dataMarket) { this.dataMarket = dataMarket; }
        public URI getWsBaseUrl() { return wsBaseUrl; }
        public void setWsBaseUrl(URI wsBaseUrl) { this.wsBaseUrl = wsBaseUrl; }
        public String getStream() { return stream; }
        public void setStream(String stream) { this.stream = stream; }
        public Duration getReconnectInitialDelay() { return reconnectInitialDelay; }
        public void setReconnectInitialDelay(Duration d) { this.reconnectInitialDelay = d; }
        public Duration getReconnectMaxDelay() { return reconnectMaxDelay; }
        public void setReconnectMaxDelay(Duration d) { this.reconnectMaxDelay = d; }
        public Duration getMaxConnectionAge() { return maxConnectionAge; }
        public void setMaxConnectionAge(Duration d) { this.maxConnectionAge = d; }
        public Duration getStaleAfter() { return staleAfter; }
        public void setStaleAfter(Duration staleAfter) { this.staleAfter = staleAfter; }
        public Duration getConnectTimeout() { return connectTimeout; }
        public void setConnectTimeout(Duration connectTimeout) { this.connectTimeout = connectTimeout; }
        public Duration getRequestTimeout() { return requestTimeout; }
        public void setRequestTimeout(Duration requestTimeout) { this.requestTimeout = requestTimeout; }
        public int getMaxRetries() { return maxRetries; }
        public void setMaxRetries(int maxRetries) { this.maxRetries = maxRetries; }
        public int getWeightLimitPerMinute() { return weightLimitPerMinute; }
        public void setWeightLimitPerMinute(int w) { this.weightLimitPerMinute = w; }
        public Duration getMaxWeightPause() { return maxWeightPause; }
        public void setMaxWeightPause(Duration maxWeightPause) { this.maxWeightPause = maxWeightPause; }
    }

    public static class Replay {
        /** Symbols replayed; empty means {@code battles.market.pairs}. */
        private List<String> symbols = new ArrayList<>();
        /** Interval of the replayed candles, Binance spelling (1m, 5m, …). */
        private String interval = CandleInterval.ONE_MINUTE.code();
        /** First candle replayed; unset means the start of the latest window covered for all symbols. */
        private Instant start;
        /** Market time per wall time: 60 plays one 1m candle per second. */
        private double speed = 60.0;
        /** Start over at the end of the data instead of stopping. */
        private boolean loop = true;

        public List<String> getSymbols() { return symbols; }
        public void setSymbols(List<String> symbols) { this.symbols = symbols; }
        public String getInterval() { return interval; }
        public void setInterval(String interval) { this.interval = interval; }
        public Instant getStart() { return start; }
        public void setStart(Instant start) { this.start = start; }
        public double getSpeed() { return speed; }
        public void setSpeed(double speed) { this.speed = speed; }
        public boolean isLoop() { return loop; }
        public void setLoop(boolean loop) { this.loop = loop; }
    }
}
