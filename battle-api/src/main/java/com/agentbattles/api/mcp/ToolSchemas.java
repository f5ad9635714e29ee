package com.agentbattles.api.mcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON Schemas of the tools' inputs, written as the small objects an LLM reads. */
final class ToolSchemas {

    /** Not a JSON Schema type: a decimal property, accepted as a string or a number. */
    static final String DECIMAL = "decimal";

    private ToolSchemas() {
    }

    static ObjectSchema object() {
        return new ObjectSchema();
    }

    static final class ObjectSchema {
        private final Map<String, Object> properties = new LinkedHashMap<>();
        private final List<String> required = new ArrayList<>();

        ObjectSchema required(String name, String type, String description, String... allowed) {
            required.add(name);
            return optional(name, type, description, allowed);
        }

        ObjectSchema optional(String name, String type, String description, String... allowed) {
            Map<String, Object> property = new LinkedHashMap<>();
            // a decimal may come as a JSON string (exact, as the REST API writes it) or a number
            property.put("type", DECIMAL.equals(type) ? List.of("string", "number") : type);
            property.put("description", description);
            if (allowed.length > 0) {
                property.put("enum", List.of(allowed));
            }
            properties.put(name, property);
            return this;
        }

        Map<String, Object> toMap() {
            Map<String, Object> schema = new LinkedHashMap<>();
            schema.put("type", "object");
            schema.put("properties", properties);
            schema.put("required", required);
            schema.put("additionalProperties", false);
            return schema;
        }
    }
}
