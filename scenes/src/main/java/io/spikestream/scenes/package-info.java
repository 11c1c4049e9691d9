/**
 * Synthetic Cityscapes-style street video, from a driving or a fixed camera, with exact per-pixel ground truth,
 * in plain Java 17 and Java2D.
 *
 * <p>{@link io.spikestream.scenes.SceneGenerator} renders a seeded clip (default 30 frames at 17 Hz, 1024x512)
 * frame by frame; {@link io.spikestream.scenes.SceneClip} streams it; {@link io.spikestream.scenes.SceneFrame}
 * carries the RGB image, the trainId label map and instance ids; {@link io.spikestream.scenes.CityscapesWriter}
 * writes clips in the Cityscapes folder layout; {@link io.spikestream.vision.Cityscapes} holds the label table.
 *
 * <p>{@link io.spikestream.scenes.CameraKind} chooses the camera: {@code DRIVING} (default) drives along the road;
 * {@code FIXED} is a parked car's dashboard camera at the same viewpoint, watching a static street that traffic,
 * cyclists and pedestrians move through (at 512x256 a median 14% of 16x16 tiles, 5-27% over 36 dry-weather
 * seeds, change from frame to frame beyond noise; nearly all in rain), with sensor noise and a slight lighting
 * flicker. Driving clips are unchanged by the option: the same seed renders the same pixels as before it
 * existed.
 *
 * <p>Label policy: every pixel carries the trainId of the surface drawn there, from the same shapes as the image
 * (labels without antialiasing). Lane marks, zebra crossings and curbs belong to road and sidewalk, tree trunks
 * to vegetation, lamp arms and heads to pole, a fence's see-through mesh to fence, a rider's bicycle to
 * bicycle. The only ignored pixels (255, labelId 0) are the ego vehicle's hood at the bottom of about half of
 * the clips; rain streaks, fog, noise and blur change the image only.
 */
package io.spikestream.scenes;
