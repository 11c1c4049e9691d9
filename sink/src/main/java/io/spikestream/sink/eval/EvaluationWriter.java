package io.spikestream.sink.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.spikestream.sink.files.AtomicFiles;
import io.spikestream.sink.files.Csv;
import io.spikestream.sink.files.OutputLayout;
import io.spikestream.vision.Cityscapes;
import io.spikestream.vision.ConfusionMatrix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes an {@link Evaluation.Snapshot} to {@code <root>/evaluation.json} and {@code <root>/evaluation.csv},
 * each replaced atomically.
 *
 * <p>JSON: {@code classes} (names by trainId), {@code total} and {@code cameras.<id>}, each with
 * {@code frames, pixels, pixelAccuracy, mIoU, iou} ({@code iou} maps class name to IoU, null when the class
 * is absent from ground truth and prediction) and {@code meanRecomputedFraction} (the mean share of the
 * model's work recomputed for the evaluated frames, 1 when every one was a full pass), and the total's
 * {@code confusionMatrix} ({@code [gt][pred]}, 19 x 20, column 19 = predictions outside 0..18). CSV: one row per camera and a last row {@code scope=total},
 * columns {@code scope, camera, frames, pixels, pixel_accuracy, mIoU} and one IoU column per class
 * ({@code iou_road}, ...); an absent class is an empty cell.
 */
public final class EvaluationWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final OutputLayout layout;

    /** A writer into {@code layout}'s root. */
    public EvaluationWriter(OutputLayout layout) {
        this.layout = layout;
    }

    /** Writes both files. */
    public void write(Evaluation.Snapshot snapshot) throws IOException {
        java.nio.file.Files.createDirectories(layout.root());
        byte[] json = JSON.writeValueAsBytes(toJson(snapshot));
        AtomicFiles.write(layout.evaluationFile("json"), json);
        AtomicFiles.write(layout.evaluationFile("csv"), toCsv(snapshot).getBytes(StandardCharsets.UTF_8));
    }

    static ObjectNode toJson(Evaluation.Snapshot snapshot) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode classes = root.putArray("classes");
        for (int c = 0; c < Cityscapes.NUM_CLASSES; c++) {
            classes.add(Cityscapes.name(c));
        }
        ObjectNode total = scores(root.putObject("total"), snapshot.total(),
                snapshot.totalMeanRecomputedFraction());
        ArrayNode matrix = total.putArray("confusionMatrix");
        for (long[] row : snapshot.total().counts()) {
            ArrayNode r = matrix.addArray();
            for (long v : row) {
                r.add(v);
            }
        }
        ObjectNode cameras = root.putObject("cameras");
        snapshot.perCamera().forEach((id, m) -> scores(cameras.putObject(id), m,
                snapshot.meanRecomputedFraction().get(id)));
        return root;
    }

    static String toCsv(Evaluation.Snapshot snapshot) {
        StringBuilder csv = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("scope", "camera", "frames", "pixels", "pixel_accuracy",
                "mIoU"));
        for (int c = 0; c < Cityscapes.NUM_CLASSES; c++) {
            header.add("iou_" + Cityscapes.name(c).replace(' ', '_'));
        }
        csv.append(Csv.line(header));
        for (Map.Entry<String, ConfusionMatrix> e : snapshot.perCamera().entrySet()) {
            csv.append(Csv.line(row("camera", Csv.text(e.getKey()), e.getValue())));
        }
        return csv.append(Csv.line(row("total", "", snapshot.total()))).toString();
    }

    private static ObjectNode scores(ObjectNode node, ConfusionMatrix m, double meanRecomputedFraction) {
        node.put("frames", m.frames());
        node.put("pixels", m.pixels());
        putNumber(node, "pixelAccuracy", m.pixelAccuracy());
        putNumber(node, "mIoU", m.meanIoU());
        ObjectNode iou = node.putObject("iou");
        double[] values = m.iou();
        for (int c = 0; c < values.length; c++) {
            putNumber(iou, Cityscapes.name(c), values[c]);
        }
        putNumber(node, "meanRecomputedFraction", m.frames() == 0 ? Double.NaN : meanRecomputedFraction);
        return node;
    }

    private static List<String> row(String scope, String camera, ConfusionMatrix m) {
        List<String> row = new ArrayList<>(List.of(scope, camera, Long.toString(m.frames()),
                Long.toString(m.pixels()), number(m.pixelAccuracy()), number(m.meanIoU())));
        for (double v : m.iou()) {
            row.add(number(v));
        }
        return row;
    }

    private static void putNumber(ObjectNode node, String field, double value) {
        if (Double.isNaN(value)) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
    }
}
