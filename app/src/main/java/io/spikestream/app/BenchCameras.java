package io.spikestream.app;

import io.spikestream.ingest.config.IngestConfig;
import io.spikestream.ingest.service.IngestService;
import io.spikestream.ingest.source.SyntheticSpec;
import io.spikestream.scenes.SceneGenerator;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Synthetic cameras for the benches: each an in-process {@code ingest} of a synthetic clip (its own seed) to the
 * frames topic, all run to their end together.
 *
 * @param bootstrap the broker
 * @param width frame width
 * @param height frame height
 * @param partitions partitions of the frames topic when ingest creates it
 */
record BenchCameras(String bootstrap, int width, int height, int partitions) {

    /** One camera's clip and how it is published. */
    record Camera(String id, long seed, long frames, String pacing, String delivery) {
    }

    /** Frames the cameras published, and frames they dropped before publishing (live cameras only). */
    record Sent(long published, long dropped) {
    }

    /**
     * Runs the cameras at once until each has published its clip.
     *
     * @param cameras the cameras
     * @param timeout how long they may take
     * @return frames published and dropped, summed
     * @throws IOException when a camera cannot start publishing
     * @throws TimeoutException when a camera is not done in time
     */
    Sent run(List<Camera> cameras, Duration timeout) throws IOException, InterruptedException, TimeoutException {
        List<IngestService> ingests = new ArrayList<>();
        try {
            for (Camera camera : cameras) {
                IngestService ingest = ingest(camera);
                ingests.add(ingest);
                ingest.start();
            }
            long sent = 0;
            long dropped = 0;
            for (IngestService ingest : ingests) {
                if (!ingest.awaitCompletion(timeout)) {
                    throw new TimeoutException("a camera did not finish within " + timeout);
                }
                sent += ingest.progress().framesSent();
                dropped += ingest.progress().framesDropped();
            }
            return new Sent(sent, dropped);
        } finally {
            ingests.forEach(IngestService::close);
        }
    }

    /**
     * {@code n} camera ids starting with {@code prefix} that the default partitioner (murmur2 of the record key)
     * spreads evenly over {@code partitions}: ids are tried in turn and kept while their partition has fewer than
     * its share, so that a bench's cameras land in different tasks, as a deployment with enough partitions has them.
     *
     * @param prefix id prefix
     * @param n cameras
     * @param partitions partitions of the frames topic
     * @return the ids
     */
    static List<String> spreadIds(String prefix, int n, int partitions) {
        int share = (n + partitions - 1) / partitions;
        int[] used = new int[partitions];
        List<String> ids = new ArrayList<>();
        for (int k = 0; ids.size() < n; k++) {
            String id = prefix + k;
            int p = FramePartitions.of(id, partitions);
            if (used[p] < share) {
                used[p]++;
                ids.add(id);
            }
        }
        return ids;
    }

    private IngestService ingest(Camera camera) {
        Map<String, Object> m = new HashMap<>();
        m.put(IngestConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        m.put(IngestConfig.SOURCE_CONFIG, new SyntheticSpec(camera.seed(), camera.frames(), width, height,
                SceneGenerator.DEFAULT_FRAMES).toString());
        m.put(IngestConfig.CAMERA_ID_CONFIG, camera.id());
        m.put(IngestConfig.PACING_CONFIG, camera.pacing());
        m.put(IngestConfig.DELIVERY_CONFIG, camera.delivery());
        m.put(IngestConfig.TOPICS_PARTITIONS_CONFIG, partitions);
        return IngestService.builder(new IngestConfig(m)).build();
    }
}
