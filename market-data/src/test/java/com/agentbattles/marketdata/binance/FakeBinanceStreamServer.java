package com.agentbattles.marketdata.binance;

import org.java_websocket.WebSocket;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.framing.PingFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real WebSocket server on 127.0.0.1 that talks like Binance's market streams: it accepts
 * {@code /stream?streams=…}, and the test makes it push combined-stream messages, ping, drop the
 * connection or announce a shutdown.
 */
final class FakeBinanceStreamServer extends WebSocketServer {

    /** Request paths of every connection, in order of arrival. */
    final List<String> connectPaths = new CopyOnWriteArrayList<>();
    final List<WebSocket> connections = new CopyOnWriteArrayList<>();
    final List<String> received = new CopyOnWriteArrayList<>();
    final List<String> pongPayloads = new CopyOnWriteArrayList<>();
    private final CountDownLatch started = new CountDownLatch(1);

    FakeBinanceStreamServer() {
        super(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        setReuseAddr(true);
    }

    FakeBinanceStreamServer startAndWait() throws InterruptedException {
        start();
        if (!started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("WebSocket server did not start");
        }
        return this;
    }

    URI baseUrl() {
        return URI.create("ws://127.0.0.1:" + getPort());
    }

    WebSocket latest() {
        return connections.get(connections.size() - 1);
    }

    /** Sends a kline event as Binance's combined stream wraps it. */
    void sendKline(WebSocket to, String symbol, long eventMs, long openMs, String open, String high, String low,
                   String close, boolean closed) {
        String s = symbol.toLowerCase();
        to.send("{\"stream\":\"" + s + "@kline_1m\",\"data\":{\"e\":\"kline\",\"E\":" + eventMs + ",\"s\":\"" + symbol
                + "\",\"k\":{\"t\":" + openMs + ",\"T\":" + (openMs + 59_999) + ",\"s\":\"" + symbol
                + "\",\"i\":\"1m\",\"f\":100,\"L\":200,\"o\":\"" + open + "\",\"c\":\"" + close + "\",\"h\":\"" + high
                + "\",\"l\":\"" + low + "\",\"v\":\"12.50000000\",\"n\":101,\"x\":" + closed
                + ",\"q\":\"525000.12500000\",\"V\":\"6.0\",\"Q\":\"252000.0\",\"B\":\"0\"}}}");
    }

    void sendMiniTicker(WebSocket to, String symbol, long eventMs, String close) {
        to.send("{\"stream\":\"" + symbol.toLowerCase() + "@miniTicker\",\"data\":{\"e\":\"24hrMiniTicker\",\"E\":"
                + eventMs + ",\"s\":\"" + symbol + "\",\"c\":\"" + close + "\",\"o\":\"1.0\",\"h\":\"2.0\",\"l\":\"0.5\","
                + "\"v\":\"100\",\"q\":\"150\"}}");
    }

    void sendPing(WebSocket to, String payload) {
        PingFrame ping = new PingFrame();
        ping.setPayload(ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8)));
        to.sendFrame(ping);
    }

    /** Cuts the TCP connection without a closing handshake, as a network failure would. */
    void drop(WebSocket conn) {
        conn.closeConnection(CloseFrame.ABNORMAL_CLOSE, "dropped");
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        connectPaths.add(handshake.getResourceDescriptor());
        connections.add(conn);
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        // the test reads isOpen() on the recorded connections
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        received.add(message);
    }

    @Override
    public void onWebsocketPong(WebSocket conn, Framedata f) {
        pongPayloads.add(StandardCharsets.UTF_8.decode(f.getPayloadData()).toString());
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        // failures show up in the test's assertions
    }

    @Override
    public void onStart() {
        started.countDown();
    }
}
