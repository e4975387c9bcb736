package org.mapwright.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The fields of one JSON object of a request, read with their types checked: a field of the wrong type, a missing
 * required one or one the schema does not know is a {@link ErrorCode#BAD_REQUEST} that names it.
 */
final class Fields {
    private final ObjectNode node;
    private final String what;

    /**
     * @param node  the object
     * @param what  how messages name it, such as {@code a map request}
     * @param known every field it may have
     */
    Fields(ObjectNode node, String what, List<String> known) {
        this.node = node;
        this.what = what;
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                unknown.add(f);
            }
        }
        if (!unknown.isEmpty()) {
            throw bad("Unknown field" + (unknown.size() == 1 ? " `" : "s `") + String.join("`, `", unknown) + "` in "
                    + what + "; its fields are " + String.join(", ", known) + ".");
        }
    }

    static RequestException bad(String message) {
        return new RequestException(ErrorCode.BAD_REQUEST, message);
    }

    private Optional<JsonNode> get(String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
    }

    /** A text field, if given. */
    Optional<String> text(String name) {
        Optional<JsonNode> v = get(name);
        if (v.isPresent() && !v.get().isTextual()) {
            throw bad("Field `" + name + "` of " + what + " must be a string, got " + describe(v.get()) + ".");
        }
        return v.map(JsonNode::textValue);
    }

    /** A text field that must be given. */
    String requiredText(String name) {
        return text(name).orElseThrow(() -> bad(what.substring(0, 1).toUpperCase(java.util.Locale.ROOT)
                + what.substring(1) + " needs the field `" + name + "`."));
    }

    /** A whole number field from {@code min} to {@code max}, if given. */
    Optional<Long> integer(String name, long min, long max) {
        Optional<JsonNode> v = get(name);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        JsonNode n = v.get();
        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < min || n.longValue() > max) {
            throw bad("Field `" + name + "` of " + what + " must be a whole number from " + min + " to " + max
                    + ", got " + describe(n) + ".");
        }
        return Optional.of(n.longValue());
    }

    /** An object field, if given. */
    Optional<ObjectNode> object(String name) {
        Optional<JsonNode> v = get(name);
        if (v.isPresent() && !v.get().isObject()) {
            throw bad("Field `" + name + "` of " + what + " must be an object, got " + describe(v.get()) + ".");
        }
        return v.map(ObjectNode.class::cast);
    }

    /** A request id: a string or a whole number (what {@code id} and {@code target} hold). */
    static boolean isId(JsonNode v) {
        return v != null && (v.isTextual() || (v.isIntegralNumber() && v.canConvertToLong()));
    }

    /** A short description of a JSON value for a message: its type, and the value when it is short. */
    static String describe(JsonNode v) {
        String type = v.isTextual() ? "the string" : v.isNumber() ? "the number" : v.isBoolean() ? "" : v.isArray()
                ? "an array" : v.isObject() ? "an object" : "null";
        if (v.isArray() || v.isObject() || v.isNull()) {
            return type;
        }
        String text = v.toString();
        text = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return type.isEmpty() ? text : type + " " + text;
    }

    /** The fields every request has. */
    static final Set<String> ENVELOPE = Set.of("schema_version", "id", "op");
}
