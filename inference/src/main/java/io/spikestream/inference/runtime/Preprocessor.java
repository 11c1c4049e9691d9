package io.spikestream.inference.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.spikestream.inference.model.Spike2FormerConfig;
import io.spikestream.inference.model.ops.Bilinear;
import io.spikestream.vision.RgbImage;
import java.util.List;

/**
 * Turns RGB frames into the network input: resize (bilinear, no anti-aliasing, like mmseg's cv2 resize)
 * to the model's input size and normalise with the ImageNet mean and standard deviation.
 */
public final class Preprocessor {

    private final int height;
    private final int width;

    /**
     * Creates a preprocessor for a fixed network input size.
     *
     * @param height network input height, a multiple of 32
     * @param width network input width, a multiple of 32
     */
    public Preprocessor(int height, int width) {
        if (height <= 0 || width <= 0 || height % 32 != 0 || width % 32 != 0) {
            throw new IllegalArgumentException("Model input size must be positive multiples of 32, got "
                    + height + "x" + width + "; e.g. 256x512 or 512x1024");
        }
        this.height = height;
        this.width = width;
    }

    /** Network input height. */
    public int height() {
        return height;
    }

    /** Network input width. */
    public int width() {
        return width;
    }

    /**
     * Builds a batch.
     *
     * @param images frames of any size
     * @param manager owner of the result (a per-batch scope)
     * @return {@code (B, 3, height, width)} float32, normalised, on the manager's device
     */
    public NDArray batch(List<RgbImage> images, NDManager manager) {
        return normalise(raw(images, manager));
    }

    /**
     * Resizes frames to the network input without normalising.
     *
     * @param images frames of any size
     * @param manager owner of the result (a per-batch scope)
     * @return {@code (B, 3, height, width)} float32 RGB in 0..255, on the manager's device
     */
    public NDArray raw(List<RgbImage> images, NDManager manager) {
        NDList items = new NDList(images.size());
        for (RgbImage image : images) {
            items.add(single(image, manager));
        }
        return items.size() == 1 ? items.head().expandDims(0) : NDArrays.stack(items);
    }

    /**
     * Normalises resized frames with the ImageNet mean and standard deviation.
     *
     * @param x {@code (B, 3, H, W)} RGB in 0..255
     * @return the network input
     */
    public static NDArray normalise(NDArray x) {
        NDManager manager = x.getManager();
        NDArray mean = manager.create(Spike2FormerConfig.PIXEL_MEAN).reshape(1, 3, 1, 1).toDevice(x.getDevice(), false);
        NDArray std = manager.create(Spike2FormerConfig.PIXEL_STD).reshape(1, 3, 1, 1).toDevice(x.getDevice(), false);
        return x.sub(mean).div(std);
    }

    private NDArray single(RgbImage image, NDManager manager) {
        NDArray hwc = manager.create(java.nio.ByteBuffer.wrap(image.rgb()),
                new Shape(image.height(), image.width(), 3), DataType.UINT8);
        NDArray chw = hwc.toType(DataType.FLOAT32, false).transpose(2, 0, 1);
        return Bilinear.resize(chw, height, width);
    }
}
