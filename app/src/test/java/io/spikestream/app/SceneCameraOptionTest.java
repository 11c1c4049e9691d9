package io.spikestream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikestream.scenes.CameraKind;
import io.spikestream.training.data.SyntheticDataset;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SceneCameraOptionTest {

    private static <T> T parse(T command, String... args) {
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void shouldRenderTheDemoClipFromAFixedCameraWhenAsked() {
        String source = parse(new DemoCommand(), "--scene-camera", "fixed", "--seed", "41").cameras().get(0).source();
        assertTrue(source.startsWith("synthetic:seed=41,") && source.endsWith(",camera=fixed"), source);
        assertTrue(parse(new DemoCommand()).cameras().get(0).source().endsWith(",camera=driving"));
    }

    @Test
    void shouldRejectSceneCameraWhenDemoReadsAVideo() {
        DemoCommand demo = parse(new DemoCommand(), "--video", "clip.mp4", "--scene-camera", "fixed");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, demo::cameras);
        assertTrue(e.getMessage().contains("--video"), e.getMessage());
        assertEquals("clip.mp4", parse(new DemoCommand(), "--video", "clip.mp4").cameras().get(0).source());
    }

    @Test
    void shouldNameAllowedValuesWhenSceneCameraIsUnknown() {
        CliRunner.Run run = CliRunner.run("demo", "--scene-camera", "foo");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--scene-camera") && run.err().contains("driving, fixed"), run.err());
    }

    @Test
    void shouldPassSceneCameraToTrainingWhenGiven() throws Exception {
        assertEquals(CameraKind.FIXED, parse(new TrainCommand(), "--scene-camera", "FIXED").config().sceneCamera());
        assertEquals(CameraKind.DRIVING, parse(new TrainCommand()).config().sceneCamera());
    }

    @Test
    void shouldEvaluateFixedCameraClipsWhenAsked() throws Exception {
        PrintWriter out = new PrintWriter(new StringWriter());
        EvalCommand eval = parse(new EvalCommand(), "--weights", "default", "--scene-camera", "fixed");
        assertEquals(CameraKind.FIXED, ((SyntheticDataset) eval.dataset(out)).camera());
        EvalCommand folder = parse(new EvalCommand(), "--weights", "default", "--data", "/tmp/cityscapes",
                "--scene-camera", "fixed");
        assertThrows(IllegalArgumentException.class, () -> folder.dataset(out));
    }
}
