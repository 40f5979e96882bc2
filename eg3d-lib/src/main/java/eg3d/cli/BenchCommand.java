package eg3d.cli;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eg3d.camera.LookAtPoseSampler;
import eg3d.io.Network;
import eg3d.io.NetworkFile;
import eg3d.model.GeneratorConfig;
import eg3d.model.Presets;
import eg3d.model.RenderSpec;
import eg3d.model.SuperResolution;
import eg3d.model.TriPlaneGenerator;
import eg3d.nn.NoiseMode;
import eg3d.nn.Params;
import eg3d.render.Trace;
import eg3d.render.TriPlanes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./eg3d bench}: median time per stage of one generator forward, after warm-up. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Time the generator per stage (mapping, backbone, rendering, super-resolution, total):",
            "median milliseconds over --reps runs after one warm-up run, plus peak RSS. Weights are random",
            "(speed does not depend on their values) unless --network is given.",
            "Example: ./eg3d bench --preset ffhq512-128 --batch 1 --reps 3"})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--preset", defaultValue = "ffhq512-128", description = "architecture: ${COMPLETION-CANDIDATES}",
            completionCandidates = PresetNames.class)
    String preset;

    @Option(names = "--network", description = "time this network file instead of a preset")
    Path network;

    @Option(names = "--batch", defaultValue = "1")
    int batch;

    @Option(names = "--reps", defaultValue = "3")
    int reps;

    @Option(names = "--warmup", defaultValue = "1")
    int warmup;

    @Option(names = "--json", description = "print one JSON line")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (batch < 1 || reps < 1) {
            throw new IllegalArgumentException("--batch and --reps must be at least 1");
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            Network net = network == null ? null : NetworkFile.load(network, manager);
            GeneratorConfig config = net != null ? net.generatorEma().getConfig() : Presets.get(preset).generator();
            TriPlaneGenerator g = net != null ? net.generatorEma()
                    : new TriPlaneGenerator(config, Params.initialize(manager.newSubManager(), 0));
            Map<String, double[]> times = new LinkedHashMap<>();
            for (String s : new String[] {"mapping", "backbone", "rendering", "superresolution", "total"}) {
                times.put(s, new double[reps]);
            }
            float[] cam = LookAtPoseSampler.camera(Math.PI / 2 + 0.3, Math.PI / 2, config.avgCameraPivot(), config.avgCameraRadius(),
                    18.837).toArray();
            for (int rep = -warmup; rep < reps; rep++) {
                try (NDManager m = manager.newSubManager()) {
                    NDArray z = m.randomNormal(new Shape(batch, config.zDim()));
                    NDArray c = m.create(cam, new Shape(1, 25)).repeat(0, batch);
                    long t0 = System.nanoTime();
                    NDArray ws = g.mapping(z, c, 0.7f, 14);
                    long t1 = System.nanoTime();
                    TriPlanes planes = g.planes(ws, NoiseMode.CONST);
                    long t2 = System.nanoTime();
                    TriPlaneGenerator.Rendered r = g.renderRays(planes, c, RenderSpec.reproducible(), Trace.NONE);
                    long t3 = System.nanoTime();
                    SuperResolution.Output sr = g.superResolve(r.featureImage().get(":, :3"), r.featureImage(), ws, Trace.NONE);
                    sr.image().toFloatArray();                      // wait for the result
                    long t4 = System.nanoTime();
                    if (rep >= 0) {
                        times.get("mapping")[rep] = (t1 - t0) / 1e6;
                        times.get("backbone")[rep] = (t2 - t1) / 1e6;
                        times.get("rendering")[rep] = (t3 - t2) / 1e6;
                        times.get("superresolution")[rep] = (t4 - t3) / 1e6;
                        times.get("total")[rep] = (t4 - t0) / 1e6;
                    }
                    planes.close();
                }
            }
            report(config, times);
            if (net != null) {
                net.close();
            }
        }
        return 0;
    }

    private void report(GeneratorConfig config, Map<String, double[]> times) throws Exception {
        ObjectNode out = new ObjectMapper().createObjectNode();
        out.put("preset", network != null ? network.toString() : preset).put("batch", batch).put("reps", reps).put("warmup", warmup);
        out.put("threads", Integer.getInteger("ai.djl.pytorch.num_threads", Runtime.getRuntime().availableProcessors()));
        out.put("device", Engine.getInstance().defaultDevice().toString());
        out.put("neural_rendering_resolution", config.neuralRenderingResolution()).put("image_resolution", config.imgResolution());
        ObjectNode ms = out.putObject("median_ms");
        times.forEach((k, v) -> ms.put(k, Math.round(median(v) * 10) / 10.0));
        out.put("peak_rss_mb", peakRssMb());
        if (json) {
            System.out.println(out);
            return;
        }
        System.out.printf("preset %s, batch %d, %d reps after %d warm-up, %d threads, %s%n", out.get("preset").asText(), batch, reps,
                warmup, out.get("threads").asInt(), out.get("device").asText());
        times.forEach((k, v) -> System.out.printf("  %-16s %9.1f ms%n", k, median(v)));
        System.out.printf("  %-16s %9d MB%n", "peak RSS", out.get("peak_rss_mb").asLong());
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static long peakRssMb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }

    /** Completion candidates for --preset. */
    static final class PresetNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Presets.names().iterator();
        }
    }
}
