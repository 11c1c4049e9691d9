/**
 * The sink's live page: {@link io.spikestream.sink.live.LiveView} keeps the latest
 * {@link io.spikestream.sink.live.CameraSnapshot} of every camera as the sink's writer writes results and
 * overlays, and {@link io.spikestream.sink.live.LivePage} serves it to browsers (a JDK {@code HttpHandler}:
 * the page and its assets from the jar, server-sent events, each camera's latest overlay). The writer only
 * swaps immutable snapshots in memory; each browser is served by its own thread, so a slow or vanished browser
 * never holds up the sink. {@code SinkService.livePage()} gives the handler to mount.
 */
package io.spikestream.sink.live;
