package io.spikestream.app;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.utils.Utils;

/**
 * How many partitions a demo gives the frames topic (and the results topic) so that its cameras spread over the
 * inference stage's stream threads (one per partition, {@link DemoPlan#streamThreads()}): a stream thread sends
 * one frame at a time to the model, so only cameras on different threads share a forward pass. Kafka places a
 * camera by the hash of its id, so the count is the smallest one, from the number of cameras up, at which no two
 * cameras share a partition; at most {@value #MAX}, since every partition adds a stream thread to inference and
 * state stores to the sink, and a pass holds only {@code batch.max.size} frames anyway.
 */
final class FramePartitions {

    /** Most partitions a demo asks for; above it cameras share partitions. */
    static final int MAX = 16;

    private FramePartitions() {
    }

    /** The partition count for {@code cameraIds}: each on its own partition if a count up to {@value #MAX} does it. */
    static int spreading(List<String> cameraIds) {
        for (int n = cameraIds.size(); n < MAX; n++) {
            if (distinct(cameraIds, n)) {
                return n;
            }
        }
        return MAX;
    }

    /** The partition of {@code cameraId} among {@code partitions}, as Kafka's default partitioner places a key. */
    static int of(String cameraId, int partitions) {
        return Utils.toPositive(Utils.murmur2(cameraId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static boolean distinct(List<String> cameraIds, int partitions) {
        return cameraIds.stream().mapToInt(id -> of(id, partitions)).distinct().count() == cameraIds.size();
    }
}
