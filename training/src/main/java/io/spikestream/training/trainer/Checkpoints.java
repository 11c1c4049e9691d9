package io.spikestream.training.trainer;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.spikestream.inference.model.Spike2Former;
import io.spikestream.inference.runtime.ModelFiles;
import io.spikestream.inference.runtime.StreamingDefaults;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * Checkpoint files in an output folder: {@code latest.params} (+ {@code .properties}, via {@link ModelFiles}),
 * {@code latest-optimizer.ndlist} (AdamW moments) and {@code latest-state.properties} (iteration, optimizer
 * step, best mIoU). Each file is written to a temporary name and moved into place.
 */
final class Checkpoints {

    private static final String WEIGHTS = "latest.params";
    private static final String OPTIMIZER = "latest-optimizer.ndlist";
    private static final String STATE = "latest-state.properties";

    private final Path dir;
    private final int[] inputSize;
    private final StreamingDefaults streaming;

    /**
     * @param dir the output folder
     * @param inputSize {@code {height, width}} the weights are trained at, stored beside every weights file
     * @param streaming the membrane-state mode the weights are trained for, stored beside them; null for none
     */
    Checkpoints(Path dir, int[] inputSize, StreamingDefaults streaming) {
        this.streaming = streaming;
        this.dir = dir;
        this.inputSize = inputSize.clone();
    }

    /** Iteration, optimizer step and best mIoU of the latest checkpoint. */
    record State(int iteration, long step, double bestMeanIoU) {}

    boolean exists() {
        return Files.isRegularFile(dir.resolve(STATE)) && Files.isRegularFile(dir.resolve(WEIGHTS));
    }

    void save(Spike2Former<?, ?> model, AdamW optimizer, State state) throws IOException {
        Files.createDirectories(dir);
        ModelFiles.save(model, dir.resolve(WEIGHTS), inputSize, streaming);
        Path tmp = dir.resolve(OPTIMIZER + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            out.write(optimizer.state().encode());
        }
        Files.move(tmp, dir.resolve(OPTIMIZER), StandardCopyOption.REPLACE_EXISTING);
        Properties p = new Properties();
        p.setProperty("iteration", Integer.toString(state.iteration()));
        p.setProperty("optimizer.step", Long.toString(state.step()));
        p.setProperty("best.mIoU", Double.toString(state.bestMeanIoU()));
        Path stateTmp = dir.resolve(STATE + ".tmp");
        try (OutputStream out = Files.newOutputStream(stateTmp)) {
            p.store(out, "spikestream training state");
        }
        Files.move(stateTmp, dir.resolve(STATE), StandardCopyOption.REPLACE_EXISTING);
    }

    State load(Spike2Former<?, ?> model, NDManager manager, AdamW optimizer) throws IOException {
        ModelFiles.load(model, manager, dir.resolve(WEIGHTS));
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve(STATE))) {
            p.load(in);
        }
        State state = new State(Integer.parseInt(p.getProperty("iteration")),
                Long.parseLong(p.getProperty("optimizer.step")), Double.parseDouble(p.getProperty("best.mIoU")));
        try (NDManager tmp = manager.newSubManager()) {
            optimizer.restore(NDList.decode(tmp, Files.readAllBytes(dir.resolve(OPTIMIZER))), state.step());
        }
        return state;
    }

    void saveBest(Spike2Former<?, ?> model) throws IOException {
        ModelFiles.save(model, dir.resolve("best.params"), inputSize, streaming);
    }

    /** Writes {@code final.params} and returns its path. */
    Path saveFinal(Spike2Former<?, ?> model) throws IOException {
        Path weights = dir.resolve("final.params");
        ModelFiles.save(model, weights, inputSize, streaming);
        return weights;
    }
}
