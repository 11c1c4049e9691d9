package io.spikestream.app.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The monitoring files under {@code docker/} and {@code docs/}: the Grafana dashboard's queries and the metric
 * catalogue of docs/monitoring.md, read for the tests that keep them in step with what the stages export.
 */
public final class MonitoringFiles {

    /** A metric name in PromQL or a scrape: ours, Kafka's clients' or the JVM's. */
    private static final Pattern METRIC = Pattern.compile("\\b((?:spikestream|kafka|jvm)_[a-z0-9_]+)");
    /** A catalogue row of docs/monitoring.md: {@code | `spikestream_...` | type | ...}. */
    private static final Pattern CATALOGUE_ROW = Pattern.compile("(?m)^\\|\\s*`(spikestream_[a-z0-9_]+)`");
    private static final Pattern SERIES_SUFFIX = Pattern.compile("_(bucket|sum|count|max)$");

    private MonitoringFiles() {
    }

    /** docker/grafana/dashboards/spikestream.json. */
    public static JsonNode dashboard() throws IOException {
        return new ObjectMapper().readTree(DeploymentFiles.dockerDir().resolve("grafana/dashboards/spikestream.json")
                .toFile());
    }

    /** Every PromQL expression of the dashboard's panels. */
    public static List<String> dashboardQueries() throws IOException {
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : dashboard().path("panels")) {
            panel.path("targets").forEach(target -> queries.add(target.path("expr").asText()));
        }
        return queries;
    }

    /** The metric names the dashboard's queries use, as written (with {@code _bucket}, {@code _sum} ...). */
    public static Set<String> dashboardMetrics() throws IOException {
        Set<String> names = new TreeSet<>();
        for (String query : dashboardQueries()) {
            Matcher m = METRIC.matcher(query);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** The {@code spikestream_} metrics docs/monitoring.md lists, as exported (histograms without suffixes). */
    public static Set<String> catalogue() throws IOException {
        Path docs = DeploymentFiles.dockerDir().resolveSibling("docs").resolve("monitoring.md");
        Set<String> names = new TreeSet<>();
        Matcher m = CATALOGUE_ROW.matcher(Files.readString(docs));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * Whether {@code series} (a name in a query or a scrape) belongs to one of {@code metrics}: itself, or a
     * histogram's or summary's {@code _bucket}, {@code _sum}, {@code _count} or {@code _max}.
     */
    public static boolean belongsTo(String series, Set<String> metrics) {
        return metrics.contains(series) || metrics.contains(SERIES_SUFFIX.matcher(series).replaceFirst(""));
    }
}
