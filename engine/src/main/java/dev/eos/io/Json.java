package dev.eos.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * JSON through Jackson: one shared mapper, a canonical form (object keys sorted at every level, no whitespace) for
 * hashing, a pretty form for files people read, and SHA-256 helpers. Doubles are written by Jackson with the
 * shortest representation that parses back to the same bits.
 */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private Json() {
    }

    /** The shared mapper (thread-safe once configured). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A new empty object node. */
    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** A new empty array node. */
    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** A copy of {@code node} whose object keys are sorted at every level. */
    public static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            names.sort(null);
            ObjectNode out = object();
            for (String n : names) {
                out.set(n, sorted(node.get(n)));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = array();
            for (JsonNode e : node) {
                out.add(sorted(e));
            }
            return out;
        }
        return node;
    }

    /** The canonical text of {@code node}: keys sorted at every level, compact. Equal trees give equal text. */
    public static String canonical(JsonNode node) {
        return compact(sorted(node));
    }

    /** Compact text of {@code node} in its own key order. */
    public static String compact(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise JSON: " + e.getMessage(), e);
        }
    }

    /** Indented text of {@code node} with a final newline, for files people read. */
    public static String pretty(JsonNode node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise JSON: " + e.getMessage(), e);
        }
    }

    /** Parses JSON text; malformed text raises an IOException naming the problem. */
    public static JsonNode parse(String text) throws IOException {
        return MAPPER.readTree(text);
    }

    /** Reads and parses a JSON file. */
    public static JsonNode read(Path file) throws IOException {
        return MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Writes {@code node} (pretty) to {@code file} atomically. */
    public static void writeAtomically(Path file, JsonNode node) throws IOException {
        AtomicFiles.write(file, pretty(node).getBytes(StandardCharsets.UTF_8));
    }

    /** Converts a plain Java value tree (maps, lists, numbers, strings, booleans) to JSON. */
    public static JsonNode valueOf(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** SHA-256 of the UTF-8 bytes of {@code text}, as 64 lowercase hex digits. */
    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /** SHA-256 of {@code bytes}, as 64 lowercase hex digits. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
