package dev.eos.cli.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.eos.cli.common.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a flat TOML config file (key = value, keys are flag names without dashes) into an ordered map. */
public final class TomlConfig {

    private static final TomlMapper MAPPER = new TomlMapper();

    private TomlConfig() {
    }

    /** The key-value pairs of {@code file}, in file order; a missing, unreadable or non-flat file is bad input. */
    public static Map<String, JsonNode> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("--config " + file + ": no such file");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (NoSuchFileException e) {
            throw new BadInputException("--config " + file + ": no such file", e);
        } catch (JacksonException e) {
            throw new BadInputException("--config " + file + ": not valid TOML: "
                    + firstLine(e.getOriginalMessage()) + location(e), e);
        } catch (IOException e) {
            throw new BadInputException("--config " + file + ": cannot read it (" + e.getMessage() + ")", e);
        }
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return out;
        }
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            if (e.getValue().isObject()) {
                throw new BadInputException("--config " + file + ": [" + e.getKey() + "] is a table; eos configs "
                        + "are flat (key = value lines, keys are the flag names without dashes)");
            }
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    private static String location(JacksonException e) {
        return e.getLocation() == null || e.getLocation().getLineNr() < 0 ? ""
                : " (line " + e.getLocation().getLineNr() + ")";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "syntax error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
