package dev.eos.cli.output;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns SIGINT, SIGTERM and SIGUSR1 into a request to stop (the engine checkpoints, then the CLI exits 4). The
 * first signal calls {@code onStop}; later SIGTERM/SIGUSR1 are ignored (the run is already stopping: a scheduler
 * may send both), while SIGINT gets the JVM's own handler back, so a second Ctrl-C ends the process at once.
 * {@link #close} restores the handlers that were there before.
 *
 * <p>Uses sun.misc.Signal (module jdk.unsupported, readable from the class path) through reflection, so the build
 * carries no "internal proprietary API" warnings; where it is missing, no handler is installed and the JVM's
 * defaults apply.
 */
public final class StopSignals implements AutoCloseable {

    /** The signals that ask a run to stop: Ctrl-C, the scheduler's kill, and Slurm's early warning. */
    public static final List<String> NAMES = List.of("INT", "TERM", "USR1");

    private static final Api API = Api.load();

    private final List<Object> signals = new ArrayList<>();
    private final List<Object> previous = new ArrayList<>();
    private volatile String received;

    private StopSignals() {
    }

    /** Whether this JVM lets eos handle signals (sun.misc.Signal is available). */
    public static boolean available() {
        return API != null;
    }

    /**
     * Installs the handlers. A signal the platform does not let us handle is skipped (the others still work).
     *
     * @param onStop called once, on the signal-dispatch thread, with the signal's name (e.g. "TERM")
     */
    public static StopSignals install(Consumer<String> onStop) {
        StopSignals s = new StopSignals();
        if (API == null) {
            return s;
        }
        Object handler = API.handler(name -> {
            boolean first;
            synchronized (s) {
                first = s.received == null;
                if (first) {
                    s.received = name;
                }
            }
            if (first) {
                s.restoreInterrupt();
                onStop.accept(name);
            }
        });
        for (String name : NAMES) {
            try {
                Object sig = API.signal(name);
                Object old = API.handle(sig, handler);
                s.signals.add(sig);
                s.previous.add(old);
            } catch (IllegalArgumentException unavailable) {
                // e.g. a JVM started with -Xrs, or a platform without that signal
            }
        }
        return s;
    }

    /** Sends a signal to this process (tests). */
    public static void raise(String name) {
        if (API == null) {
            throw new IllegalStateException("sun.misc.Signal is not available");
        }
        API.raise(API.signal(name));
    }

    /** The name of the first signal received ("INT", "TERM", "USR1"), or null. */
    public String received() {
        return received;
    }

    private synchronized void restoreInterrupt() {
        for (int i = 0; i < signals.size(); i++) {
            if (API.name(signals.get(i)).equals("INT")) {
                try {
                    API.handle(signals.get(i), previous.get(i));
                } catch (IllegalArgumentException ignored) {
                    // keep ours
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        for (int i = 0; i < signals.size(); i++) {
            try {
                API.handle(signals.get(i), previous.get(i));
            } catch (IllegalArgumentException ignored) {
                // nothing to restore
            }
        }
        signals.clear();
        previous.clear();
    }

    /** sun.misc.Signal and SignalHandler, reached by reflection. */
    private record Api(Class<?> handlerType, Constructor<?> newSignal, Method handle, Method raise, Method name) {

        static Api load() {
            try {
                Class<?> signal = Class.forName("sun.misc.Signal");
                Class<?> handler = Class.forName("sun.misc.SignalHandler");
                return new Api(handler, signal.getConstructor(String.class),
                        signal.getMethod("handle", signal, handler), signal.getMethod("raise", signal),
                        signal.getMethod("getName"));
            } catch (ReflectiveOperationException | LinkageError e) {
                return null;
            }
        }

        Object signal(String name) {
            return call(() -> newSignal.newInstance(name));
        }

        Object handle(Object sig, Object handler) {
            return call(() -> handle.invoke(null, sig, handler));
        }

        void raise(Object sig) {
            call(() -> raise.invoke(null, sig));
        }

        String name(Object sig) {
            return (String) call(() -> name.invoke(sig));
        }

        /** A SignalHandler that passes the signal's name to the consumer. */
        Object handler(Consumer<String> consumer) {
            return Proxy.newProxyInstance(StopSignals.class.getClassLoader(), new Class<?>[] {handlerType},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "handle" -> {
                            consumer.accept(name(args[0]));
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        case "toString" -> "eos stop-signal handler";
                        default -> null;
                    });
        }

        private interface Call {
            Object run() throws ReflectiveOperationException;
        }

        private static Object call(Call c) {
            try {
                return c.run();
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r; // e.g. IllegalArgumentException: signal in use by the VM
                }
                throw new IllegalStateException(e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
