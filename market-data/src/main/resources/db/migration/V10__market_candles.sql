-- Binance klines, one row per (symbol, interval, open time).
-- Times are epoch milliseconds (bigint): Binance's own unit, exact, cheap to bucket with
-- integer arithmetic when deriving 5m/15m/1h/4h/1d candles from 1m, and index-friendly.
-- Prices and volumes are numeric (exact) so the decimal text Binance published survives.
create table market_candle (
    symbol        varchar(32) not null,
    interval_code varchar(3)  not null,
    open_time_ms  bigint      not null,
    open          numeric     not null,
    high          numeric     not null,
    low           numeric     not null,
    close         numeric     not null,
    volume        numeric     not null,
    quote_volume  numeric,               -- null when the source did not carry it (6-column files)
    trade_count   bigint      not null default -1, -- -1 when the source did not carry it
    primary key (symbol, interval_code, open_time_ms)
);
