package io.spikestream.app;

import io.spikestream.monitor.Check;
import io.spikestream.monitor.HealthCheck;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;

/** A health check that asks the cluster for its nodes, with a short timeout: is Kafka reachable. */
final class ClusterProbe implements HealthCheck, AutoCloseable {

    private static final int TIMEOUT_MS = 2_000;

    private final Admin admin;
    private final String bootstrap;

    ClusterProbe(String bootstrap) {
        this.bootstrap = bootstrap;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG, "spikestream-health",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS));
    }

    @Override
    public Check check() {
        try {
            Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS)).nodes()
                    .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            return Check.up("kafka", nodes.size() + " broker(s) at " + bootstrap);
        } catch (ExecutionException | TimeoutException e) {
            return Check.down("kafka", "no answer from " + bootstrap + " within " + TIMEOUT_MS + " ms: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Check.down("kafka", "interrupted");
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
