package io.spikestream.app.pipeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spikestream.app.DemoHarness;
import io.spikestream.app.broker.EmbeddedBroker;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as a user runs it (shipped weights, default settings, a synthetic clip held out from training)
 * segments the road, cars and sky where the ground truth has them: their IoU in the sink's
 * {@code evaluation.json} clears a floor well above chance (random weights score 0 on all three).
 */
class ShippedWeightsDemoIT {

    private static final int FRAMES = 6;
    /**
     * Measured on this clip: session-2 weights per frame road 0.917, car 0.663, sky 0.738; the session-8 weights
     * (fine-tuned for keyframe mode) road 0.909, car 0.535, sky 0.688 per frame and road 0.898, car 0.491, sky 0.671
     * in keyframe mode, the demo's default with them. Random weights score near 0.
     */
    private static final double ROAD_FLOOR = 0.8;
    private static final double CAR_FLOOR = 0.4;
    private static final double SKY_FLOOR = 0.5;
    private static final String HELD_OUT_CLIP = "synthetic:seed=9100,frames=" + FRAMES + ",width=512,height=256";

    @Test
    void shouldFindRoadCarsAndSkyWithTheShippedWeights(@TempDir Path dir) throws Exception {
        String summary;
        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            summary = DemoHarness.run(broker.bootstrapServers(), FRAMES, dir, HELD_OUT_CLIP, Map.of());
        }
        assertTrue(summary.contains("tiny-cityscapes.params"), "the demo should use the shipped weights: " + summary);
        JsonNode iou = new ObjectMapper().readTree(dir.resolve("evaluation.json").toFile()).path("total").path("iou");
        assertAtLeast(iou, "road", ROAD_FLOOR, summary);
        assertAtLeast(iou, "car", CAR_FLOOR, summary);
        assertAtLeast(iou, "sky", SKY_FLOOR, summary);
    }


    private static void assertAtLeast(JsonNode iou, String name, double floor, String summary) {
        double v = iou.path(name).asDouble(Double.NaN);
        assertTrue(v >= floor, name + " IoU " + v + " is below " + floor + "\n" + summary);
    }
}
