package dev.eos.cli.options;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/** Named choices of the command line (models, algorithms, eigenvalue ends): parsing and completion by name. */
public final class Choices {

    private Choices() {
    }

    /** An enum constant with the spelling users type, e.g. "deep-linear". */
    public interface Named {
        String cliName();
    }

    /** The constant of {@code type} whose name is {@code text} (case-insensitive), or a one-line error. */
    public static <E extends Enum<E> & Named> E parse(Class<E> type, String what, String text) {
        for (E e : type.getEnumConstants()) {
            if (e.cliName().equalsIgnoreCase(text.strip())) {
                return e;
            }
        }
        throw new CommandLine.TypeConversionException("unknown " + what + " '" + text + "' (choose one of "
                + String.join(", ", names(type)) + ")");
    }

    /** The names of all constants, in declaration order. */
    public static <E extends Enum<E> & Named> List<String> names(Class<E> type) {
        List<String> out = new ArrayList<>();
        Arrays.stream(type.getEnumConstants()).forEach(e -> out.add(e.cliName()));
        return out;
    }

    /** picocli's converter by name for one {@link Named} enum (each enum's Converter names its type). */
    public abstract static class NamedConverter<E extends Enum<E> & Named> implements CommandLine.ITypeConverter<E> {
        private final Class<E> type;
        private final String what;

        /** @param what how an error names the choice, e.g. "algorithm" */
        protected NamedConverter(Class<E> type, String what) {
            this.type = type;
            this.what = what;
        }

        @Override
        public E convert(String value) {
            return parse(type, what, value);
        }
    }

    /** picocli's completion candidates for one {@link Named} enum: its names, in declaration order. */
    public abstract static class NamedCandidates extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        protected <E extends Enum<E> & Named> NamedCandidates(Class<E> type) {
            super(names(type));
        }
    }

    /** The models of the command line (--model). */
    public enum ModelKind implements Named {
        DEEP_LINEAR("deep-linear"), FACTORIZATION("factorization"), MATRIX_SENSING("matrix-sensing"),
        QUADRATIC("quadratic"), TOY2D("toy2d"), TOY3D("toy3d");

        private final String cliName;

        ModelKind(String cliName) {
            this.cliName = cliName;
        }

        @Override
        public String cliName() {
            return cliName;
        }

        @Override
        public String toString() {
            return cliName;
        }

        /** picocli converter. */
        public static final class Converter extends NamedConverter<ModelKind> {
            public Converter() {
                super(ModelKind.class, "model");
            }
        }

        /** Completion candidates. */
        public static final class Candidates extends NamedCandidates {
            private static final long serialVersionUID = 1L;

            public Candidates() {
                super(ModelKind.class);
            }
        }
    }

    /** The algorithms (--algo): normalized GD, GD on sqrt(L - L_min), plain GD, gradient flow (THEORY 2). */
    public enum Algo implements Named {
        NGD("ngd"), SQRT("sqrt"), GD("gd"), GF("gf");

        private final String cliName;

        Algo(String cliName) {
            this.cliName = cliName;
        }

        @Override
        public String cliName() {
            return cliName;
        }

        @Override
        public String toString() {
            return cliName;
        }

        /** Whether the algorithm has a limiting flow (THEORY 4.2-4.3): ngd and sqrt. */
        public boolean hasLimitingFlow() {
            return this == NGD || this == SQRT;
        }

        /** picocli converter. */
        public static final class Converter extends NamedConverter<Algo> {
            public Converter() {
                super(Algo.class, "algorithm");
            }
        }

        /** Completion candidates. */
        public static final class Candidates extends NamedCandidates {
            private static final long serialVersionUID = 1L;

            public Candidates() {
                super(Algo.class);
            }
        }
    }

    /** The end of the spectrum (--which): algebraically largest or largest magnitude. */
    public enum WhichEnd implements Named {
        LA("la"), LM("lm");

        private final String cliName;

        WhichEnd(String cliName) {
            this.cliName = cliName;
        }

        @Override
        public String cliName() {
            return cliName;
        }

        @Override
        public String toString() {
            return cliName;
        }

        /** picocli converter. */
        public static final class Converter extends NamedConverter<WhichEnd> {
            public Converter() {
                super(WhichEnd.class, "spectrum end");
            }
        }

        /** Completion candidates. */
        public static final class Candidates extends NamedCandidates {
            private static final long serialVersionUID = 1L;

            public Candidates() {
                super(WhichEnd.class);
            }
        }
    }
}
