package eg3d.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eg3d.camera.LookAtPoseSampler;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsCommandsTest {
    @TempDir
    Path dir;

    /** Runs a command line; returns {exit code, stdout, stderr}. Other CLI tests use it too. */
    static String[] run(String... args) {
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new String[] {String.valueOf(code), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** n images of random colour squares, with a dataset.json of frontal-ish camera labels. */
    private static Path dataset(Path folder, int n, long seed) throws Exception {
        Files.createDirectories(folder);
        Random random = new Random(seed);
        StringBuilder labels = new StringBuilder("{\"labels\": [");
        for (int i = 0; i < n; i++) {
            BufferedImage image = new BufferedImage(24, 24, BufferedImage.TYPE_INT_RGB);
            int x0 = random.nextInt(12), y0 = random.nextInt(12), rgb = random.nextInt(1 << 24);
            for (int y = y0; y < y0 + 10; y++) {
                for (int x = x0; x < x0 + 10; x++) {
                    image.setRGB(x, y, rgb);
                }
            }
            String name = String.format("img%03d.png", i);
            ImageIO.write(image, "png", folder.resolve(name).toFile());
            float[] c = LookAtPoseSampler.camera(Math.PI / 2 + 0.2 * random.nextGaussian(), Math.PI / 2, new double[] {0, 0, 0.2},
                    2.7, 18.837).toArray();
            labels.append(i > 0 ? ", " : "").append("[\"").append(name).append("\", ").append(java.util.Arrays.toString(c)).append("]");
        }
        Files.writeString(folder.resolve("dataset.json"), labels.append("]}").toString());
        return folder;
    }

    @Test
    void fidPrintsPytorchFidStyleLinesAndTheSameNumbersTwice() throws Exception {
        Path a = dataset(dir.resolve("a"), 12, 1), b = dataset(dir.resolve("b"), 12, 2);
        String cache = dir.resolve("cache").toString();
        String[] first = run("fid", a.toString(), b.toString(), "--kid", "--cache-dir", cache);
        assertEquals("0", first[0], first[2]);
        List<String> lines = first[1].lines().toList();
        assertEquals(2, lines.size(), first[1]);
        assertTrue(lines.get(0).matches("FID: [0-9.E-]+"), lines.get(0));
        assertTrue(lines.get(1).matches("KID: -?[0-9.E-]+"), lines.get(1));
        assertTrue(Double.parseDouble(lines.get(0).substring(5)) > 0);
        assertTrue(first[2].contains("not comparable with published FID"), first[2]);
        String[] second = run("fid", a.toString(), b.toString(), "--kid", "--cache-dir", cache);
        assertEquals(first[1], second[1], "reproducible, from the cache this time");
        String[] self = run("fid", a.toString(), a.toString(), "--cache-dir", cache);
        assertTrue(Math.abs(Double.parseDouble(self[1].strip().substring(5))) < 1e-6, self[1]);
    }

    @Test
    void fidNamesAMissingPathAndExitsTwo() {
        String[] r = run("fid", dir.resolve("nowhere").toString(), dir.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("nowhere") && r[2].contains("check the path"), r[2]);
    }

    @Test
    void calcMetricsWritesJsonlWithProvenanceAndRepeatsExactly() throws Exception {
        Path snapshot = Path.of(System.getProperty("eg3d.fixtures", "../../shared/fixtures"), "official/tiny/network-snapshot.pkl");
        Assumptions.assumeTrue(Files.isRegularFile(snapshot), () -> "skipped: no fixture at " + snapshot.toAbsolutePath()
                + " (pass -Deg3d.fixtures=DIR; the layout is in fixtures/README.md)");
        Path data = dataset(dir.resolve("data"), 10, 3);
        String[] args = {"calc-metrics", "--network", snapshot.toString(), "--metrics", "fid6,kid6", "--data", data.toString(),
            "--mirror", "1", "--seed", "5", "--batch", "3", "--cache-dir", dir.resolve("cache").toString(),
            "--out-dir", dir.resolve("out").toString()};
        String[] first = run(args);
        assertEquals("0", first[0], first[2]);
        String[] second = run(args);
        assertEquals("0", second[0], second[2]);
        List<String> fid = Files.readAllLines(dir.resolve("out/metric-fid6.jsonl"));
        assertEquals(2, fid.size(), "one line appended per run");
        ObjectMapper json = new ObjectMapper();
        JsonNode a = json.readTree(fid.get(0)), b = json.readTree(fid.get(1));
        assertEquals("fid6", a.get("metric").asText());
        assertTrue(a.path("results").path("fid6").asDouble() > 0, fid.get(0));
        assertEquals(a.get("results"), b.get("results"), "the same command gives identical numbers");
        JsonNode p = a.get("provenance");
        assertEquals(64, p.get("detector_hash").asText().length());
        assertEquals(5, p.get("seed").asLong());
        assertEquals(6, p.path("generated").path("num_gen").asLong());
        assertEquals(6, p.path("dataset").path("num_real").asLong());
        assertTrue(p.path("dataset").path("mirror").asBoolean());
        assertTrue(p.path("generated").path("z_seeds").asText().contains("5..10"), p.toString());
        assertTrue(p.has("code_version"));
        assertEquals(false, p.path("dataset").path("stats_cache_hit").asBoolean());
        assertEquals(true, json.readTree(fid.get(1)).path("provenance").path("dataset").path("stats_cache_hit").asBoolean());
        JsonNode kid = json.readTree(Files.readAllLines(dir.resolve("out/metric-kid6.jsonl")).get(0));
        assertTrue(kid.path("results").has("kid6"));
        assertEquals(100, kid.path("provenance").path("kid").path("num_subsets").asInt());
        assertTrue(first[1].lines().anyMatch(l -> l.startsWith("{\"results\":{\"fid6\":")), first[1]);
    }
}
