package eg3d.kernel.jjava;

import eg3d.kernel.display.DisplayHook;
import eg3d.kernel.display.Eg3dDisplay;
import java.util.ArrayList;
import java.util.List;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

/**
 * JJava finds this through {@code META-INF/services} when the hooks jar is on its class path and
 * registers the same hooks as {@link Eg3dDisplay#registerAll}. Live monitors need IJava's display
 * stream and are not available under JJava.
 */
public final class Eg3dJJavaExtension implements Extension {
    @Override
    public void install(BaseKernel kernel) {
        for (DisplayHook<?> hook : Eg3dDisplay.hooks()) register(kernel.getRenderer(), hook);
    }

    private static <T> void register(Renderer renderer, DisplayHook<T> hook) {
        List<String> all = new ArrayList<>(hook.preferred());
        all.addAll(hook.supported());
        renderer.createRegistration(hook.type())
                .preferring(hook.preferred().toArray(String[]::new))
                .supporting(hook.supported().toArray(String[]::new))
                .register((value, context) -> {
                    for (String mime : all) {
                        context.renderIfRequested(MIMEType.parse(mime), () -> hook.encodeChecked(value, mime));
                    }
                });
    }
}
