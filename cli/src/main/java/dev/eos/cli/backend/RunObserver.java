package dev.eos.cli.backend;

/** What a running computation tells the command line (progress); called from the computation's thread. */
public interface RunObserver {

    /** The computation starts at step {@code from} (the checkpoint's step when resumed) of about {@code total}. */
    void started(long from, long total);

    /** The expected total changed (e.g. Phase I ended and the Phase II length is now known). */
    void total(long total);

    /** Reached step with these current values (NaN when not measured at this step). */
    void progress(long step, double loss, double sharpness);

    /** An observer that ignores everything. */
    RunObserver NONE = new RunObserver() {
        @Override
        public void started(long from, long total) {
        }

        @Override
        public void total(long total) {
        }

        @Override
        public void progress(long step, double loss, double sharpness) {
        }
    };
}
