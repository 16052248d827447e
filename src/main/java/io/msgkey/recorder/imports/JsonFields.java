package io.msgkey.recorder.imports;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import io.msgkey.recorder.common.ApiException;
import io.msgkey.recorder.ingest.IdentityText;

/**
 * Typed reads from one JSON object of an import, each refusal a 400 naming the field by its path
 * ({@code exchanges[3].response.MsgKey}). Integers are taken as JSON numbers or digit strings, as Tencent sends some
 * both ways. Only the fields read are checked: inside Tencent's objects everything else is Tencent's and ignored.
 */
final class JsonFields {

    private static final long UINT32_MAX = 0xFFFF_FFFFL;

    private final JsonNode object;
    private final String path;

    private JsonFields(JsonNode object, String path) {
        this.object = object;
        this.path = path;
    }

    /** The object at {@code path}; a 400 when it is missing or not an object. */
    static JsonFields of(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            throw ApiException.badParameter(path, path + " is required");
        }
        if (!node.isObject()) {
            throw ApiException.badParameter(path, path + " must be a JSON object");
        }
        return new JsonFields(node, path);
    }

    String path(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    JsonNode node(String field) {
        return object.get(field);
    }

    /** Our own objects are strict: a field they do not have is refused, not ignored. */
    void refuseUnknown(Set<String> known, String shape) {
        Set<String> unknown = new TreeSet<>();
        object.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            String first = unknown.iterator().next();
            throw ApiException.badParameter(path(first), "unknown field" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown.stream().map(this::path).toList()) + "; " + shape);
        }
    }

    JsonFields object(String field) {
        return of(object.get(field), path(field));
    }

    String requiredText(String field) {
        return optionalText(field).orElseThrow(() -> ApiException.badParameter(path(field), path(field)
                + " is required"));
    }

    Optional<String> optionalText(String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        return Optional.of(text(value, path(field)));
    }

    /** An account id or a MsgKey: what the record can store (see {@link IdentityText}). */
    static String text(JsonNode value, String path) {
        if (!value.isTextual()) {
            throw ApiException.badParameter(path, path + " must be a string");
        }
        String text = value.textValue();
        IdentityText.problem(text).ifPresent(problem -> {
            throw ApiException.badParameter(path, path + " " + problem);
        });
        return text;
    }

    /** The elements of an array of objects, each with its path; empty when the field is absent. */
    List<JsonFields> objects(String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw ApiException.badParameter(path(field), path(field) + " must be an array");
        }
        List<JsonFields> elements = new ArrayList<>();
        Iterator<JsonNode> items = value.elements();
        for (int i = 0; items.hasNext(); i++) {
            elements.add(of(items.next(), path(field) + "[" + i + "]"));
        }
        return elements;
    }

    Optional<Long> optionalUint32(String field) {
        Optional<Long> value = optionalLong(field);
        if (value.isPresent() && (value.get() < 0 || value.get() > UINT32_MAX)) {
            throw ApiException.badParameter(path(field), path(field) + " must be an unsigned 32-bit integer");
        }
        return value;
    }

    Optional<Long> optionalLong(String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return Optional.of(value.longValue());
        }
        if (value.isTextual()) {
            try {
                return Optional.of(Long.parseLong(value.textValue()));
            } catch (NumberFormatException e) {
                // falls through to the same error as any other wrong type
            }
        }
        throw ApiException.badParameter(path(field), path(field) + " must be an integer");
    }
}
