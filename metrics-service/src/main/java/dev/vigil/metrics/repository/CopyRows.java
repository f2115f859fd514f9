package dev.vigil.metrics.repository;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Rows in Postgres' binary COPY format: a signature, then per row the column count and each
 * value as its length and bytes (length -1 for null), then -1. Binary rather than text so
 * that neither the service nor the database turns instants and numbers into text and back,
 * and text goes as its UTF-8 bytes with nothing to escape. The column types must match the
 * target table's exactly: text, {@code timestamptz}, {@code smallint} and {@code bigint}.
 */
final class CopyRows {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF,
        '\r', '\n', 0};
    /** 2000-01-01T00:00:00Z, where Postgres counts its timestamps from, in microseconds. */
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;

    private byte[] bytes;
    private int size;

    /** Sized for about {@code rows} rows of {@code rowBytes}; it grows as needed. */
    CopyRows(int rows, int rowBytes) {
        bytes = new byte[Math.max(64, rows * rowBytes)];
        write(SIGNATURE, 0, SIGNATURE.length);
        writeInt(0); // flags: no OIDs
        writeInt(0); // no header extension
    }

    /** Starts a row of {@code columns} values. */
    CopyRows row(int columns) {
        writeShort(columns);
        return this;
    }

    /** A text value (null allowed), as UTF-8. */
    CopyRows text(String value) {
        if (value == null) {
            writeInt(-1);
            return this;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        writeInt(utf8.length);
        write(utf8, 0, utf8.length);
        return this;
    }

    /** A {@code timestamptz} value. */
    CopyRows timestamp(Instant value) {
        long micros = Math.addExact(Math.multiplyExact(value.getEpochSecond(), 1_000_000L),
                value.getNano() / 1_000);
        writeInt(Long.BYTES);
        writeLong(micros - POSTGRES_EPOCH_MICROS);
        return this;
    }

    /** A {@code smallint} value. */
    CopyRows smallint(int value) {
        writeInt(Short.BYTES);
        writeShort(value);
        return this;
    }

    /** A {@code bigint} value (null allowed). */
    CopyRows bigint(Long value) {
        if (value == null) {
            writeInt(-1);
        } else {
            writeInt(Long.BYTES);
            writeLong(value);
        }
        return this;
    }

    /** The whole COPY stream, with its end mark; call once, after the last row. */
    InputStream stream() {
        writeShort(-1);
        return new ByteArrayInputStream(bytes, 0, size);
    }

    private void writeShort(int value) {
        ensure(Short.BYTES);
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) value;
    }

    private void writeInt(int value) {
        ensure(Integer.BYTES);
        putInt(size, value);
        size += Integer.BYTES;
    }

    private void writeLong(long value) {
        writeInt((int) (value >>> 32));
        writeInt((int) value);
    }

    private void putInt(int at, int value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
    }

    private void write(byte[] source, int from, int length) {
        ensure(length);
        System.arraycopy(source, from, bytes, size, length);
        size += length;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
