/**
 * The Spike2Former backbone, Meta-SpikeFormer / Spike-driven Transformer V2 ({@code Spiking_vit_MetaFormer}
 * in BICLab/Spike2Former {@code Segmentation/mmseg/models/backbones/sdtv2.py}), as DJL blocks whose child
 * tree mirrors the official module tree, so parameter paths equal the official {@code backbone.*} keys.
 *
 * <p>T = 1 and the batch is the first axis everywhere; the official leading T axis is dropped.
 */
package io.spikestream.inference.model.backbone;
