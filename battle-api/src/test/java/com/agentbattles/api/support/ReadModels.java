package com.agentbattles.api.support;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every read-model table as rows of text, sorted: what a rebuild must reproduce exactly. The
 * tables are found in the schema, so a projection added later is covered without a change here;
 * only Axon's own storage and the schema history are left out.
 */
public final class ReadModels {

    private static final List<String> NOT_READ_MODELS = List.of("domain_event_entry", "snapshot_event_entry",
            "token_entry", "saga_entry", "association_value_entry", "dead_letter_entry", "flyway_schema_history",
            // the cluster's coordination, not derived from the log
            "cluster_lease", "order_rate_window");

    private ReadModels() {
    }

    public static List<String> tables(JdbcClient jdbc) {
        List<String> tables = new ArrayList<>(jdbc.sql("""
                        SELECT table_name FROM information_schema.tables
                        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'""")
                .query(String.class).list());
        tables.removeAll(NOT_READ_MODELS);
        tables.removeIf(table -> table.startsWith("candle") || table.startsWith("market_"));
        Collections.sort(tables);
        return tables;
    }

    /** Table name → its rows as PostgreSQL's text of the row, sorted. */
    public static Map<String, List<String>> snapshot(JdbcClient jdbc) {
        Map<String, List<String>> all = new TreeMap<>();
        for (String table : tables(jdbc)) {
            List<String> rows = new ArrayList<>(jdbc.sql("SELECT t::text FROM " + table + " t").query(String.class).list());
            Collections.sort(rows);
            all.put(table, rows);
        }
        return all;
    }
}
