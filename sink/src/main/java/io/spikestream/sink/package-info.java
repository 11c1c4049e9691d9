/**
 * The sink stage ({@code spikestream sink}): a Kafka Streams application that reads the results topic (and
 * the frames topic for overlays and evaluation) and writes, under {@code output.dir}:
 * <pre>
 *   &lt;out&gt;/&lt;cam&gt;/masks/&lt;cam&gt;_&lt;seq:06d&gt;_trainIds.png     8-bit trainIds 0..18, 255 = no class
 *   &lt;out&gt;/&lt;cam&gt;/overlays/&lt;cam&gt;_&lt;seq:06d&gt;_overlay.jpg   Cityscapes palette blended on the frame
 *   &lt;out&gt;/&lt;cam&gt;/stats.csv                            one RFC 4180 row per result
 *   &lt;out&gt;/evaluation.json, evaluation.csv              per-camera and total IoU / mIoU
 * </pre>
 * plus windowed per-camera {@code ClassStatistics} on the stats topic. {@code <cam>} is the camera id made
 * safe by {@link io.spikestream.sink.files.CameraDirectoryName}. Entry points: {@link
 * io.spikestream.sink.SinkConfig}, {@link io.spikestream.sink.SinkService}, {@link
 * io.spikestream.sink.SinkTopology}.
 */
package io.spikestream.sink;
