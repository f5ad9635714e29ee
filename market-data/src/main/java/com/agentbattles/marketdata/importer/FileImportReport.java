package com.agentbattles.marketdata.importer;

import com.agentbattles.domain.market.CandleInterval;
import com.agentbattles.marketdata.store.TimeRange;

import java.time.Instant;
import java.util.List;

/**
 * What became of one kline file. On {@code FAILED} nothing of the file was stored and
 * {@code error} says why; on {@code IMPORTED} the accepted rows are stored and the rejected
 * ones are listed (the first {@link ImportService#MAX_LISTED_REJECTIONS}, all counted).
 *
 * @param rowsWritten   rows that were new or differed from what was stored
 * @param rowsUnchanged rows already stored with identical values (re-imports are no-ops)
 * @param gaps          missing candle open times between the file's first and last row
 */
public record FileImportReport(String file, Status status, KlineFormat format, String symbol,
                               CandleInterval interval, String timestampUnit,
                               int rowsRead, int rowsAccepted, int rowsRejected,
                               long rowsWritten, long rowsUnchanged,
                               Instant firstOpenTime, Instant lastOpenTime,
                               List<TimeRange> gaps, List<RejectedRow> rejected, String error) {

    public enum Status { IMPORTED, FAILED }

    public FileImportReport {
        gaps = gaps == null ? List.of() : List.copyOf(gaps);
        rejected = rejected == null ? List.of() : List.copyOf(rejected);
    }

    static FileImportReport failed(String file, KlineFormat format, String symbol, CandleInterval interval,
                                   int rowsRead, int rowsRejected, List<RejectedRow> rejected, String error) {
        return new FileImportReport(file, Status.FAILED, format, symbol, interval, null, rowsRead, 0, rowsRejected,
                0, 0, null, null, List.of(), rejected, error);
    }

    /** A failure before any row was read: a download or upload that could not be fetched or read. */
    public static FileImportReport failedBeforeRows(String source, String symbol, CandleInterval interval, String error) {
        return failed(source, null, symbol, interval, 0, 0, List.of(), error);
    }

    public boolean succeeded() {
        return status == Status.IMPORTED;
    }
}
