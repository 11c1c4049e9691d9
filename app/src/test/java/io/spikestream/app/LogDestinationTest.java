package io.spikestream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogDestinationTest {

    private String before;

    @BeforeEach
    void clear() {
        before = System.getProperty(LogDestination.LOG_FILE_PROPERTY);
        System.clearProperty(LogDestination.LOG_FILE_PROPERTY);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(LogDestination.LOG_FILE_PROPERTY);
        } else {
            System.setProperty(LogDestination.LOG_FILE_PROPERTY, before);
        }
    }

    @Test
    void shouldSendOnlyTheDemosLogsToAFileAndNotWithVerbose() {
        LogDestination.chooseFor(new String[] {"infer", "--frames", "3"});
        assertNull(System.getProperty(LogDestination.LOG_FILE_PROPERTY), "services log to the console");
        LogDestination.chooseFor(new String[] {"demo", "--verbose"});
        assertNull(System.getProperty(LogDestination.LOG_FILE_PROPERTY));
        LogDestination.chooseFor(new String[] {"demo", "--frames", "3"});
        assertTrue(LogDestination.file().orElseThrow().toString().endsWith(".log"));
        assertEquals(Optional.empty(), LogDestination.summaryLine(), "no file written yet, no line");
    }

    @Test
    void shouldNameTheFileAndCountItsWarningsAndErrors(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("demo.log");
        Files.write(log, List.of("05:05:15.655 [main] WARN ai.djl.util.cuda.CudaUtils - Failed to detect GPU count",
                "05:05:16.001 [main] INFO io.spikestream.app.DemoRun - started",
                "05:05:17.001 [main] WARN org.apache.kafka.clients.NetworkClient - closed",
                "05:05:18.001 [main] ERROR io.spikestream.sink.SinkService - failed"));
        System.setProperty(LogDestination.LOG_FILE_PROPERTY, log.toString());
        assertEquals("log:        " + log + " (2 warnings, 1 errors)", LogDestination.summaryLine().orElseThrow());
    }
}
