package dev.eos.models;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A team of T threads (the caller plus T - 1 daemon workers) that runs the numbered tasks 0..n-1 of a job with a
 * static assignment, task i on team member i mod T (member 0 is the caller), and returns when all are done. Which
 * thread runs a task never changes its result: callers give each task its own output and combine the outputs in a
 * fixed order, so results do not depend on T.
 *
 * <p>No allocation per job: workers park between jobs and are woken by a generation counter. A worker idle for
 * {@value #IDLE_SECONDS} s exits (a dropped evaluator leaves no threads behind for long); the next job starts a new
 * one. One job at a time: a team belongs to one evaluator, which is used by one thread.
 */
final class WorkerTeam {

    /** One task of a job. */
    @FunctionalInterface
    interface Task {
        void run(int index);
    }

    private static final long IDLE_SECONDS = 2;
    private static final long PARK_NANOS = 500_000_000L;
    private static final AtomicInteger SERIAL = new AtomicInteger();

    private final int size;
    private final long idleNanos;
    private final Thread[] workers;
    private final Object lock = new Object();
    private final AtomicInteger pending = new AtomicInteger();
    private volatile int generation;
    private volatile Task task;
    private volatile int tasks;
    private volatile Thread caller;
    private volatile Throwable failure;

    /** A team of {@code threads} members (1: every job runs on the caller alone). */
    WorkerTeam(int threads) {
        this(threads, IDLE_SECONDS * 1_000_000_000L);
    }

    /** A team whose workers exit after {@code idleNanos} without a job (tests). */
    WorkerTeam(int threads, long idleNanos) {
        if (threads < 1) {
            throw new IllegalArgumentException("a team needs at least one thread, got " + threads);
        }
        this.size = threads;
        this.idleNanos = idleNanos;
        this.workers = new Thread[threads];
    }

    /** The workers alive now (tests). */
    int liveWorkers() {
        synchronized (lock) {
            int n = 0;
            for (Thread t : workers) {
                n += t != null && t.isAlive() ? 1 : 0;
            }
            return n;
        }
    }

    /** The number of team members T. */
    int size() {
        return size;
    }

    /** Runs tasks 0..n-1, task i on member i mod T, and returns when every task is done. */
    void run(int n, Task job) {
        if (size == 1 || n <= 1) {
            for (int i = 0; i < n; i++) {
                job.run(i);
            }
            return;
        }
        caller = Thread.currentThread();
        task = job;
        tasks = n;
        failure = null;
        pending.set(size - 1); // every worker takes part in every job (some with no task), and counts down once
        synchronized (lock) {
            int g = generation;
            for (int w = 1; w < size; w++) {
                if (workers[w] == null) {
                    workers[w] = start(w, g);
                }
            }
            generation = g + 1;
        }
        for (int w = 1; w < size; w++) {
            LockSupport.unpark(workers[w]);
        }
        share(0, size, job, n);
        int spins = 0;
        while (pending.get() != 0) {
            if (++spins < 4096) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
        task = null; // the team keeps no reference to the job's owner between jobs
        Throwable f = failure;
        if (f != null) {
            throw new IllegalStateException("a worker failed: " + f, f);
        }
    }

    private static void share(int member, int members, Task job, int n) {
        for (int i = member; i < n; i += members) {
            job.run(i);
        }
    }

    private Thread start(int w, int seen) {
        Thread t = new Thread(() -> work(w, seen), "eos-worker-" + SERIAL.incrementAndGet());
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** A worker's loop: run this member's share of each new generation; exit after a long idle spell. */
    private void work(int w, int seen) {
        long idleSince = System.nanoTime();
        while (true) {
            int g = generation;
            if (g != seen) {
                seen = g;
                try {
                    share(w, size, task, tasks);
                } catch (Throwable e) {
                    failure = e;
                }
                if (pending.decrementAndGet() == 0) {
                    LockSupport.unpark(caller);
                }
                idleSince = System.nanoTime();
                continue;
            }
            if (System.nanoTime() - idleSince > idleNanos) {
                synchronized (lock) {
                    if (generation == seen) {
                        workers[w] = null;
                        return;
                    }
                }
                continue;
            }
            LockSupport.parkNanos(this, Math.min(PARK_NANOS, idleNanos));
        }
    }
}
