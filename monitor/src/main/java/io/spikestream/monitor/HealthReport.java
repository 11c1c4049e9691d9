package io.spikestream.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks of one endpoint, run together: UP when every check passes. The JSON body names each check with its
 * status and detail (a report without checks is DOWN: the stage is starting), e.g. {@code {"status":"DOWN","checks":{"streams":{"status":"DOWN","detail":"state
 * REBALANCING"}}}}. A check that throws counts as DOWN with the exception as its detail.
 */
final class HealthReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Check> checks;

    private HealthReport(List<Check> checks) {
        this.checks = checks;
    }

    static HealthReport run(List<HealthCheck> checks) {
        List<Check> results = new ArrayList<>();
        if (checks.isEmpty()) {
            results.add(Check.down("stage", "starting: no checks registered yet"));
        }
        for (HealthCheck check : checks) {
            results.add(runOne(check));
        }
        return new HealthReport(results);
    }

    private static Check runOne(HealthCheck check) {
        try {
            return check.check();
        } catch (RuntimeException e) {
            return Check.down(check.getClass().getSimpleName(), "the check failed: " + e);
        }
    }

    boolean up() {
        return checks.stream().allMatch(Check::up);
    }

    String json() {
        ObjectNode body = JSON.createObjectNode();
        body.put("status", status(up()));
        ObjectNode each = body.putObject("checks");
        for (Check check : checks) {
            ObjectNode node = each.putObject(check.name());
            node.put("status", status(check.up()));
            node.put("detail", check.detail());
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a health report", e);
        }
    }

    private static String status(boolean up) {
        return up ? "UP" : "DOWN";
    }
}
