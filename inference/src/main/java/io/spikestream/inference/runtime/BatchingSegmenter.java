package io.spikestream.inference.runtime;

import io.spikestream.inference.model.delta.DeltaCache;
import io.spikestream.inference.runtime.MembraneStateRegistry.Admission;
import io.spikestream.inference.runtime.SegmentationRuntime.BatchOutput;
import io.spikestream.inference.runtime.SegmentationRuntime.RunOptions;
import io.spikestream.vision.BatchListener;
import io.spikestream.vision.RgbImage;
import io.spikestream.vision.SegmentationOutput;
import io.spikestream.vision.SegmentationRequest;
import io.spikestream.vision.Segmenter;
import io.spikestream.vision.SegmenterException;
import io.spikestream.vision.SegmenterMetrics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Segmenter} that batches frames of different cameras into one forward pass, like Triton's
 * dynamic batcher or DeepStream's nvstreammux.
 *
 * <p>Callers queue a request and block on its future; an inference thread takes a batch of at most
 * {@code maxBatchSize} frames, waiting at most {@code maxDelayMillis} after the oldest, with at most one
 * frame per camera (in delta mode a camera's next frame needs the cache its previous one leaves). With N
 * stream threads, up to N cameras share a pass.
 *
 * <p>{@code workers} inference threads share the model's weights, each running whole passes with libtorch on
 * that thread alone ({@link TorchThreads}): on a CPU two passes side by side, one per core, do more than one pass
 * spread over both (tiny-cityscapes at 128x256 on 2 cores: 67 ms on one core against 55 ms on two), and one
 * thread's post-processing overlaps the other's pass. The first worker loads the model (a thread that loaded it
 * runs its passes faster than another) and warms it up before the others start. A single worker
 * ({@code inference.workers=1}) keeps libtorch's thread per core instead, since no other thread competes.
 *
 * <p>In {@link StateMode#RESET} every frame is a full pass from fresh state. In {@link StateMode#DELTA} and
 * {@link StateMode#KEYFRAME} each camera's {@link DeltaCache} lives in a {@link MembraneStateRegistry} on the
 * model's device; the registry forces key frames (an empty cache: new camera, gap, reset interval), and the
 * batch's cameras go through one {@link SegmentationRuntime#segmentDelta} or
 * {@link SegmentationRuntime#segmentKeyFrames} call; while a camera's frame is in a pass, its next frame waits for
 * that pass even when another worker is free (an exclusive {@link BatchQueue}).
 *
 * <p>{@link #close()} lets the workers finish every queued frame (up to 30 s), then fails what is left
 * with a {@link SegmenterException}, and frees the caches and the model.
 */
public final class BatchingSegmenter implements Segmenter {

    private static final Logger LOG = LoggerFactory.getLogger(BatchingSegmenter.class);
    private static final long DRAIN_MILLIS = 30_000;

    private final BatchingOptions options;
    private final BatchQueue<Pending> queue;
    private final MembraneStateRegistry<DeltaCache> registry;
    private final List<Thread> workers = new ArrayList<>();
    /** Set by the first worker before {@link #opened} completes. */
    private SegmentationRuntime runtime;
    private final CompletableFuture<SegmentationRuntime> opened = new CompletableFuture<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLongArray batchSizes;
    private volatile BatchListener batchListener = (frames, nanos) -> { };
    /** Frames taken into batches, for the accounting interval (guarded by this). */
    private long framesSeen;

    private BatchingSegmenter(Callable<SegmentationRuntime> load, BatchingOptions options) {
        this.options = options;
        this.queue = new BatchQueue<>(options.maxBatchSize(), TimeUnit.MILLISECONDS.toNanos(options.maxDelayMillis()),
                p -> p.request.cameraId(), options.stateMode().cached());
        this.registry = new MembraneStateRegistry<>(options.maxCameras(), options.resetInterval(), cached(),
                DeltaCache::bytes);
        this.batchSizes = new AtomicLongArray(options.maxBatchSize() + 1);
        for (int i = 0; i < options.workers(); i++) {
            Runnable work = i == 0 ? () -> openThenLoop(load) : this::awaitOpenThenLoop;
            Thread worker = new Thread(work, "spikestream-inference-" + i);
            worker.setDaemon(true);
            workers.add(worker);
        }
    }

    /**
     * Starts the inference threads on a runtime, which the segmenter owns from now on.
     *
     * @param runtime the loaded model
     * @param options batching and state settings
     * @return the running segmenter
     */
    public static BatchingSegmenter start(SegmentationRuntime runtime, BatchingOptions options) {
        try {
            return started(new BatchingSegmenter(() -> runtime, options));
        } catch (IOException e) {
            throw new IllegalStateException("the runtime was open already", e);
        }
    }

    private static BatchingSegmenter started(BatchingSegmenter s) throws IOException {
        s.workers.forEach(Thread::start);
        SegmentationRuntime runtime;
        try {
            runtime = s.opened.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            s.workers.forEach(Thread::interrupt);
            throw new IOException("interrupted while the model loaded", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
        LOG.info("Segmenter {} on {} at {}x{}: {}", runtime.modelId(), runtime.device(), runtime.inputHeight(),
                runtime.inputWidth(), s.options);
        return s;
    }

    /**
     * Loads a model and starts the segmenter on it.
     *
     * @param model the model to load
     * @param options batching and state settings
     * @return the running segmenter
     * @throws IOException when the weights cannot be read
     */
    public static BatchingSegmenter open(ModelSelection model, BatchingOptions options) throws IOException {
        return started(new BatchingSegmenter(model::open, options));
    }

    @Override
    public SegmentationOutput segment(SegmentationRequest request) throws InterruptedException {
        Pending p = new Pending(request, new CompletableFuture<>(), System.nanoTime());
        try {
            queue.put(p);
        } catch (IllegalStateException e) {
            throw new SegmenterException("Segmenter is closed; frame " + describe(request) + " was not segmented", null);
        }
        try {
            return p.future.get();
        } catch (ExecutionException e) {
            throw new SegmenterException("Segmenting frame " + describe(request) + " failed: "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public String modelId() {
        return runtime.modelId();
    }

    @Override
    public SegmenterMetrics metrics() {
        long[] hist = new long[batchSizes.length()];
        for (int i = 0; i < hist.length; i++) {
            hist[i] = batchSizes.get(i);
        }
        return new SegmenterMetrics(frames.get(), batches.get(), hist, registry.resetCounts(), registry.evictions(),
                new SegmenterMetrics.StateSize(registry.cameraCount(), registry.peakCameraCount(), registry.bytes(),
                        registry.peakBytes()), failed.get());
    }

    @Override
    public void setBatchListener(BatchListener listener) {
        batchListener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * The first worker: loads the model on its thread, warms it up, then runs batches; alone, it keeps libtorch's
     * team of one thread per core, as the only thread that owns one.
     */
    private void openThenLoop(Callable<SegmentationRuntime> load) {
        try {
            if (options.workers() > 1) {
                TorchThreads.singleThreaded();
            } else {
                TorchThreads.loadEngine();
            }
            runtime = load.call();
            runtime.segment(List.of(new RgbImage(runtime.inputWidth(), runtime.inputHeight(),
                    new byte[runtime.inputWidth() * runtime.inputHeight() * 3])),
                    Collections.singletonList(null), new RunOptions(false, false));
        } catch (Exception | Error e) {
            queue.close();
            if (runtime != null) {
                runtime.close();
            }
            opened.completeExceptionally(e);
            return;
        }
        opened.complete(runtime);
        loop();
    }

    /** The other workers: run batches once the first has loaded the model. */
    private void awaitOpenThenLoop() {
        try {
            opened.get();
            TorchThreads.singleThreaded();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException e) {
            return; // the first worker reports it
        }
        loop();
    }

    private void loop() {
        try {
            List<Pending> batch;
            while (!(batch = queue.nextBatch()).isEmpty()) {
                try {
                    run(batch);
                } finally {
                    queue.done(batch);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            queue.close();
            fail(queue.drain(), new SegmenterException("Segmenter closed before the frame was segmented", null));
        }
    }

    private void run(List<Pending> batch) {
        long start = System.nanoTime();
        List<Admission<DeltaCache>> admissions = new ArrayList<>(batch.size());
        synchronized (registry) {
            batch.forEach(p -> admissions.add(registry.admit(p.request.cameraId(), p.request.sequence())));
        }
        List<DeltaCache> caches = caches(admissions);
        BatchOutput out;
        try {
            out = forward(images(batch), caches, accountingDue(batch.size()));
        } catch (RuntimeException | Error e) {
            LOG.error("Forward pass of {} frame(s) failed", batch.size(), e);
            caches.forEach(BatchingSegmenter::free);
            synchronized (registry) {
                batch.forEach(p -> registry.forget(p.request.cameraId()));
            }
            fail(batch, e);
            if (e instanceof Error err) {
                throw err;
            }
            return;
        }
        complete(batch, admissions, caches, out, start);
    }

    private boolean cached() {
        return options.stateMode().cached();
    }

    /** Per frame its camera's cache (a new empty one for a key frame) in delta mode; nulls in reset mode. */
    private List<DeltaCache> caches(List<Admission<DeltaCache>> admissions) {
        List<DeltaCache> caches = new ArrayList<>(admissions.size());
        for (Admission<DeltaCache> a : admissions) {
            caches.add(!cached() ? null : a.state() != null ? a.state() : new DeltaCache());
        }
        return caches;
    }

    private BatchOutput forward(List<RgbImage> images, List<DeltaCache> caches, boolean accounting) {
        if (options.stateMode() == StateMode.KEYFRAME) {
            return runtime.segmentKeyFrames(images, caches, options.keyFrames(), accounting);
        }
        if (cached()) {
            return runtime.segmentDelta(images, caches, options.delta(), accounting);
        }
        return runtime.segment(images, Collections.nCopies(images.size(), null), new RunOptions(false, accounting));
    }

    private void complete(List<Pending> batch, List<Admission<DeltaCache>> admissions, List<DeltaCache> caches,
            BatchOutput out, long start) {
        batches.incrementAndGet();
        batchSizes.incrementAndGet(batch.size());
        batchListener.batchDone(batch.size(), out.inferenceNanos());
        for (int i = 0; i < batch.size(); i++) {
            Pending p = batch.get(i);
            boolean carried = admissions.get(i).carried();
            synchronized (registry) {
                registry.store(p.request.cameraId(), p.request.sequence(), carried, caches.get(i));
            }
            frames.incrementAndGet();
            p.future.complete(out.output(i, carried, start - p.enqueuedNanos));
        }
    }

    private synchronized boolean accountingDue(int batchSize) {
        long interval = options.accountingInterval();
        long first = framesSeen;
        framesSeen += batchSize;
        if (interval == 0) {
            return false;
        }
        long rest = first % interval;
        long nextAccounted = rest == 0 ? first : first + interval - rest;
        return nextAccounted < framesSeen;
    }

    private static List<RgbImage> images(List<Pending> batch) {
        List<RgbImage> images = new ArrayList<>(batch.size());
        batch.forEach(p -> images.add(p.request.image()));
        return images;
    }

    private void fail(List<Pending> pending, Throwable cause) {
        for (Pending p : pending) {
            if (p.future.completeExceptionally(cause)) {
                failed.incrementAndGet();
            }
        }
    }

    private static void free(DeltaCache cache) {
        if (cache != null) {
            cache.close();
        }
    }

    private static String describe(SegmentationRequest r) {
        return r.sequence() + " of camera '" + r.cameraId() + "'";
    }

    /** Finishes queued frames (up to 30 s), fails the rest, frees the cameras' caches and the model. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        queue.close();
        if (!join(DRAIN_MILLIS)) {
            LOG.warn("Inference threads did not finish the queued frames in {} ms; failing them", DRAIN_MILLIS);
            workers.forEach(Thread::interrupt);
            if (!join(DRAIN_MILLIS)) {
                LOG.error("An inference thread is stuck in a forward pass; the model is not freed");
                return;
            }
        }
        if (runtime == null) {
            return; // the model never loaded
        }
        registry.close();
        runtime.close();
    }

    /** Waits up to {@code millis} in all for every worker to end. */
    private boolean join(long millis) {
        long deadline = System.currentTimeMillis() + millis;
        try {
            for (Thread worker : workers) {
                worker.join(Math.max(1, deadline - System.currentTimeMillis()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return workers.stream().noneMatch(Thread::isAlive);
    }

    private record Pending(SegmentationRequest request, CompletableFuture<SegmentationOutput> future,
            long enqueuedNanos) {}
}
