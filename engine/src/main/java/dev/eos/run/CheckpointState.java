package dev.eos.run;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Named arrays that a metric component saves into a checkpoint and restores from it (warm-start vectors, flow state,
 * counters), so that a resumed run computes the same bits. Names are dotted, e.g. "sharpness.v"; arrays are copied in
 * and out. Doubles are stored bit-exactly.
 */
public final class CheckpointState {

    private final SortedMap<String, double[]> doubles = new TreeMap<>();
    private final SortedMap<String, long[]> longs = new TreeMap<>();

    /** Stores a copy of {@code v} under {@code name}. */
    public void putDoubles(String name, double[] v) {
        doubles.put(name, v.clone());
    }

    /** Stores a copy of {@code v} under {@code name}. */
    public void putLongs(String name, long[] v) {
        longs.put(name, v.clone());
    }

    /** The array stored under {@code name}, or null. */
    public double[] doubles(String name) {
        return doubles.get(name);
    }

    /** The array stored under {@code name}, or null. */
    public long[] longs(String name) {
        return longs.get(name);
    }

    SortedMap<String, double[]> allDoubles() {
        return Collections.unmodifiableSortedMap(doubles);
    }

    SortedMap<String, long[]> allLongs() {
        return Collections.unmodifiableSortedMap(longs);
    }

    boolean isEmpty() {
        return doubles.isEmpty() && longs.isEmpty();
    }

    void putAll(Map<String, double[]> d, Map<String, long[]> l) {
        doubles.putAll(d);
        longs.putAll(l);
    }
}
