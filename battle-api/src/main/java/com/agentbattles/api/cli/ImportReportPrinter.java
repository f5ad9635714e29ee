package com.agentbattles.api.cli;

import com.agentbattles.marketdata.importer.FileImportReport;
import com.agentbattles.marketdata.importer.RejectedRow;
import com.agentbattles.marketdata.store.TimeRange;

import java.io.PrintStream;
import java.util.List;

/** Prints import reports for people at a terminal: one line per file, then gaps and rejections. */
final class ImportReportPrinter {

    private static final int MAX_LINES = 20;

    private ImportReportPrinter() {
    }

    /** Prints the reports; returns the exit code (0 when every file was imported). */
    static int print(List<FileImportReport> reports, PrintStream out) {
        int failed = 0;
        for (FileImportReport r : reports) {
            if (!r.succeeded()) {
                failed++;
                out.printf("FAILED   %s: %s%n", r.file(), r.error());
            } else {
                out.printf("IMPORTED %s: %s %s, %d rows (%d new or changed, %d unchanged, %d rejected), %s .. %s, %d gap(s)%n",
                        r.file(), r.symbol(), r.interval().code(), r.rowsAccepted(), r.rowsWritten(), r.rowsUnchanged(),
                        r.rowsRejected(), r.firstOpenTime(), r.lastOpenTime(), r.gaps().size());
            }
            List<TimeRange> gaps = r.gaps();
            for (int i = 0; i < Math.min(MAX_LINES, gaps.size()); i++) {
                out.printf("         gap %s .. %s (%d min)%n", gaps.get(i).from(), gaps.get(i).toExclusive(),
                        gaps.get(i).length().toMinutes());
            }
            if (gaps.size() > MAX_LINES) {
                out.printf("         … %d more gaps%n", gaps.size() - MAX_LINES);
            }
            List<RejectedRow> rejected = r.rejected();
            for (int i = 0; i < Math.min(MAX_LINES, rejected.size()); i++) {
                out.printf("         rejected row %d: %s%n", rejected.get(i).row(), rejected.get(i).reason());
            }
            if (r.rowsRejected() > Math.min(MAX_LINES, rejected.size())) {
                out.printf("         … %d rejected rows in all%n", r.rowsRejected());
            }
        }
        out.printf("%d file(s) imported, %d failed%n", reports.size() - failed, failed);
        return failed == 0 ? 0 : 1;
    }
}
