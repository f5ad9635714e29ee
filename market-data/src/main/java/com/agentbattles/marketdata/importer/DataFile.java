package com.agentbattles.marketdata.importer;

/** The bytes of one (decompressed) kline file and the name it is reported under. */
public record DataFile(String name, byte[] content) {
}
