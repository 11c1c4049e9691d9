package io.spikestream.ingest.service;

import io.spikestream.schemas.TopicSpec;
import java.io.IOException;

/** Makes sure a topic exists before frames are published to it; tests pass a recording fake. */
@FunctionalInterface
public interface TopicCreator {

    /** Does nothing: the topic is managed elsewhere. */
    TopicCreator NONE = spec -> { };

    /**
     * Creates {@code spec}'s topic with {@link TopicSpec#topicConfigs()} if it does not exist yet.
     *
     * @throws IOException when the topic cannot be created or checked
     */
    void ensureExists(TopicSpec<?> spec) throws IOException;
}
