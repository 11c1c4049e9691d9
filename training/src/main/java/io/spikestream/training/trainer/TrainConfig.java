package io.spikestream.training.trainer;

import io.spikestream.inference.model.Spike2FormerConfig;
import io.spikestream.scenes.CameraKind;
import io.spikestream.training.losses.LossWeights;
import java.nio.file.Path;

/**
 * Everything a training run needs. The defaults are the recipe of the shipped {@code tiny-cityscapes} weights:
 * the official code ({@code configs/Spike2Former/SDTv2_maskformer_DCNPixelDecoder_CityScapes.py}: AdamW lr 1e-3,
 * betas 0.9/0.999, weight decay 0.005, LinearLR 1e-6 warm-up then PolyLR power 1, cat_max_ratio 0.75, flip
 * 0.5, photometric distortion) scaled down for a CPU (tiny-cityscapes, 128x256 crops of 256x512 synthetic
 * frames, batch 2, warm-up 1/10 of the run) with four changes for training from random weights: backbone lr
 * x 1.0 (official 0.1, for an ImageNet-trained backbone), rescale 0.25-1.0 of the frame (the official 0.5-2.0
 * around the network input, which is the crop), no gradient clipping ({@code maxGradNorm}; official 0.01) and
 * a skip of gradient spikes ({@code spikeRatio}). Recipe and measurements in docs/training.md.
 *
 * @param model architecture
 * @param iterations optimizer steps
 * @param batchSize images (or clips) per forward pass
 * @param accumulation forward passes per optimizer step (gradient accumulation)
 * @param cropHeight training crop height (multiple of 32), also the network input of validation: the attention
 *     has no softmax, so its neurons' input grows with the number of tokens and a model trained on crops of
 *     one size fails at four times as many tokens (docs/training.md)
 * @param cropWidth training crop width (multiple of 32), also the validation input width
 * @param frameHeight synthetic frame height (validation frames are resized to the crop size and back)
 * @param frameWidth synthetic frame width
 * @param minScale smallest random rescale
 * @param maxScale largest random rescale
 * @param catMaxRatio crop balance ratio (1 disables)
 * @param photometric photometric distortion on or off
 * @param lr base learning rate
 * @param backboneLrMult learning-rate multiplier of {@code backbone.*}
 * @param weightDecay AdamW weight decay
 * @param beta1 AdamW beta1
 * @param beta2 AdamW beta2
 * @param adamEps AdamW epsilon
 * @param warmupIterations LinearLR warm-up length
 * @param warmupStartFactor LinearLR start factor
 * @param polyEnd iteration where PolyLR reaches 0 (official Cityscapes: 160000 with 90000 iterations)
 * @param polyPower PolyLR power
 * @param maxGradNorm global gradient-norm bound; 0 disables clipping. The official code uses 0.01 (with an
 *     ImageNet-trained backbone); it stays available. The default here is 0 (off): from random initialisation
 *     the global norm of tiny-cityscapes is ~25 at the first step and ~5-15 later (docs/training.md), so 0.01
 *     would rescale every step by ~1e-3. AdamW is invariant to that scale except through its eps 1e-8, which
 *     then damps the smallest gradients; without clipping the update is the plain AdamW step. Before the
 *     initialisation fix (attention q/k/v BatchNorm shift, DCN mask convolution) the norm was ~1e10..inf,
 *     because silent attention neurons feed constant channels into training-mode BatchNorm, whose backward
 *     scales by {@code 1/sqrt(eps)} ~ 316 per layer
 * @param spikeRatio skip a step whose global gradient norm exceeds this multiple of the median of recent
 *     accepted norms ({@link GradientSpikeGuard}); 0 disables. Non-finite steps are always skipped
 * @param losses loss and matching weights
 * @param trainClips synthetic training clips (seeds {@code trainFirstSeed ..})
 * @param trainFirstSeed first synthetic training seed
 * @param framesPerClip frames drawn from each training clip
 * @param frameStride frame-index step between drawn frames of a clip
 * @param clipLength frames per training sequence with membrane state carried between them (1 = still images)
 * @param cityscapesRoot train on this Cityscapes-layout folder ({@code train} split) instead of synthetic clips
 * @param sceneCamera camera of the synthetic training and validation clips (default {@link CameraKind#DRIVING})
 * @param evalClips held-out synthetic clips for validation (seeds from 9000)
 * @param evalEvery validate every n iterations (0 = only at the end, negative = never)
 * @param checkpointEvery save a checkpoint every n iterations (0 = only at the end)
 * @param outputDir checkpoints and final weights; null for none
 * @param resume continue from {@code outputDir/latest.params} when present
 * @param logEvery progress line every n iterations
 * @param seed seed of initialisation, sampling and augmentation
 * @param initialWeights {@code .params} weights to start from (fine-tuning), or null for random initialisation
 * @param keyFrames train clips for {@code keyframe} mode, or null for single frames / membrane state carried
 */
public record TrainConfig(Spike2FormerConfig model, int iterations, int batchSize, int accumulation, int cropHeight,
        int cropWidth, int frameHeight, int frameWidth, double minScale, double maxScale, double catMaxRatio,
        boolean photometric, double lr, double backboneLrMult, double weightDecay, double beta1, double beta2,
        double adamEps, int warmupIterations, double warmupStartFactor, int polyEnd, double polyPower,
        double maxGradNorm, double spikeRatio, LossWeights losses, int trainClips, long trainFirstSeed, int framesPerClip,
        int frameStride, int clipLength, Path cityscapesRoot, CameraKind sceneCamera, int evalClips, int evalEvery, int checkpointEvery,
        Path outputDir, boolean resume, int logEvery, long seed, Path initialWeights, KeyFrameTraining keyFrames) {

    public TrainConfig {
        check(iterations > 0 && batchSize > 0 && accumulation > 0, "iterations, batch size and accumulation must be positive");
        check(cropHeight % 32 == 0 && cropWidth % 32 == 0 && cropHeight > 0 && cropWidth > 0,
                "crop must be positive multiples of 32, got " + cropHeight + "x" + cropWidth);
        check(frameHeight % 32 == 0 && frameWidth % 32 == 0 && frameHeight >= 64 && frameWidth >= 128,
                "frame size must be multiples of 32 and at least 128x64, got " + frameWidth + "x" + frameHeight);
        check(minScale > 0 && maxScale >= minScale, "scale range must satisfy 0 < min <= max, got " + minScale + ","
                + maxScale);
        check(lr > 0 && backboneLrMult >= 0 && weightDecay >= 0, "learning rate must be positive, multipliers >= 0");
        check(maxGradNorm >= 0, "max grad norm must be >= 0 (0 disables clipping)");
        check(spikeRatio == 0 || spikeRatio > 1, "spike ratio must be 0 (off) or above 1, got " + spikeRatio);
        check(trainClips > 0 && framesPerClip > 0 && frameStride > 0 && clipLength > 0,
                "training clips, frames per clip, stride and clip length must be positive");
        check(clipLength <= framesPerClip * frameStride, "clip length exceeds the rendered clip");
        check(keyFrames == null || clipLength >= 2, "key-frame training needs clips of at least 2 frames"
                + " (--clip-frames): a key frame and a frame that reuses its context");
        check(keyFrames == null || (clipLength - 1) * keyFrames.maxFrameStep() < framesPerClip * frameStride,
                "clip frames times the largest frame step exceed the rendered clip (frames per clip x stride)");
        check(logEvery > 0, "log interval must be positive");
        check(sceneCamera != null, "scene camera must be one of " + CameraKind.allowedValues());
        new LrSchedule(warmupIterations, warmupStartFactor, polyEnd, polyPower);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The LR schedule of this run. */
    public LrSchedule schedule() {
        return new LrSchedule(warmupIterations, warmupStartFactor, polyEnd, polyPower);
    }

    /** Starts from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder; every setting is optional ({@code optX}). */
    public static final class Builder {
        private Spike2FormerConfig model = Spike2FormerConfig.preset("tiny-cityscapes");
        private int iterations = 4500;
        private int batchSize = 2;
        private int accumulation = 1;
        private int cropHeight = 128;
        private int cropWidth = 256;
        private int frameHeight = 256;
        private int frameWidth = 512;
        private double minScale = 0.25;
        private double maxScale = 1.0;
        private double catMaxRatio = 0.75;
        private boolean photometric = true;
        private double lr = 1e-3;
        private double backboneLrMult = 1.0;
        private double weightDecay = 0.005;
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double adamEps = 1e-8;
        private Integer warmupIterations;
        private double warmupStartFactor = 1e-6;
        private Integer polyEnd;
        private double polyPower = 1.0;
        private double maxGradNorm = 0;
        private Path initialWeights;
        private KeyFrameTraining keyFrames;
        private double spikeRatio = 20;
        private LossWeights losses = LossWeights.OFFICIAL;
        private int trainClips = 300;
        private long trainFirstSeed = 0;
        private int framesPerClip = 3;
        private int frameStride = 10;
        private int clipLength = 1;
        private Path cityscapesRoot;
        private CameraKind sceneCamera = CameraKind.DRIVING;
        private int evalClips = 10;
        private int evalEvery = 500;
        private int checkpointEvery = 500;
        private Path outputDir;
        private boolean resume = true;
        private int logEvery = 10;
        private long seed = 42;

        public Builder optModel(Spike2FormerConfig v) { model = v; return this; }
        public Builder optIterations(int v) { iterations = v; return this; }
        public Builder optBatchSize(int v) { batchSize = v; return this; }
        public Builder optAccumulation(int v) { accumulation = v; return this; }
        public Builder optCrop(int height, int width) { cropHeight = height; cropWidth = width; return this; }
        public Builder optFrameSize(int height, int width) { frameHeight = height; frameWidth = width; return this; }
        public Builder optScaleRange(double min, double max) { minScale = min; maxScale = max; return this; }
        public Builder optCatMaxRatio(double v) { catMaxRatio = v; return this; }
        public Builder optPhotometric(boolean v) { photometric = v; return this; }
        public Builder optLearningRate(double v) { lr = v; return this; }
        public Builder optBackboneLrMult(double v) { backboneLrMult = v; return this; }
        public Builder optWeightDecay(double v) { weightDecay = v; return this; }
        public Builder optBetas(double b1, double b2) { beta1 = b1; beta2 = b2; return this; }
        public Builder optWarmup(int iterations, double startFactor) { warmupIterations = iterations; warmupStartFactor = startFactor; return this; }
        public Builder optPoly(int end, double power) { polyEnd = end; polyPower = power; return this; }
        public Builder optMaxGradNorm(double v) { maxGradNorm = v; return this; }
        public Builder optSpikeRatio(double v) { spikeRatio = v; return this; }
        public Builder optLosses(LossWeights v) { losses = v; return this; }
        public Builder optTrainClips(int clips, long firstSeed) { trainClips = clips; trainFirstSeed = firstSeed; return this; }
        public Builder optFramesPerClip(int frames, int stride) { framesPerClip = frames; frameStride = stride; return this; }
        public Builder optClipLength(int v) { clipLength = v; return this; }
        public Builder optCityscapesRoot(Path v) { cityscapesRoot = v; return this; }
        public Builder optSceneCamera(CameraKind v) { sceneCamera = v; return this; }
        public Builder optEval(int clips, int every) { evalClips = clips; evalEvery = every; return this; }
        public Builder optCheckpointEvery(int v) { checkpointEvery = v; return this; }
        public Builder optOutputDir(Path v) { outputDir = v; return this; }
        public Builder optResume(boolean v) { resume = v; return this; }
        public Builder optLogEvery(int v) { logEvery = v; return this; }
        public Builder optSeed(long v) { seed = v; return this; }
        public Builder optInitialWeights(Path v) { initialWeights = v; return this; }
        public Builder optKeyFrames(KeyFrameTraining v) { keyFrames = v; return this; }

        /** @throws IllegalArgumentException for inconsistent settings */
        public TrainConfig build() {
            int warm = warmupIterations != null ? warmupIterations : Math.min(1500, iterations / 10);
            int end = polyEnd != null ? polyEnd : iterations;
            return new TrainConfig(model, iterations, batchSize, accumulation, cropHeight, cropWidth, frameHeight,
                    frameWidth, minScale, maxScale, catMaxRatio, photometric, lr, backboneLrMult, weightDecay, beta1,
                    beta2, adamEps, warm, warmupStartFactor, end, polyPower, maxGradNorm, spikeRatio, losses, trainClips,
                    trainFirstSeed, framesPerClip, frameStride, clipLength, cityscapesRoot, sceneCamera, evalClips, evalEvery,
                    checkpointEvery, outputDir, resume, logEvery, seed, initialWeights, keyFrames);
        }
    }
}
