package com.agentbattles.marketdata.importer;

/** A fatal problem with a whole file: nothing of it is stored. */
public class ImportFailedException extends RuntimeException {

    public ImportFailedException(String message) {
        super(message);
    }

    public ImportFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
