package com.agentbattles.marketdata.importer;

import java.util.List;

/**
 * One row of a kline file before interpretation, every field as the text the file holds
 * (JSON numbers keep their literal spelling, so decimals stay exact).
 *
 * @param row line number in a CSV file, 1-based position in a JSON array
 */
public record RawRow(int row, List<String> fields) {
}
