/**
 * File formats: {@link dev.eos.io.Npy} (.npy), {@link dev.eos.io.CsvWriter} / {@link dev.eos.io.CsvReader} (numeric
 * CSV whose doubles round-trip bit for bit), {@link dev.eos.io.Json} (Jackson, canonical form, SHA-256) and
 * {@link dev.eos.io.AtomicFiles} (temp file, fsync, rename).
 */
package dev.eos.io;
