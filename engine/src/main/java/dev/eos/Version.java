package dev.eos;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The eos version (from the build) and the source commit (from the launcher, when it knows it). */
public final class Version {

    private static final String VERSION;

    static {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // fall through to "unknown"
        }
        VERSION = p.getProperty("version", "unknown");
    }

    private Version() {
    }

    /** The eos version, e.g. "0.1.0-SNAPSHOT". */
    public static String version() {
        return VERSION;
    }

    /** The git commit the launcher ran from (system property eos.commit), or "unknown". */
    public static String commit() {
        return System.getProperty("eos.commit", "unknown");
    }
}
