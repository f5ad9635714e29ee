package com.agentbattles.marketdata.importer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a decompressed kline file into rows of field texts and tells which layout it has. The
 * content decides (a '[' starts JSON), not the extension. Structural damage (broken JSON) is
 * fatal for the file; bad values inside a row are left to {@link KlineRowReader}.
 */
public final class KlineFileParser {

    private static final JsonFactory JSON = new JsonFactory();

    public record ParsedFile(KlineFormat format, List<RawRow> rows, boolean hadHeader) {
    }

    private KlineFileParser() {
    }

    public static ParsedFile parse(DataFile file) {
        String text = new String(file.content(), StandardCharsets.UTF_8);
        int start = 0;
        if (text.startsWith("\uFEFF")) {
            start = 1; // a byte-order mark from spreadsheet tools
        }
        while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        if (start == text.length()) {
            throw new ImportFailedException("file is empty: " + file.name());
        }
        return text.charAt(start) == '[' ? parseJson(file, text.substring(start)) : parseCsv(text.substring(start));
    }

    private static ParsedFile parseCsv(String text) {
        List<RawRow> rows = new ArrayList<>();
        boolean header = false;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            List<String> fields = Arrays.asList(line.split(",", -1));
            if (rows.isEmpty() && !header && !startsWithDigit(fields.get(0))) {
                header = true; // Binance added "open_time,open,…" headers to some files in 2022
                continue;
            }
            rows.add(new RawRow(i + 1, fields));
        }
        return new ParsedFile(KlineFormat.BINANCE_CSV, rows, header);
    }

    private static boolean startsWithDigit(String s) {
        String t = s.strip();
        return !t.isEmpty() && (Character.isDigit(t.charAt(0)) || t.charAt(0) == '-');
    }

    private static ParsedFile parseJson(DataFile file, String text) {
        List<RawRow> rows = new ArrayList<>();
        int maxColumns = 0;
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new ImportFailedException("expected a JSON array of kline arrays: " + file.name());
            }
            int index = 0;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t == null) {
                    throw new ImportFailedException("JSON ends before the array closes: " + file.name());
                }
                index++;
                if (t != JsonToken.START_ARRAY) {
                    p.skipChildren();
                    rows.add(new RawRow(index, List.of()));
                    continue;
                }
                List<String> fields = new ArrayList<>(12);
                for (JsonToken f = p.nextToken(); f != JsonToken.END_ARRAY; f = p.nextToken()) {
                    if (f == null) {
                        throw new ImportFailedException("JSON ends inside a row: " + file.name());
                    }
                    if (f.isStructStart()) {
                        p.skipChildren();
                        fields.add("<nested>");
                    } else {
                        fields.add(f == JsonToken.VALUE_NULL ? "" : p.getText());
                    }
                }
                maxColumns = Math.max(maxColumns, fields.size());
                rows.add(new RawRow(index, fields));
            }
        } catch (IOException e) {
            throw new ImportFailedException("malformed JSON in " + file.name() + ": " + e.getMessage(), e);
        }
        KlineFormat format = maxColumns >= 11 ? KlineFormat.BINANCE_JSON : KlineFormat.SIX_COLUMN_JSON;
        return new ParsedFile(format, rows, false);
    }
}
