package com.agentbattles.marketdata.importer;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Symbol and interval as file names spell them: Binance's {@code BTCUSDT-1m-2022-11-07.zip},
 * freqtrade's {@code BTC_USDT-1m.json}, and our {@code BTCUSDT-1m-2023-03-16_2023-05-01.json.gz}.
 */
record SeriesName(String symbol, String intervalCode) {

    private static final Pattern NAME =
            Pattern.compile("^([A-Za-z0-9]+)(?:_([A-Za-z0-9]+))?-(\\d+[smhdwM])(?:[-_.].*)?$");

    static Optional<SeriesName> of(String fileName) {
        String base = fileName;
        int slash = Math.max(base.lastIndexOf('/'), base.lastIndexOf('!'));
        if (slash >= 0) {
            base = base.substring(slash + 1);
        }
        Matcher m = NAME.matcher(base);
        if (!m.matches()) {
            return Optional.empty();
        }
        String symbol = (m.group(1) + (m.group(2) == null ? "" : m.group(2))).toUpperCase(Locale.ROOT);
        return Optional.of(new SeriesName(symbol, m.group(3)));
    }
}
