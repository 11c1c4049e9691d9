package io.spikestream.app;

import io.spikestream.scenes.CameraKind;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --scene-camera driving|fixed}: the camera of the synthetic clips that {@code demo}, {@code eval} and
 * {@code train} render ({@link CameraKind}). Named apart from the demo's {@code --camera}, a live camera URL.
 */
final class SceneCameraOption {

    @Option(names = "--scene-camera", paramLabel = "driving|fixed", converter = Converter.class,
            description = "Camera of the synthetic clips: driving (a windshield camera driving along the road) or"
                    + " fixed (a parked dashboard camera: static street, passing traffic) (default: driving)")
    CameraKind kind;

    /** @return the chosen camera, {@link CameraKind#DRIVING} when the option is absent */
    CameraKind kind() {
        return kind != null ? kind : CameraKind.DRIVING;
    }

    /**
     * Checks that the option is only given when the input is synthetic.
     *
     * @param otherInput the options that replace the synthetic clip, for the error message
     * @throws IllegalArgumentException when the option is given for an input that is not synthetic
     */
    void requireSynthetic(boolean synthetic, String otherInput) {
        if (kind != null && !synthetic) {
            throw new IllegalArgumentException("--scene-camera applies to synthetic clips only; drop it when using "
                    + otherInput);
        }
    }

    /** Parses the option's value with {@link CameraKind#parse}, so that errors name the allowed values. */
    static final class Converter implements ITypeConverter<CameraKind> {
        @Override
        public CameraKind convert(String value) {
            try {
                return CameraKind.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
