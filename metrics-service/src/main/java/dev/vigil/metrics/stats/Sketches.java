package dev.vigil.metrics.stats;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;

/** Creates, stores and reads the DDSketches of response times (1 % relative accuracy). */
public final class Sketches {

    public static final double RELATIVE_ACCURACY = 0.01;

    private Sketches() {
    }

    /** An empty sketch; every stored sketch uses this same mapping, so they merge. */
    public static DDSketch empty() {
        return DDSketches.logarithmicUnboundedDense(RELATIVE_ACCURACY);
    }

    /** The sketch in DDSketch's own binary encoding. */
    public static byte[] encode(DDSketch sketch) {
        try {
            GrowingByteArrayOutput output = GrowingByteArrayOutput.withDefaultInitialCapacity();
            sketch.encode(output, false);
            return output.trimmedCopy();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode sketch", e);
        }
    }

    /** Adds a stored sketch into {@code target} without building an intermediate one. */
    public static void mergeInto(DDSketch target, byte[] encoded) {
        try {
            target.decodeAndMergeWith(ByteArrayInput.wrap(encoded));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode sketch", e);
        }
    }
}
