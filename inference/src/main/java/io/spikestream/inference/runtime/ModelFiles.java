package io.spikestream.inference.runtime;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.spikestream.inference.model.Spike2Former;
import io.spikestream.inference.model.Spike2FormerConfig;
import io.spikestream.inference.runtime.checkpoint.OfficialWeights;
import io.spikestream.inference.runtime.checkpoint.TorchCheckpointReader;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * Weight files.
 *
 * <ul>
 *   <li>{@code *.pth}: an official (mmengine) checkpoint, read without Python and mapped key by key;
 *   <li>{@code *.params}: our own weights in DJL's parameter format, next to a {@code *.properties}
 *       file that records the architecture they belong to.
 * </ul>
 */
public final class ModelFiles {

    private static final String INPUT_HEIGHT = "input.height";
    private static final String INPUT_WIDTH = "input.width";

    private static final String PARAMS = ".params";

    private ModelFiles() {}

    /**
     * Loads weights into an initialised model.
     *
     * @param model the model, initialised on its device
     * @param manager the manager owning the model's parameters (on the model's device)
     * @param file an official {@code .pth} checkpoint or our {@code .params} file
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when the file does not fit the model (all mismatches listed)
     */
    public static void load(Spike2Former<?, ?> model, NDManager manager, Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file + " (weights file not found)");
        }
        String name = file.getFileName().toString();
        if (name.endsWith(".pth") || name.endsWith(".pt")) {
            OfficialWeights.load(model, "", TorchCheckpointReader.readStateDict(file));
        } else if (name.endsWith(PARAMS)) {
            loadParams(model, manager, file);
        } else {
            throw new IllegalArgumentException("Unknown weights format '" + name
                    + "': use an official .pth checkpoint or a .params file written by spikestream");
        }
    }

    /**
     * Reads the architecture stored next to a {@code .params} file.
     *
     * @param paramsFile the weights
     * @return the configuration they were trained with
     * @throws IOException when the properties file is missing or unreadable
     */
    public static Spike2FormerConfig readConfig(Path paramsFile) throws IOException {
        return ConfigProperties.fromProperties(readProperties(paramsFile));
    }

    private static Properties readProperties(Path paramsFile) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(propertiesFile(paramsFile))) {
            p.load(in);
        }
        return p;
    }

    /**
     * The input size stored beside {@code .params} weights by the trainer.
     *
     * @param paramsFile the weights
     * @return {@code {height, width}}, or empty for weights saved without one
     * @throws IOException when the properties file is missing or unreadable
     */
    public static Optional<int[]> readInputSize(Path paramsFile) throws IOException {
        Properties p = readProperties(paramsFile);
        String h = p.getProperty(INPUT_HEIGHT);
        String w = p.getProperty(INPUT_WIDTH);
        if (h == null || w == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new int[] {Integer.parseInt(h.trim()), Integer.parseInt(w.trim())});
        } catch (NumberFormatException e) {
            throw new IOException("bad input size " + h + "x" + w + " in " + propertiesFile(paramsFile), e);
        }
    }

    /**
     * The membrane-state mode stored beside {@code .params} weights, for weights trained for one.
     *
     * @param paramsFile the weights
     * @return empty for weights that name no mode
     * @throws IOException when the properties file is missing or unreadable, or holds a bad mode
     */
    public static Optional<StreamingDefaults> readStreamingDefaults(Path paramsFile) throws IOException {
        try {
            return StreamingDefaults.from(readProperties(paramsFile), propertiesFile(paramsFile).toString());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * Builds the network and loads weights into it, as they are (no BatchNorm folded): the model to save or
     * convert weights from.
     *
     * @param config the architecture
     * @param weights an official {@code .pth} or our {@code .params} file; null for random weights (seed 42)
     * @param manager owns the parameters; its device is the model's
     * @param height network input height (multiple of 32)
     * @param width network input width (multiple of 32)
     * @return the model
     * @throws IOException when the weights cannot be read
     */
    public static Spike2Former<?, ?> build(Spike2FormerConfig config, Path weights, NDManager manager, int height,
            int width) throws IOException {
        Spike2Former<?, ?> model = Spike2Former.create(config);
        if (weights == null) {
            Engine.getInstance().setRandomSeed(42);
        }
        model.initialize(manager, DataType.FLOAT32, new Shape(1, 3, height, width));
        if (weights != null) {
            load(model, manager, weights);
        }
        return model;
    }

    /**
     * Saves weights in DJL's format plus the architecture.
     *
     * @param model the model
     * @param paramsFile target, ending in {@code .params}
     * @throws IOException when writing fails
     */
    public static void save(Spike2Former<?, ?> model, Path paramsFile) throws IOException {
        save(model, paramsFile, null);
    }

    /**
     * Saves weights in DJL's format plus the architecture and the input size they were trained at, which
     * {@link ModelSelection} then runs them at: the attention has no softmax, so weights trained at one token
     * count fail at four times as many (docs/training.md).
     *
     * @param model the model
     * @param paramsFile target, ending in {@code .params}
     * @param inputSize {@code {height, width}} the weights were trained at, or null when not known
     * @throws IOException when writing fails
     */
    public static void save(Spike2Former<?, ?> model, Path paramsFile, int[] inputSize) throws IOException {
        save(model, paramsFile, inputSize, null);
    }

    /**
     * Saves weights as {@link #save(Spike2Former, Path, int[])} does, with the membrane-state mode they were
     * trained for.
     *
     * @param model the model
     * @param paramsFile target, ending in {@code .params}
     * @param inputSize {@code {height, width}} the weights were trained at, or null when not known
     * @param streaming the mode and its settings, or null for none
     * @throws IOException when writing fails
     */
    public static void save(Spike2Former<?, ?> model, Path paramsFile, int[] inputSize, StreamingDefaults streaming)
            throws IOException {
        if (!paramsFile.getFileName().toString().endsWith(PARAMS)) {
            throw new IllegalArgumentException("Weights file name must end with .params: " + paramsFile);
        }
        if (model.isFoldedForInference()) {
            throw new IllegalStateException("This model's BatchNorms were folded for inference; save the weights"
                    + " of the model that was trained or loaded, not of a SegmentationRuntime's");
        }
        Path parent = paramsFile.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(paramsFile)))) {
            model.saveParameters(out);
        }
        try (OutputStream out = Files.newOutputStream(propertiesFile(paramsFile))) {
            Properties p = ConfigProperties.toProperties(model.config());
            if (inputSize != null) {
                p.setProperty(INPUT_HEIGHT, Integer.toString(inputSize[0]));
                p.setProperty(INPUT_WIDTH, Integer.toString(inputSize[1]));
            }
            if (streaming != null) {
                streaming.writeTo(p);
            }
            p.store(out, "Spike2Former architecture of " + paramsFile.getFileName());
        }
    }

    private static void loadParams(Spike2Former<?, ?> model, NDManager manager, Path file) throws IOException {
        Spike2FormerConfig stored = readConfig(file);
        if (!stored.equals(model.config())) {
            throw new IllegalArgumentException("Weights " + file + " belong to " + stored + " but the model is "
                    + model.config() + "; choose the matching --preset or omit it");
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            model.loadParameters(manager, in);
        } catch (MalformedModelException e) {
            throw new IOException("Corrupt weights file " + file + ": " + e.getMessage(), e);
        }
    }

    private static Path propertiesFile(Path paramsFile) {
        String name = paramsFile.getFileName().toString();
        return paramsFile.resolveSibling(name.substring(0, name.length() - PARAMS.length()) + ".properties");
    }
}
