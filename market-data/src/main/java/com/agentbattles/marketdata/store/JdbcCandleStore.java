package com.agentbattles.marketdata.store;

import com.agentbattles.domain.market.Candle;
import com.agentbattles.domain.market.CandleInterval;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** {@link CandleStore} on the PostgreSQL table {@code market_candle} (see V10__market_candles.sql). */
@Repository
public class JdbcCandleStore implements CandleStore {

    /** Rows per INSERT … SELECT FROM unnest(arrays): one round trip per chunk keeps imports fast. */
    private static final int UPSERT_CHUNK = 5_000;

    private static final String UPSERT_SQL = """
            insert into market_candle (symbol, interval_code, open_time_ms, open, high, low, close,
                                       volume, quote_volume, trade_count)
            select ?, ?, u.* from unnest(?::bigint[], ?::numeric[], ?::numeric[], ?::numeric[], ?::numeric[],
                                         ?::numeric[], ?::numeric[], ?::bigint[]) as u
            on conflict (symbol, interval_code, open_time_ms) do update set
                open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close,
                volume = excluded.volume, quote_volume = excluded.quote_volume, trade_count = excluded.trade_count
            where (market_candle.open, market_candle.high, market_candle.low, market_candle.close,
                   market_candle.volume, market_candle.quote_volume, market_candle.trade_count)
                  is distinct from
                  (excluded.open, excluded.high, excluded.low, excluded.close,
                   excluded.volume, excluded.quote_volume, excluded.trade_count)
            """;

    private static final String STORED_COLUMNS =
            "open_time_ms, open, high, low, close, volume, quote_volume, trade_count";

    private static final String STORED_SQL = "select " + STORED_COLUMNS + """
             from market_candle
            where symbol = ? and interval_code = ? and open_time_ms >= ? and open_time_ms < ?
            """;

    /**
     * Buckets of 1m candles that have no stored candle of the target interval. Open and close come
     * from the first and last minute; quote volume and trade count stay unknown if any minute lacks them.
     */
    private static final String DERIVED_SQL = """
            select g.* from (
                select m.bucket as open_time_ms,
                       (array_agg(m.open order by m.open_time_ms))[1] as open,
                       max(m.high) as high, min(m.low) as low,
                       (array_agg(m.close order by m.open_time_ms desc))[1] as close,
                       sum(m.volume) as volume,
                       case when count(m.quote_volume) = count(*) then sum(m.quote_volume) end as quote_volume,
                       case when min(m.trade_count) < 0 then -1 else sum(m.trade_count) end as trade_count
                  from (select c.*, c.open_time_ms - c.open_time_ms % ? as bucket
                          from market_candle c
                         where c.symbol = ? and c.interval_code = '1m'
                           and c.open_time_ms >= ? and c.open_time_ms < ?) m
                 group by m.bucket) g
             where not exists (select 1 from market_candle s
                                where s.symbol = ? and s.interval_code = ? and s.open_time_ms = g.open_time_ms)
            """;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public JdbcCandleStore(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactionManager);
    }

    @Override
    public UpsertResult upsert(List<Candle> candles) {
        if (candles.isEmpty()) {
            return new UpsertResult(0, 0);
        }
        // one statement may not touch a key twice, so the last candle per key wins
        Map<String, Map<Long, Candle>> bySeries = new LinkedHashMap<>();
        for (Candle c : candles) {
            bySeries.computeIfAbsent(c.symbol() + "|" + c.interval().code(), k -> new LinkedHashMap<>())
                    .put(c.openTime().toEpochMilli(), c);
        }
        Long written = tx.execute(status -> jdbc.execute((ConnectionCallback<Long>) con -> {
            long n = 0;
            for (Map<Long, Candle> series : bySeries.values()) {
                List<Candle> rows = new ArrayList<>(series.values());
                for (int i = 0; i < rows.size(); i += UPSERT_CHUNK) {
                    n += upsertChunk(con, rows.subList(i, Math.min(rows.size(), i + UPSERT_CHUNK)));
                }
            }
            return n;
        }));
        long total = bySeries.values().stream().mapToLong(Map::size).sum();
        return new UpsertResult(written, total - written);
    }

    private static long upsertChunk(Connection con, List<Candle> rows) throws SQLException {
        int n = rows.size();
        Long[] times = new Long[n];
        BigDecimal[] open = new BigDecimal[n], high = new BigDecimal[n], low = new BigDecimal[n],
                close = new BigDecimal[n], volume = new BigDecimal[n], quote = new BigDecimal[n];
        Long[] trades = new Long[n];
        for (int i = 0; i < n; i++) {
            Candle c = rows.get(i);
            times[i] = c.openTime().toEpochMilli();
            open[i] = c.open();
            high[i] = c.high();
            low[i] = c.low();
            close[i] = c.close();
            volume[i] = c.volume();
            quote[i] = c.quoteVolume();
            trades[i] = c.tradeCount() < 0 ? -1L : c.tradeCount();
        }
        try (PreparedStatement ps = con.prepareStatement(UPSERT_SQL)) {
            ps.setString(1, rows.get(0).symbol());
            ps.setString(2, rows.get(0).interval().code());
            Array[] arrays = {
                    con.createArrayOf("bigint", times), con.createArrayOf("numeric", open),
                    con.createArrayOf("numeric", high), con.createArrayOf("numeric", low),
                    con.createArrayOf("numeric", close), con.createArrayOf("numeric", volume),
                    con.createArrayOf("numeric", quote), con.createArrayOf("bigint", trades)};
            for (int i = 0; i < arrays.length; i++) {
                ps.setArray(3 + i, arrays[i]);
            }
            return ps.executeUpdate();
        }
    }

    @Override
    public List<Candle> range(String symbol, CandleInterval interval, Instant from, Instant toExclusive) {
        return range(symbol, interval, from, toExclusive, Integer.MAX_VALUE, false);
    }

    @Override
    public List<Candle> range(String symbol, CandleInterval interval, Instant from, Instant toExclusive, int limit,
                              boolean newest) {
        long fromMs = from.toEpochMilli();
        long toMs = toExclusive.toEpochMilli();
        if (toMs <= fromMs || limit <= 0) {
            return List.of();
        }
        // "the latest 100 hours" over years of 1m data must not aggregate years: read a window
        // just wide enough for the limit, and widen it (×8) only when gaps leave it short
        long step = interval.millis();
        long window = limit == Integer.MAX_VALUE ? Long.MAX_VALUE : Math.max(limit * step * 2, step);
        while (true) {
            boolean whole = window >= toMs - fromMs;
            long a = whole || !newest ? fromMs : toMs - window;
            long b = whole || newest ? toMs : fromMs + window;
            List<Candle> result = query(symbol, interval, a, b, limit, newest);
            if (whole || result.size() >= limit) {
                return result;
            }
            window = window > Long.MAX_VALUE / 8 ? Long.MAX_VALUE : window * 8;
        }
    }

    private List<Candle> query(String symbol, CandleInterval interval, long fromMs, long toMs, int limit,
                               boolean newest) {
        RowMapper<Candle> mapper = candleMapper(symbol, interval);
        String order = " order by open_time_ms " + (newest ? "desc" : "asc") + " limit " + limit;
        List<Candle> result;
        if (interval == CandleInterval.ONE_MINUTE) {
            result = jdbc.query(STORED_SQL + order, mapper, symbol, interval.code(), fromMs, toMs);
        } else {
            long ms = interval.millis();
            // 1m candles whose bucket opens inside [from, to): from the first whole bucket on
            long minuteFrom = ceilTo(fromMs, ms);
            long minuteTo = ceilTo(toMs, ms);
            String sql = "select * from (" + STORED_SQL + " union all " + DERIVED_SQL + ") candles" + order;
            result = jdbc.query(sql, mapper, symbol, interval.code(), fromMs, toMs,
                    ms, symbol, minuteFrom, minuteTo, symbol, interval.code());
        }
        if (newest) {
            result = new ArrayList<>(result);
            result.sort(Comparator.comparing(Candle::openTime));
        }
        return result;
    }

    @Override
    public Optional<Candle> latestBefore(String symbol, CandleInterval interval, Instant before) {
        List<Candle> last = range(symbol, interval, Instant.EPOCH, before, 1, true);
        return last.isEmpty() ? Optional.empty() : Optional.of(last.get(0));
    }

    private static RowMapper<Candle> candleMapper(String symbol, CandleInterval interval) {
        return (rs, i) -> new Candle(symbol, interval, Instant.ofEpochMilli(rs.getLong(1)),
                rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getBigDecimal(5),
                rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getLong(8));
    }

    @Override
    public Coverage coverage(String symbol, CandleInterval interval) {
        long ms = interval.millis();
        String buckets = interval == CandleInterval.ONE_MINUTE
                ? "select open_time_ms as t from market_candle where symbol = ? and interval_code = '1m'"
                : """
                  select open_time_ms as t from market_candle where symbol = ? and interval_code = ?
                  union
                  select open_time_ms - open_time_ms % ? from market_candle where symbol = ? and interval_code = '1m'
                  """;
        // gaps and islands: within a contiguous run, t - row_number × interval is constant
        String sql = "with b as (" + buckets + "), g as (select t, t - (row_number() over (order by t)) * ? as grp from b)"
                + " select min(t), max(t), count(*) from g group by grp order by 1";
        Object[] args = interval == CandleInterval.ONE_MINUTE
                ? new Object[]{symbol, ms}
                : new Object[]{symbol, interval.code(), ms, symbol, ms};
        List<TimeRange> ranges = new ArrayList<>();
        long[] count = {0};
        jdbc.query(sql, rs -> {
            ranges.add(TimeRange.ofMillis(rs.getLong(1), rs.getLong(2) + ms));
            count[0] += rs.getLong(3);
        }, args);
        List<TimeRange> gaps = new ArrayList<>();
        for (int i = 1; i < ranges.size(); i++) {
            gaps.add(new TimeRange(ranges.get(i - 1).toExclusive(), ranges.get(i).from()));
        }
        return new Coverage(symbol, interval, count[0], ranges, gaps);
    }

    @Override
    public Set<String> symbols() {
        return new TreeSet<>(jdbc.queryForList("select distinct symbol from market_candle", String.class));
    }

    @Override
    public Set<CandleInterval> storedIntervals(String symbol) {
        Set<CandleInterval> result = EnumSet.noneOf(CandleInterval.class);
        jdbc.queryForList("select distinct interval_code from market_candle where symbol = ?", String.class, symbol)
                .forEach(code -> CandleInterval.parse(code).ifPresent(result::add));
        return result;
    }

    @Override
    public List<MissingRange> missingRanges(Collection<String> symbols, CandleInterval interval, Instant from,
                                            Instant toExclusive) {
        long ms = interval.millis();
        long start = ceilTo(from.toEpochMilli(), ms);
        long end = toExclusive.toEpochMilli();
        List<MissingRange> missing = new ArrayList<>();
        for (String symbol : new TreeSet<>(symbols)) {
            long cursor = start;
            for (TimeRange covered : coverage(symbol, interval).ranges()) {
                long a = covered.from().toEpochMilli();
                long b = covered.toExclusive().toEpochMilli();
                if (b <= cursor) {
                    continue;
                }
                if (a >= end) {
                    break;
                }
                if (a > cursor) {
                    missing.add(new MissingRange(symbol, TimeRange.ofMillis(cursor, a)));
                }
                cursor = b;
            }
            if (cursor < end) {
                missing.add(new MissingRange(symbol, TimeRange.ofMillis(cursor, end)));
            }
        }
        return missing;
    }

    @Override
    public Optional<TimeRange> latestCoveredWindow(Collection<String> symbols, CandleInterval interval,
                                                   Duration length) {
        List<TimeRange> common = null;
        for (String symbol : new TreeSet<>(symbols)) {
            List<TimeRange> ranges = coverage(symbol, interval).ranges();
            common = common == null ? ranges : intersect(common, ranges);
        }
        if (common == null) {
            return Optional.empty();
        }
        for (int i = common.size() - 1; i >= 0; i--) {
            TimeRange r = common.get(i);
            if (r.length().compareTo(length) >= 0) {
                return Optional.of(new TimeRange(r.toExclusive().minus(length), r.toExclusive()));
            }
        }
        return Optional.empty();
    }

    /** Intersection of two sorted lists of disjoint ranges. */
    static List<TimeRange> intersect(List<TimeRange> a, List<TimeRange> b) {
        List<TimeRange> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            Instant from = max(a.get(i).from(), b.get(j).from());
            Instant to = min(a.get(i).toExclusive(), b.get(j).toExclusive());
            if (from.isBefore(to)) {
                out.add(new TimeRange(from, to));
            }
            if (a.get(i).toExclusive().isBefore(b.get(j).toExclusive())) {
                i++;
            } else {
                j++;
            }
        }
        return out;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    static long ceilTo(long t, long step) {
        return Math.floorDiv(t + step - 1, step) * step;
    }
}
