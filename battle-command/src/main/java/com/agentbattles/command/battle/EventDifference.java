package com.agentbattles.command.battle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Where two events differ, field by field, as a path such as {@code fill.price}. Numbers are
 * compared by value: a decimal read back from the log may carry another scale than the same
 * decimal computed again ({@code 100.50} against {@code 100.5}), and that is no difference.
 */
final class EventDifference {

    /** Exact decimals: the default node factory would print 90.00000000 as 9E+1. */
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private EventDifference() {
    }

    /** The first differing field of two events, or empty when they record the same fact. */
    static Optional<String> between(Object recorded, Object resimulated) {
        if (recorded.getClass() != resimulated.getClass()) {
            return Optional.of("event type: recorded " + recorded.getClass().getSimpleName() + ", re-simulated "
                    + resimulated.getClass().getSimpleName());
        }
        return first("", JSON.valueToTree(recorded), JSON.valueToTree(resimulated));
    }

    static String describe(Object event) {
        return event == null ? "nothing" : event.getClass().getSimpleName() + " " + JSON.valueToTree(event);
    }

    private static Optional<String> first(String path, JsonNode recorded, JsonNode resimulated) {
        if (recorded.isNumber() && resimulated.isNumber()) {
            return recorded.decimalValue().compareTo(resimulated.decimalValue()) == 0 ? Optional.empty()
                    : differs(path, recorded, resimulated);
        }
        if (recorded.isObject() && resimulated.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = recorded.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode other = resimulated.path(field.getKey());
                Optional<String> difference = first(join(path, field.getKey()), field.getValue(), other);
                if (difference.isPresent()) {
                    return difference;
                }
            }
            return recorded.size() == resimulated.size() ? Optional.empty() : differs(path, recorded, resimulated);
        }
        if (recorded.isArray() && resimulated.isArray()) {
            for (int i = 0; i < Math.min(recorded.size(), resimulated.size()); i++) {
                Optional<String> difference = first(path + "[" + i + "]", recorded.get(i), resimulated.get(i));
                if (difference.isPresent()) {
                    return difference;
                }
            }
            return recorded.size() == resimulated.size() ? Optional.empty()
                    : Optional.of(path + ": recorded " + recorded.size() + " entries, re-simulated " + resimulated.size());
        }
        boolean bothAbsent = (recorded.isNull() || recorded.isMissingNode())
                && (resimulated.isNull() || resimulated.isMissingNode());
        return bothAbsent || recorded.equals(resimulated) ? Optional.empty() : differs(path, recorded, resimulated);
    }

    private static Optional<String> differs(String path, JsonNode recorded, JsonNode resimulated) {
        return Optional.of((path.isEmpty() ? "event" : path) + ": recorded " + plain(recorded) + ", re-simulated "
                + plain(resimulated));
    }

    private static String plain(JsonNode node) {
        return node.isNumber() ? node.decimalValue().toPlainString() : node.toString();
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
