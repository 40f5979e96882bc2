package eg3d.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eg3d.train.TrainingOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The library's option defaults are the train command's, so a notebook run and a CLI run agree; the
 * batch split over devices and rounds is checked before anything starts.
 */
class TrainOptionsTest {
    @Test
    void defaultsAreWhatTheCommandParsesFromItsRequiredOptionsAlone() {
        TrainCommand command = new TrainCommand();
        new CommandLine(command).parseArgs("--outdir", "runs", "--cfg", "nano", "--data", "heads64.zip", "--batch", "4");
        assertEquals(command.options(), TrainingOptions.defaults(Path.of("runs"), "nano", Path.of("heads64.zip"), 4));
    }

    @Test
    void withersChangeOnlyTheirOwnOptions() {
        TrainingOptions base = TrainingOptions.defaults(Path.of("runs"), "nano", Path.of("heads64.zip"), 4);
        TrainingOptions changed = base.withKimg(0.2).withTick(0.04, 2).withResume(Path.of("runs/00000-x"));
        assertEquals(0.2, changed.kimg());
        assertEquals(0.04, changed.tick());
        assertEquals(2, changed.snap());
        assertEquals(Path.of("runs/00000-x"), changed.resume());
        assertEquals(base, changed.withKimg(base.kimg()).withTick(base.tick(), base.snap()).withResume(null));
        assertNull(changed.withResume(null).resume());
    }

    private static String refusal(String... args) {
        String[] base = {"train", "--outdir", "runs", "--cfg", "nano", "--data", "heads64.zip", "-n"};
        String[] all = java.util.Arrays.copyOf(base, base.length + args.length);
        System.arraycopy(args, 0, all, base.length, args.length);
        String[] r = MetricsCommandsTest.run(all);
        assertEquals("2", r[0], r[1] + r[2]);
        return r[2];
    }

    @Test
    void theBatchSplitIsCheckedWithTheFlagsNamed() {
        assertTrue(refusal("--batch", "8", "--gpus", "2", "--batch-gpu", "3").contains(
                "--batch 8 must be a multiple of --gpus 2 times --batch-gpu 3; pick e.g. --batch-gpu 4"));
        assertTrue(refusal("--batch", "8", "--batch-gpu", "4", "--mbstd-group", "3").contains(
                "--mbstd-group 3 must divide the batch each device takes at once, 4"));
        assertTrue(refusal("--batch", "4", "--gpus", "2", "--devices", "cpu").contains(
                "--devices cpu names 1 device(s) but --gpus is 2"));
        assertTrue(refusal("--batch", "4", "--gpus", "2", "--devices", "cpu,tpu0").contains(
                "'tpu0' is not a device; use cpu or gpuN"));
        if (ai.djl.engine.Engine.getInstance().getGpuCount() < 2) {
            assertTrue(refusal("--batch", "4", "--gpus", "2").contains(
                    "--gpus 2: PyTorch sees " + ai.djl.engine.Engine.getInstance().getGpuCount()
                            + " GPU(s) on this host; use --gpus 1, or --devices cpu,cpu to run the data-parallel path on the CPU"));
        }
        TrainingOptions split = TrainingOptions.defaults(Path.of("runs"), "nano", Path.of("heads64.zip"), 8);
        assertEquals(8, split.batchPerRound());
        assertEquals(java.util.List.of(ai.djl.Device.cpu(), ai.djl.Device.gpu(1)), TrainingOptions.deviceList("cpu, cuda:1"));
    }

    @Test
    void aResumeTakesDeviceOptionsOnlyWhenGiven(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("heads16.zip");
        eg3d.data.synth.Synthesizer.write(new eg3d.data.synth.Synthesizer.Spec(eg3d.data.synth.SceneFamily.parse("heads"),
                16, 16, 0, 2), data, eg3d.progress.ProgressListener.none());
        String[] common = {"train", "--outdir", tmp.resolve("runs").toString(), "--cfg", "nano", "--data", data.toString(),
                "--batch", "4", "--neural_rendering_resolution_initial", "8"};
        Path run = tmp.resolve("runs/00000-nano-heads16-gpus2-batch4-gamma1");
        Path snapshot = run.resolve("network-snapshot-000000.ckpt");
        String[][] steps = {
            {"--kimg", "0.004", "--gpus", "2", "--devices", "cpu,cpu"},
            {"--kimg", "0.008", "--resume", run.toString()},                     // keeps the saved split
            {"--kimg", "0.012", "--resume", run.toString(), "--gpus", "1"},     // moves to one device
        };
        int[] gpus = {2, 2, 1};
        for (int i = 0; i < steps.length; i++) {
            String[] args = java.util.Arrays.copyOf(common, common.length + steps[i].length);
            System.arraycopy(steps[i], 0, args, common.length, steps[i].length);
            String[] r = MetricsCommandsTest.run(args);
            assertEquals("0", r[0], r[1] + r[2]);
            com.fasterxml.jackson.databind.JsonNode saved = eg3d.io.Checkpoint.read(snapshot).metadata().get("training");
            assertEquals(gpus[i], saved.get("options").get("gpus").asInt(), "step " + i + ": " + r[1]);
            assertEquals(0.004 * (i + 1), saved.get("cur_nimg").asLong() / 1000.0, 1e-9, "step " + i);
        }
    }
}
