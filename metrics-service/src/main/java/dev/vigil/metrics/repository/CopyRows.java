package dev.vigil.metrics.repository;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

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

    /** Big-endian, the network order the format asks for; replaced by a larger one to grow. */
    private ByteBuffer buffer;

    /** Sized for about {@code rows} rows of {@code rowBytes}; it grows as needed. */
    CopyRows(int rows, int rowBytes) {
        buffer = ByteBuffer.allocate(Math.max(64, rows * rowBytes));
        room(SIGNATURE.length + 2 * Integer.BYTES).put(SIGNATURE)
                .putInt(0) // flags: no OIDs
                .putInt(0); // no header extension
    }

    /** Starts a row of {@code columns} values. */
    CopyRows row(int columns) {
        room(Short.BYTES).putShort((short) columns);
        return this;
    }

    /** A text value (null allowed), as UTF-8. */
    CopyRows text(String value) {
        if (value == null) {
            room(Integer.BYTES).putInt(-1);
            return this;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        room(Integer.BYTES + utf8.length).putInt(utf8.length).put(utf8);
        return this;
    }

    /** A {@code timestamptz} value. */
    CopyRows timestamp(Instant value) {
        long micros = Math.addExact(Math.multiplyExact(value.getEpochSecond(), 1_000_000L),
                value.getNano() / 1_000);
        room(Integer.BYTES + Long.BYTES).putInt(Long.BYTES)
                .putLong(micros - POSTGRES_EPOCH_MICROS);
        return this;
    }

    /** A {@code smallint} value. */
    CopyRows smallint(int value) {
        room(Integer.BYTES + Short.BYTES).putInt(Short.BYTES).putShort((short) value);
        return this;
    }

    /** A {@code bigint} value (null allowed). */
    CopyRows bigint(Long value) {
        if (value == null) {
            room(Integer.BYTES).putInt(-1);
        } else {
            room(Integer.BYTES + Long.BYTES).putInt(Long.BYTES).putLong(value);
        }
        return this;
    }

    /** The whole COPY stream, with its end mark; call once, after the last row. */
    InputStream stream() {
        room(Short.BYTES).putShort((short) -1);
        return new ByteArrayInputStream(buffer.array(), 0, buffer.position());
    }

    /** The buffer, with room for {@code more} bytes. */
    private ByteBuffer room(int more) {
        if (buffer.remaining() < more) {
            int capacity = Math.max(buffer.capacity() * 2, buffer.position() + more);
            buffer = ByteBuffer.allocate(capacity).put(buffer.flip());
        }
        return buffer;
    }
}
