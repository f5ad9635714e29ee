package com.agentbattles.api.cli;

import com.agentbattles.domain.market.CandleInterval;
import com.agentbattles.marketdata.importer.FileImportReport;
import com.agentbattles.marketdata.importer.ImportOptions;
import com.agentbattles.marketdata.importer.ImportService;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code battles import FILE|DIR…}: Binance kline files into the candle store. */
@Component
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import Binance kline files (.csv, .json, .zip, .gz; data.binance.vision CSV with or without "
                + "header, ms or µs times; /api/v3/klines JSON; 6-column freqtrade JSON). Directories are searched. "
                + "Symbol and interval come from file names like BTCUSDT-1m-2024-01-02.zip unless given. "
                + "Exit code 1 when a file failed.")
public class ImportCommand implements Callable<Integer> {

    private final ImportService importService;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "files or directories")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--symbol", description = "symbol for every file, e.g. BTCUSDT (default: from the file name)")
    String symbol;

    @Option(names = "--interval", description = "interval for every file: 1m 5m 15m 1h 4h 1d (default: from the file name)")
    String interval;

    public ImportCommand(ImportService importService) {
        this.importService = importService;
    }

    @Override
    public Integer call() throws IOException {
        CandleInterval iv = interval == null ? null : CandleInterval.parse(interval)
                .orElseThrow(() -> new IllegalArgumentException("unknown interval " + interval));
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile).filter(ImportCommand::looksLikeKlines).sorted().forEach(files::add);
                }
            } else {
                files.add(p);
            }
        }
        List<FileImportReport> reports = importService.importFiles(files, new ImportOptions(symbol, iv));
        return ImportReportPrinter.print(reports, System.out);
    }

    private static boolean looksLikeKlines(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".csv") || n.endsWith(".json") || n.endsWith(".zip") || n.endsWith(".gz");
    }
}
