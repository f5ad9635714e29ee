package com.agentbattles.marketdata.importer;

/** A row the importer refused, and why. {@code row}: CSV line number or 1-based JSON position. */
public record RejectedRow(int row, String reason) {
}
