package io.spikestream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

class BenchCamerasTest {

    @Test
    void shouldSpreadCameraIdsEvenlyOverThePartitions() {
        for (int[] np : new int[][] {{4, 4}, {6, 4}, {2, 2}, {1, 3}}) {
            List<String> ids = BenchCameras.spreadIds("cam-", np[0], np[1]);
            assertEquals(np[0], ids.stream().distinct().count());
            Map<Integer, Long> perPartition = ids.stream().collect(Collectors.groupingBy(
                    id -> Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % np[1],
                    Collectors.counting()));
            long share = (np[0] + np[1] - 1) / np[1];
            assertEquals(Math.min(np[0], np[1]), perPartition.size(), ids.toString());
            perPartition.values().forEach(n -> assertEquals(true, n <= share, perPartition.toString()));
        }
    }
}
