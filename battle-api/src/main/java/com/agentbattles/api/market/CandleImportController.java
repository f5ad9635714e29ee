package com.agentbattles.api.market;

import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.domain.market.CandleInterval;
import com.agentbattles.marketdata.importer.FileImportReport;
import com.agentbattles.marketdata.importer.ImportOptions;
import com.agentbattles.marketdata.importer.ImportService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/admin/candles/import} (X-Admin-Key): one or more kline files in the multipart
 * field {@code file}; answers with one report per kline file. 200 when at least one file was
 * imported, 422 IMPORT_FAILED (the reports in {@code details.files}) when none was.
 */
@RestController
@Tag(name = "Admin", description = "Operator endpoints (X-Admin-Key)")
@SecurityRequirement(name = "adminKey")
@RequestMapping("/api/v1/admin/candles")
public class CandleImportController {

    private final ImportService importService;

    public CandleImportController(ImportService importService) {
        this.importService = importService;
    }

    @Operation(summary = "Import Binance kline files (CSV or zip) into the candle store")
    @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public MarketResponses.ImportResult importFiles(@RequestPart("file") List<MultipartFile> files,
                                                    @RequestParam(required = false) String symbol,
                                                    @RequestParam(required = false) String interval) {
        CandleInterval iv = interval == null ? null : CandleInterval.parse(interval).orElseThrow(() ->
                new DomainException(ErrorCode.VALIDATION_ERROR, "interval must be one of 1m, 5m, 15m, 1h, 4h, 1d",
                        Map.of("field", "interval")));
        ImportOptions options = new ImportOptions(symbol, iv);
        List<FileImportReport> reports = new ArrayList<>();
        for (MultipartFile file : files) {
            String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()
                    ? "upload" : file.getOriginalFilename();
            try {
                reports.addAll(importService.importContent(name, file.getBytes(), options));
            } catch (IOException e) {
                reports.add(FileImportReport.failedBeforeRows(name, symbol, iv, "cannot read the upload: " + e.getMessage()));
            }
        }
        List<MarketResponses.ImportReport> bodies = reports.stream().map(MarketResponses.ImportReport::of).toList();
        int imported = (int) reports.stream().filter(FileImportReport::succeeded).count();
        if (imported == 0) {
            throw new DomainException(ErrorCode.IMPORT_FAILED, "no file could be imported", Map.of("files", bodies));
        }
        return new MarketResponses.ImportResult(imported, reports.size() - imported, bodies);
    }
}
