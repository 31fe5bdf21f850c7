package dev.eos.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eos.cli.common.BadInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Converts one TOML value to the Java type of the option it sets, or fails with a one-line message naming the
 * key and the expected type. Strings go through the option's own converter (names such as "deep-linear", counts
 * such as "2e4"), so a config accepts what the command line accepts.
 */
final class ConfigValues {

    private ConfigValues() {
    }

    static Object convert(JsonNode node, OptionSpec opt, String key, Path file) {
        Class<?> type = opt.type();
        if (List.class.isAssignableFrom(type)) {
            return list(node, opt, key, file);
        }
        return scalar(node, type, opt, key, file);
    }

    private static Object list(JsonNode node, OptionSpec opt, String key, Path file) {
        Class<?> element = opt.auxiliaryTypes().length > 0 ? opt.auxiliaryTypes()[0] : String.class;
        List<Object> out = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode item : node) {
                out.add(scalar(item, element, opt, key, file));
            }
            return out;
        }
        if (node.isTextual()) { // "3,4,3", as on the command line
            for (String part : node.asText().split(",")) {
                out.add(fromText(part.strip(), element, opt, key, file));
            }
            return out;
        }
        throw wrongType(key, file, "a list of " + describe(element) + " (e.g. [3, 4, 3])", node);
    }

    private static Object scalar(JsonNode node, Class<?> type, OptionSpec opt, String key, Path file) {
        if (type == boolean.class || type == Boolean.class) {
            if (node.isBoolean()) {
                return node.booleanValue();
            }
            throw wrongType(key, file, "a boolean (true or false)", node);
        }
        if (type == double.class || type == Double.class) {
            if (node.isNumber()) {
                return node.doubleValue();
            }
            throw wrongType(key, file, "a number", node);
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            boolean isInt = type == int.class || type == Integer.class;
            long v;
            if (node.isIntegralNumber() && node.canConvertToLong()) {
                v = node.longValue();
            } else if (node.isFloatingPointNumber() && node.doubleValue() == Math.rint(node.doubleValue())
                    && Math.abs(node.doubleValue()) < 0x1p62) {
                v = (long) node.doubleValue(); // 2e4 written as a float
            } else if (node.isTextual() && opt.converters().length > 0) {
                return fromText(node.asText(), type, opt, key, file);
            } else {
                throw wrongType(key, file, "an integer", node);
            }
            if (isInt) {
                if (v != (int) v) {
                    throw new BadInputException("--config " + file + ": key '" + key + "' is out of range: " + v);
                }
                return (int) v;
            }
            return v;
        }
        if (node.isTextual()) {
            return fromText(node.asText(), type, opt, key, file);
        }
        throw wrongType(key, file, describe(type), node);
    }

    private static Object fromText(String text, Class<?> type, OptionSpec opt, String key, Path file) {
        try {
            if (opt.converters().length > 0) {
                return opt.converters()[0].convert(text);
            }
            if (type == Path.class) {
                Path p = Path.of(text);
                Path dir = file.toAbsolutePath().getParent();
                return p.isAbsolute() || dir == null ? p : dir.resolve(p).normalize();
            }
            if (type == String.class) {
                return text;
            }
            if (type == Integer.class || type == int.class) {
                return Integer.valueOf(text);
            }
            if (type == Long.class || type == long.class) {
                return Long.valueOf(text);
            }
            if (type == Double.class || type == double.class) {
                return Double.valueOf(text);
            }
        } catch (CommandLine.TypeConversionException e) {
            throw new BadInputException("--config " + file + ": key '" + key + "': " + e.getMessage(), e);
        } catch (Exception e) {
            throw wrongType(key, file, describe(type), text);
        }
        throw new IllegalStateException("no config conversion for option type " + type.getName());
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Path.class) {
            return "a file path (a string)";
        }
        return "a string";
    }

    private static BadInputException wrongType(String key, Path file, String expected, Object got) {
        String shown;
        if (got instanceof JsonNode n) {
            String kind = n.isTextual() ? "string" : n.isBoolean() ? "boolean" : n.isIntegralNumber() ? "integer"
                    : n.isNumber() ? "number" : n.isArray() ? "array" : "value";
            shown = kind + " " + n;
        } else {
            shown = "'" + got + "'";
        }
        return new BadInputException("--config " + file + ": key '" + key + "' must be " + expected + ", got "
                + shown);
    }
}
