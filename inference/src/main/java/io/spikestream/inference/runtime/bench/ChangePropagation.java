package io.spikestream.inference.runtime.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.spikestream.inference.model.Spike2Former;
import io.spikestream.inference.model.backbone.Backbone;
import io.spikestream.inference.model.head.DecodeHead;
import io.spikestream.inference.model.nn.SpikeContext;
import io.spikestream.inference.model.ops.Bilinear;
import io.spikestream.inference.model.pixel.PixelDecoder;
import io.spikestream.inference.runtime.Preprocessor;
import io.spikestream.vision.RgbImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How far a change between two frames travels through the network: for each feature map, the share of its pixels
 * at which any channel differs between dense passes over the two inputs. Change-driven inference can skip only
 * what does not change, so this bounds its saving at any tile size.
 *
 * <p>The second input is the first with only the tiles that changed by more than the threshold taken from the
 * second frame, as the delta mode's reference input.
 */
public final class ChangePropagation {

    private ChangePropagation() {}

    /**
     * Measures one frame pair.
     *
     * @param model the network (the released architecture)
     * @param height network input height
     * @param width network input width
     * @param before the earlier frame
     * @param after the later frame
     * @param threshold grey levels a tile must change by to be taken from {@code after}
     * @param tile tile edge in input pixels
     * @return per map ({@code x1..x4} backbone, {@code y16, y8, y4, y2} pixel decoder, {@code P} mask features,
     *     {@code me} the mask embeddings per query), the share of pixels (or queries) that changed
     */
    public static Map<String, Double> measure(Spike2Former<?, ?> model, int height, int width, RgbImage before,
            RgbImage after, double threshold, int tile) {
        Preprocessor pre = new Preprocessor(height, width);
        try (NDManager m = NDManager.newBaseManager(); NDScope scope = new NDScope()) {
            NDArray a = pre.raw(List.of(before), m);
            NDArray b = pre.raw(List.of(after), m);
            int rows = height / tile;
            int cols = width / tile;
            NDArray over = b.sub(a).abs().reshape(1, 3, rows, tile, cols, tile).max(new int[] {5})
                    .max(new int[] {3}).max(new int[] {1}).gt(threshold);
            NDArray mask = over.reshape(1, 1, rows, 1, cols, 1).repeat(3, tile).repeat(5, tile)
                    .reshape(1, 1, height, width).repeat(1, 3);
            Map<String, NDArray> x = maps(model, Preprocessor.normalise(a), m);
            Map<String, NDArray> y = maps(model, Preprocessor.normalise(NDArrays.where(mask, b, a)), m);
            Map<String, Double> share = new LinkedHashMap<>();
            x.forEach((k, v) -> share.put(k, changedPixels(v, y.get(k))));
            return share;
        }
    }

    private static double changedPixels(NDArray x, NDArray y) {
        Shape s = x.getShape();
        NDArray differs = x.neq(y).toType(DataType.INT32, false).reshape(s.get(0), s.get(1), -1).sum(new int[] {1});
        return differs.gt(0).toType(DataType.FLOAT32, false).mean().getFloat();
    }

    private static Map<String, NDArray> maps(Spike2Former<?, ?> model, NDArray image, NDManager m) {
        SpikeContext ctx = SpikeContext.builder(new ParameterStore(m, false), image.getDevice()).build();
        Backbone backbone = (Backbone) model.backbone();
        DecodeHead head = (DecodeHead) model.decodeHead();
        PixelDecoder pixels = (PixelDecoder) head.pixelDecoder();
        Map<String, NDArray> out = new LinkedHashMap<>();
        List<NDArray> f = backbone.features(ctx, image);
        for (int i = 0; i < f.size(); i++) {
            out.put("x" + (i + 1), f.get(i));
        }
        NDArray y = pixels.encode(ctx, f.get(3));
        out.put("y16", y);
        for (int i = 2; i >= 0; i--) {
            NDArray x = f.get(i);
            y = pixels.fuse(ctx, i, x, Bilinear.resize(y, x.getShape().get(2), x.getShape().get(3)));
            out.put("y" + (2 << i), y);
        }
        out.put("P", pixels.maskFeatures(ctx, y));
        NDArray me = head.embedLastLayer(ctx, List.of(out.get("y16"), out.get("y8"), out.get("y4"))).maskEmbeddings();
        out.put("me", me.squeeze(1).transpose(0, 2, 1).expandDims(3));
        return out;
    }
}
