package eg3d.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One metric's values and provenance, as a line of {@code metric-<name>.jsonl}: the official
 * fields ({@code results}, {@code metric}, {@code total_time}, {@code snapshot_pkl},
 * {@code timestamp}) plus {@code provenance} (detector hash, seeds, sample counts, code version).
 */
public record MetricResult(String metric, Map<String, Double> results, ObjectNode provenance, double totalTimeSeconds,
        String snapshot, double timestamp) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public MetricResult {
        results = new LinkedHashMap<>(results);
    }

    public String toJsonLine() {
        ObjectNode line = JSON.createObjectNode();
        ObjectNode values = line.putObject("results");
        results.forEach(values::put);
        line.put("metric", metric);
        line.put("total_time", totalTimeSeconds);
        line.put("snapshot_pkl", snapshot);
        line.put("timestamp", timestamp);
        line.set("provenance", provenance);
        try {
            return JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metric " + metric + ": could not write JSON: " + e.getMessage(), e);
        }
    }
}
