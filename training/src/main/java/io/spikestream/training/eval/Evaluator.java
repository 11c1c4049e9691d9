package io.spikestream.training.eval;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.spikestream.inference.model.Spike2Former;
import io.spikestream.inference.model.Spike2FormerConfig;
import io.spikestream.inference.runtime.ModelFiles;
import io.spikestream.inference.runtime.SegmentationRuntime;
import io.spikestream.inference.runtime.SingleFrameSegmenter;
import io.spikestream.training.data.Sample;
import io.spikestream.training.data.SegmentationDataset;
import io.spikestream.vision.Cityscapes;
import io.spikestream.vision.ConfusionMatrix;
import io.spikestream.vision.RgbImage;
import io.spikestream.vision.SegmentationOutput;
import io.spikestream.vision.SegmentationRequest;
import io.spikestream.vision.Segmenter;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Cityscapes-style evaluation: per-class IoU and mIoU from a {@link ConfusionMatrix} with ignore label 255
 * (cityscapesScripts {@code evalPixelLevelSemanticLabeling}: IoU = TP / (TP + FP + FN), undefined classes NaN
 * and left out of the mean), optionally writing the benchmark's submission files: one 8-bit PNG of labelIds
 * per image named {@code <city>_<seq>_<frame>_leftImg8bit.png}.
 */
public final class Evaluator {

    /** The camera id evaluation requests carry: the samples go through the segmenter as one camera's frames. */
    static final String CAMERA = "eval";

    private Evaluator() {}

    /**
     * Evaluates weights on a data set.
     *
     * @param weights official {@code .pth} or our {@code .params}
     * @param config architecture; null to read it next to a {@code .params} file
     * @param dataset the images with ground truth
     * @param inputHeight network input height (multiple of 32)
     * @param inputWidth network input width (multiple of 32)
     * @param exportDir where to write labelId PNGs, or null
     * @return the result
     * @throws IOException when weights cannot be read or PNGs written
     */
    public static EvalResult evaluate(Path weights, Spike2FormerConfig config, SegmentationDataset dataset,
            int inputHeight, int inputWidth, Path exportDir) throws IOException {
        Spike2FormerConfig arch = config != null ? config : ModelFiles.readConfig(weights);
        SegmentationRuntime runtime = SegmentationRuntime.open(arch, weights, Device.cpu(), inputHeight, inputWidth);
        try (Segmenter segmenter = new SingleFrameSegmenter(runtime)) {
            return evaluate(segmenter, dataset, exportDir);
        }
    }

    /**
     * Evaluates a model in memory, e.g. the one being trained, in inference mode (running BN statistics, fresh
     * membrane state per image); the model and its parameters stay its owner's.
     *
     * @param model the network
     * @param parameters the manager holding its parameters
     * @param inputHeight network input height (multiple of 32)
     * @param inputWidth network input width (multiple of 32)
     * @param dataset the images with ground truth
     * @return the result
     * @throws IOException when evaluation is interrupted
     */
    public static EvalResult evaluate(Spike2Former<?, ?> model, NDManager parameters, int inputHeight,
            int inputWidth, SegmentationDataset dataset) throws IOException {
        SegmentationRuntime runtime = SegmentationRuntime.borrowing(model, parameters, inputHeight, inputWidth);
        try (Segmenter segmenter = new SingleFrameSegmenter(runtime)) {
            return evaluate(segmenter, dataset, null);
        }
    }

    /**
     * Evaluates any segmenter, one sample after the other as the frames of one camera.
     *
     * @param segmenter labels each sample at its own size
     * @param dataset the images with ground truth
     * @param exportDir where to write labelId PNGs, or null
     * @return the result
     * @throws IOException when a PNG cannot be written or evaluation is interrupted
     */
    public static EvalResult evaluate(Segmenter segmenter, SegmentationDataset dataset, Path exportDir)
            throws IOException {
        return evaluate(segmenter, dataset, exportDir, dataset.size());
    }

    /**
     * Evaluates any segmenter on clips: samples {@code k * clipFrames ..} are the consecutive frames of clip
     * {@code k}, sent in order as the frames of one camera per clip, so that a segmenter keeping per-camera state
     * (key frames, change-driven caches) starts each clip afresh and continues it frame by frame.
     *
     * @param segmenter labels each sample at its own size
     * @param dataset the clips' frames with ground truth
     * @param exportDir where to write labelId PNGs, or null
     * @param clipFrames frames per clip
     * @return the result over every frame
     * @throws IOException when a PNG cannot be written or evaluation is interrupted
     */
    public static EvalResult evaluate(Segmenter segmenter, SegmentationDataset dataset, Path exportDir, int clipFrames)
            throws IOException {
        long t0 = System.nanoTime();
        ConfusionMatrix matrix = new ConfusionMatrix(Cityscapes.NUM_CLASSES, Cityscapes.IGNORE);
        if (exportDir != null) {
            Files.createDirectories(exportDir);
        }
        double recomputed = 0;
        for (int i = 0; i < dataset.size(); i++) {
            Sample s = dataset.get(i);
            SegmentationOutput out = segment(segmenter, s, CAMERA + (i / clipFrames), i % clipFrames);
            recomputed += out.recomputedFraction();
            byte[] pred = out.trainIds();
            matrix.add(s.labels(), pred);
            if (exportDir != null) {
                writeLabelIds(pred, s.width(), s.height(), exportDir.resolve(s.name() + "_leftImg8bit.png"));
            }
        }
        return new EvalResult(matrix, dataset.size(), (System.nanoTime() - t0) / 1e9,
                recomputed / Math.max(1, dataset.size()));
    }

    private static SegmentationOutput segment(Segmenter segmenter, Sample s, String camera, int index)
            throws IOException {
        RgbImage image = new RgbImage(s.width(), s.height(), s.rgb());
        try {
            return segmenter.segment(new SegmentationRequest(camera, index, 0, image));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Evaluation interrupted at sample " + index + " (" + s.name() + ")");
        }
    }

    /**
     * Writes trainIds as a labelId PNG (the benchmark's submission format).
     *
     * @param trainIds row-major trainIds
     * @param width width
     * @param height height
     * @param file target PNG
     * @throws IOException when writing fails
     */
    public static void writeLabelIds(byte[] trainIds, int width, int height, Path file) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int t = trainIds[y * width + x] & 0xFF;
                row[x] = t < Cityscapes.NUM_CLASSES ? Cityscapes.labelIdOf(t) : Cityscapes.UNLABELED_LABEL_ID;
            }
            img.getRaster().setSamples(0, y, width, 1, 0, row);
        }
        if (!ImageIO.write(img, "png", file.toFile())) {
            throw new IOException("no PNG writer for " + file);
        }
    }
}
