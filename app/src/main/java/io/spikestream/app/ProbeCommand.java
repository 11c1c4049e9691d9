package io.spikestream.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code spikestream probe URL}: a health check for containers whose image has no curl, e.g. compose's
 * {@code healthcheck: test: ["CMD", "spikestream", "probe", "http://127.0.0.1:9400/ready"]}.
 */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = "GET a URL (a stage's /health or /ready): exit 0 and print the body on a 2xx answer, exit 1"
                + " and say what came back otherwise. For container health checks.")
final class ProbeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "URL", description = "e.g. http://127.0.0.1:9400/ready")
    URI url;

    @Option(names = "--timeout", defaultValue = "PT5S", description = "Give up after this long (default: 5 s)")
    Duration timeout;

    @Override
    public Integer call() throws InterruptedException {
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("probe takes an http:// or https:// URL, got " + url);
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(url).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString());
            boolean ok = response.statusCode() / 100 == 2;
            (ok ? spec.commandLine().getOut() : spec.commandLine().getErr()).println(
                    (ok ? "" : url + " answered " + response.statusCode() + ": ") + response.body());
            return ok ? 0 : 1;
        } catch (HttpTimeoutException e) {
            spec.commandLine().getErr().println(url + " did not answer within " + timeout);
            return 1;
        } catch (IOException e) {
            spec.commandLine().getErr().println(url + " is not reachable: " + e);
            return 1;
        }
    }
}
