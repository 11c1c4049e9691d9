package io.spikestream.app;

import io.spikestream.ingest.source.SyntheticSpec;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The cameras of a demo run ({@code demo --cameras N}). One camera is {@value #SINGLE_ID}, whatever its source;
 * N synthetic cameras are {@code demo-cam-0} to {@code demo-cam-<N-1>}, camera {@code i} rendering the clip of
 * seed {@code seed + i} (so camera 0 shows the one-camera demo's clip).
 */
final class DemoCameras {

    /** Most cameras a demo runs. */
    static final int MAX = 64;
    /** The id of the only camera of a one-camera demo. */
    static final String SINGLE_ID = "demo-cam";

    private DemoCameras() {
    }

    /**
     * Checks the {@code --cameras} count.
     *
     * @param count the cameras asked for
     * @param synthetic whether the input is the synthetic clip (not {@code --video} or {@code --camera})
     * @throws IllegalArgumentException when out of 1..{@value #MAX}, or above 1 for a real source
     */
    static void check(int count, boolean synthetic) {
        if (count < 1 || count > MAX) {
            throw new IllegalArgumentException("--cameras must be between 1 and " + MAX + ", got " + count);
        }
        if (count > 1 && !synthetic) {
            throw new IllegalArgumentException("--cameras " + count + " runs synthetic cameras, but --video and"
                    + " --camera are one real source; drop --cameras to demo that source, or drop --video/--camera"
                    + " to demo " + count + " synthetic cameras");
        }
    }

    /** The one camera of a demo from {@code source}. */
    static List<DemoCamera> single(String source) {
        return List.of(new DemoCamera(SINGLE_ID, source));
    }

    /**
     * {@code count} synthetic cameras, camera {@code i} with the settings of {@code first} and seed
     * {@code first.seed() + i}.
     */
    static List<DemoCamera> synthetic(int count, SyntheticSpec first) {
        return IntStream.range(0, count).mapToObj(i -> new DemoCamera(id(i, count), new SyntheticSpec(
                first.seed() + i, first.frames(), first.width(), first.height(), first.clipFrames(), first.camera())
                .toString())).toList();
    }

    /** The id of camera {@code index} of {@code count}. */
    static String id(int index, int count) {
        return count == 1 ? SINGLE_ID : SINGLE_ID + "-" + index;
    }
}
