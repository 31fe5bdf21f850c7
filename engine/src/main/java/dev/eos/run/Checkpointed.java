package dev.eos.run;

/**
 * A metric component whose future results depend on its past (a warm-start vector, an integrated flow): it saves that
 * state into checkpoints and restores it on resume, so that resumed metrics are bit-identical.
 */
public interface Checkpointed {

    /** Adds this component's state to {@code out} (names prefixed by the component, e.g. "sharpness."). */
    void save(CheckpointState out);

    /** Restores what {@link #save} wrote (absent entries mean: the fresh state). */
    void restore(CheckpointState in);
}
