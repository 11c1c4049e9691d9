package io.spikestream.vision;

import io.spikestream.vision.RgbImage;
import java.util.Objects;

/**
 * One decoded frame to segment.
 *
 * @param cameraId the camera (non-blank)
 * @param sequence the camera's frame number; consecutive numbers let a frame continue its camera's state (state.mode=delta)
 * @param captureTimeMillis capture time, UTC milliseconds
 * @param image the pixels (a plain byte holder, no DJL)
 */
public record SegmentationRequest(String cameraId, long sequence, long captureTimeMillis, RgbImage image) {

    /** Requires a camera id and an image. */
    public SegmentationRequest {
        if (cameraId == null || cameraId.isBlank()) {
            throw new IllegalArgumentException("A segmentation request needs a non-blank camera id");
        }
        Objects.requireNonNull(image, "image");
    }
}
