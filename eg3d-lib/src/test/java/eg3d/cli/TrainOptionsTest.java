package eg3d.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import eg3d.train.TrainingOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The library's option defaults are the train command's, so a notebook run and a CLI run agree. */
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
}
