package io.spikestream.training.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.spikestream.scenes.CameraKind;
import io.spikestream.scenes.SceneFrame;
import io.spikestream.scenes.SceneGenerator;
import io.spikestream.training.trainer.TrainConfig;
import org.junit.jupiter.api.Test;

class SyntheticDatasetTest {

    private static SceneFrame render(long seed, int frames, int index, CameraKind camera) {
        return SceneGenerator.builder().setSeed(seed).optSize(128, 64).optFrames(frames).optCamera(camera).build()
                .render(index);
    }

    @Test
    void shouldRenderDrivingClipsWhenNoCameraIsChosen() {
        SyntheticDataset data = SyntheticDataset.training(4, 1, 2, 3, 128, 64);
        assertEquals(CameraKind.DRIVING, data.camera());
        Sample sample = data.get(1);
        assertArrayEquals(render(4, 6, 3, CameraKind.DRIVING).labels(), sample.labels());
        assertEquals("synthetic_000004_000003", sample.name());
    }

    @Test
    void shouldRenderFixedCameraClipsWhenCameraIsFixed() {
        SyntheticDataset data = SyntheticDataset.evaluation(1, 1, 1, 1, 128, 64).withCamera(CameraKind.FIXED);
        Sample sample = data.get(0);
        assertArrayEquals(render(9001, 1, 0, CameraKind.FIXED).labels(), sample.labels());
        assertEquals("synthetic_fixed_009001_000000", sample.name());
        assertThrows(IllegalArgumentException.class, () -> data.withCamera(null));
    }

    @Test
    void shouldDefaultToDrivingSceneCameraWhenTrainConfigIsBuilt() {
        assertEquals(CameraKind.DRIVING, TrainConfig.builder().build().sceneCamera());
        assertEquals(CameraKind.FIXED, TrainConfig.builder().optSceneCamera(CameraKind.FIXED).build().sceneCamera());
        assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().optSceneCamera(null).build());
    }
}
