package com.agentbattles.marketdata.binance;

import com.agentbattles.marketdata.SharedData;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A loopback HTTP server speaking Binance's REST klines endpoint and data.binance.vision's file
 * layout, backed by the real files in ../shared/data. Failures are scripted per test: 429s,
 * a high used weight, a wrong checksum.
 */
final class FakeBinanceHttpServer implements AutoCloseable {

    private final HttpServer server;
    /** Rows per symbol as {@code /api/v3/klines} would send them (12 columns, numbers as strings). */
    private final Map<String, List<String[]>> klines = new HashMap<>();
    /** Numbers of {@code /api/v3/klines} requests (1-based) to answer with 429 Retry-After: 1. */
    final Set<Integer> rateLimitOnRequests = ConcurrentHashMap.newKeySet();
    /** Requests answered with a used weight close to the limit. */
    final Set<Integer> heavyWeightOnRequests = ConcurrentHashMap.newKeySet();
    /** Archive names whose .CHECKSUM is deliberately wrong. */
    final Set<String> corruptChecksums = ConcurrentHashMap.newKeySet();
    final AtomicInteger klineRequests = new AtomicInteger();
    final List<String> paths = new CopyOnWriteArrayList<>();

    FakeBinanceHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v3/klines", this::klines);
        server.createContext("/data/", this::dataFile);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Loads a freqtrade 6-column file as the REST data for a symbol. */
    void serveKlinesFrom(String symbol, Path jsonGz) throws IOException {
        String json;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(jsonGz))) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String[]> rows = new ArrayList<>();
        for (String row : json.substring(2, json.length() - 2).split("\\],\\s*\\[")) {
            rows.add(row.split(",\\s*"));
        }
        klines.put(symbol, rows);
    }

    private void klines(HttpExchange ex) throws IOException {
        paths.add(ex.getRequestURI().toString());
        int n = klineRequests.incrementAndGet();
        if (rateLimitOnRequests.contains(n)) {
            ex.getResponseHeaders().add("Retry-After", "1");
            send(ex, 429, "{\"code\":-1003,\"msg\":\"Too many requests; current limit is 6000 request weight per 1 MINUTE.\"}");
            return;
        }
        Map<String, String> q = query(ex.getRequestURI());
        List<String[]> rows = klines.get(q.get("symbol"));
        if (rows == null) {
            send(ex, 400, "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}");
            return;
        }
        long start = Long.parseLong(q.getOrDefault("startTime", "0"));
        long end = Long.parseLong(q.getOrDefault("endTime", Long.toString(Long.MAX_VALUE)));
        int limit = Math.min(1000, Integer.parseInt(q.getOrDefault("limit", "500")));
        StringBuilder body = new StringBuilder("[");
        int count = 0;
        for (String[] r : rows) {
            long open = Long.parseLong(r[0]);
            if (open < start || open > end) {
                continue;
            }
            if (count++ == limit) {
                break;
            }
            if (body.length() > 1) {
                body.append(',');
            }
            body.append('[').append(open);
            for (int i = 1; i <= 5; i++) {
                body.append(",\"").append(r[i]).append('"');
            }
            body.append(',').append(open + 59_999).append(",\"0\",0,\"0\",\"0\",\"0\"]");
        }
        body.append(']');
        ex.getResponseHeaders().add("X-MBX-USED-WEIGHT-1M", heavyWeightOnRequests.contains(n) ? "5990" : "2");
        send(ex, 200, body.toString());
    }

    /** {@code /data/futures/um/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2022-11-07.zip[.CHECKSUM]}. */
    private void dataFile(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        paths.add(path);
        String name = path.substring(path.lastIndexOf('/') + 1);
        boolean checksum = name.endsWith(".CHECKSUM");
        String zipName = checksum ? name.substring(0, name.length() - ".CHECKSUM".length()) : name;
        Path csv = SharedData.dir().resolve("binance-futures-um").resolve(zipName.replace(".zip", ".csv"));
        if (!path.startsWith("/data/futures/um/") || !Files.isRegularFile(csv)) {
            send(ex, 404, "<Error><Code>NoSuchKey</Code></Error>");
            return;
        }
        byte[] zip = zipOf(csv);
        if (checksum) {
            String sum = corruptChecksums.contains(zipName) ? "0".repeat(64) : DataFileDownloader.sha256(zip);
            send(ex, 200, sum + "  " + zipName + "\n");
        } else {
            sendBytes(ex, 200, zip);
        }
    }

    /** data.binance.vision zips hold the one CSV of the same name. */
    private static byte[] zipOf(Path csv) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry(csv.getFileName().toString()));
            z.write(Files.readAllBytes(csv));
            z.closeEntry();
        }
        return out.toByteArray();
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> q = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String kv : uri.getRawQuery().split("&")) {
                int eq = kv.indexOf('=');
                q.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return q;
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        sendBytes(ex, status, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void sendBytes(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
