package eg3d.kernel.display;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import java.util.UUID;

/**
 * One output area that a running cell rewrites in place: shown once with a display id, then replaced
 * by update_display_data messages. Anything the renderer knows can be shown, e.g. an image per step.
 */
public final class LiveDisplay {
    private final String displayId = "eg3d-live-" + UUID.randomUUID();
    private final BaseKernel kernel;

    private LiveDisplay(BaseKernel kernel) {
        this.kernel = kernel;
    }

    /** Shows {@code initial} below the running cell and returns the handle that updates it. */
    public static LiveDisplay show(Object initial) {
        LiveDisplay live = new LiveDisplay(Eg3dDisplay.RunningKernel.get());
        DisplayData data = live.kernel.getRenderer().render(initial);
        data.setDisplayId(live.displayId);
        live.kernel.display(data);
        return live;
    }

    /** Replaces what this display shows. */
    public void update(Object content) {
        kernel.getIO().display.updateDisplay(displayId, kernel.getRenderer().render(content));
    }

    public String getDisplayId() {
        return displayId;
    }
}
