package io.spikestream.sink.live;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.spikestream.vision.Cityscapes;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Locale;

/**
 * The JSON of the page's events, one line each. A snapshot is {@code {"overlays", "classes": [{"name",
 * "color"}], "cameras": [...]}}, an update {@code {"cameras": [...]}}; a camera is its {@link CameraSnapshot}
 * without the file, numbers that are NaN written as null.
 */
final class LiveJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private LiveJson() {
    }

    static String snapshot(boolean overlays, Collection<CameraSnapshot> cameras) {
        return write(g -> {
            g.writeBooleanField("overlays", overlays);
            g.writeArrayFieldStart("classes");
            for (int c = 0; c < Cityscapes.NUM_CLASSES; c++) {
                g.writeStartObject();
                g.writeStringField("name", Cityscapes.name(c));
                g.writeStringField("color", String.format(Locale.ROOT, "#%06x", Cityscapes.color(c)));
                g.writeEndObject();
            }
            g.writeEndArray();
            cameras(g, cameras);
        });
    }

    static String update(Collection<CameraSnapshot> cameras) {
        return write(g -> cameras(g, cameras));
    }

    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    private static String write(Fields fields) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to a string", e);
        }
        return out.toString();
    }

    private static void cameras(JsonGenerator g, Collection<CameraSnapshot> cameras) throws IOException {
        g.writeArrayFieldStart("cameras");
        for (CameraSnapshot camera : cameras) {
            camera(g, camera);
        }
        g.writeEndArray();
    }

    private static void camera(JsonGenerator g, CameraSnapshot c) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", c.cameraId());
        g.writeNumberField("sequence", c.sequence());
        g.writeNumberField("width", c.width());
        g.writeNumberField("height", c.height());
        g.writeNumberField("written", c.written());
        g.writeNumberField("skipped", c.skipped());
        number(g, "fps", c.framesPerSecond());
        number(g, "latencyP50", c.latencyP50Millis());
        number(g, "latencyP99", c.latencyP99Millis());
        number(g, "firingRate", c.firingRate());
        number(g, "energyMj", c.energyMillijoules());
        number(g, "recomputed", c.recomputedFraction());
        g.writeArrayFieldStart("shares");
        for (int k = 0; k < c.classCount(); k++) {
            g.writeNumber(c.classShare(k));
        }
        g.writeEndArray();
        if (c.hasOverlay()) {
            g.writeNumberField("overlay", c.overlaySequence());
        } else {
            g.writeNullField("overlay");
        }
        g.writeEndObject();
    }

    private static void number(JsonGenerator g, String name, double value) throws IOException {
        if (Double.isFinite(value)) {
            g.writeNumberField(name, value);
        } else {
            g.writeNullField(name);
        }
    }
}
