package io.spikestream.app;

/**
 * One camera of a demo run.
 *
 * @param id the camera id its frames are published under (the record key, and the sink's output folder)
 * @param source its ingest source URI
 */
record DemoCamera(String id, String source) {
}
