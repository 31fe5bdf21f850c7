package dev.eos.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * An append-only numeric CSV file with a header row, written one whole row per {@code write} system call, so that a
 * process killed at any moment leaves only complete rows behind (barring a torn write of the last row, which
 * {@link CsvReader} reports). The writer tracks its byte length so a checkpoint can record it and a resume can truncate
 * back to it.
 *
 * <p>Numbers: integers in decimal; doubles by {@link Double#toString} (the shortest decimal that parses back to the
 * same bits, JDK 19+), except infinities as {@code inf}/{@code -inf} and NaN as {@code NaN}, which NumPy and pandas
 * parse in one call. An empty cell means "not computed at this row".
 *
 * <p>Usage per row: {@link #beginRow()}, one {@code cell...} per column in header order, {@link #endRow()}. The row
 * buffer is reused: after warm-up a row allocates only what {@link StringBuilder#append(double)} does.
 */
public final class CsvWriter implements Closeable {

    private final Path path;
    private final FileChannel channel;
    private final int columns;
    private final StringBuilder row = new StringBuilder(256);
    private ByteBuffer bytes = ByteBuffer.allocate(512);
    private int cellsInRow = -1;
    private long length;
    private long rows;

    private CsvWriter(Path path, FileChannel channel, int columns, long length, long rows) {
        this.path = path;
        this.channel = channel;
        this.columns = columns;
        this.length = length;
        this.rows = rows;
    }

    /** Creates {@code path} (which must not exist) and writes the header row. */
    public static CsvWriter create(Path path, List<String> header) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        CsvWriter w = new CsvWriter(path, ch, header.size(), 0, 0);
        w.row.append(String.join(",", header)).append('\n');
        w.flushRow();
        w.rows = 0;
        return w;
    }

    /**
     * Opens an existing file for appending after truncating it to {@code length} bytes (a checkpoint's record), which
     * holds the header and {@code rows} data rows.
     *
     * @throws IOException when the file is shorter than {@code length} (it lost rows the checkpoint recorded)
     */
    public static CsvWriter reopen(Path path, int columns, long length, long rows) throws IOException {
        long size = Files.size(path);
        if (size < length) {
            throw new IOException(path + " has " + size + " bytes but the checkpoint recorded " + length);
        }
        FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE);
        ch.truncate(length);
        ch.position(length);
        ch.force(true);
        return new CsvWriter(path, ch, columns, length, rows);
    }

    public Path path() {
        return path;
    }

    /** Bytes in the file so far (header included). */
    public long length() {
        return length;
    }

    /** Data rows written so far. */
    public long rows() {
        return rows;
    }

    /** Starts a row. */
    public CsvWriter beginRow() {
        row.setLength(0);
        cellsInRow = 0;
        return this;
    }

    /** An integer cell. */
    public CsvWriter cell(long v) {
        sep();
        row.append(v);
        return this;
    }

    /** A double cell, written so that it parses back to the same bits. */
    public CsvWriter cell(double v) {
        sep();
        appendDouble(row, v);
        return this;
    }

    /** An empty cell (not computed). */
    public CsvWriter empty() {
        sep();
        return this;
    }

    /** Ends the row and hands it to the OS in one write (no fsync: see {@link #sync()}). */
    public void endRow() throws IOException {
        if (cellsInRow != columns) {
            throw new IllegalStateException("row has " + cellsInRow + " cells, the header " + columns);
        }
        row.append('\n');
        flushRow();
        cellsInRow = -1;
    }

    /** fsyncs the file, so that the current length survives a power loss (called before a checkpoint). */
    public void sync() throws IOException {
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Appends the CSV text of a double: {@link Double#toString} but {@code inf}, {@code -inf} for infinities. */
    public static void appendDouble(StringBuilder sb, double v) {
        if (v == Double.POSITIVE_INFINITY) {
            sb.append("inf");
        } else if (v == Double.NEGATIVE_INFINITY) {
            sb.append("-inf");
        } else {
            sb.append(v);
        }
    }

    private void sep() {
        if (cellsInRow < 0) {
            throw new IllegalStateException("cell outside a row: call beginRow() first");
        }
        if (cellsInRow++ > 0) {
            row.append(',');
        }
    }

    private void flushRow() throws IOException {
        int n = row.length();
        if (bytes.capacity() < n) {
            bytes = ByteBuffer.allocate(Math.max(n, 2 * bytes.capacity()));
        }
        bytes.clear();
        for (int i = 0; i < n; i++) {
            bytes.put((byte) row.charAt(i)); // the text is ASCII: digits, signs, '.', 'E', letters of inf/NaN, ','
        }
        bytes.flip();
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        length += n;
        rows++;
    }
}
