package eg3d.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class NotebookLoaderTest {
    private static final Path GSON_2_10_1 = Path.of(System.getProperty("user.home"),
            ".m2/repository/com/google/code/gson/gson/2.10.1/gson-2.10.1.jar");

    @Test
    void aJarTheNotebookAddsWinsOverTheSameLibraryInTheProjectLayer() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(GSON_2_10_1), "skipped: no " + GSON_2_10_1 + " in the local repository");
        Path projectGson = Path.of(com.google.gson.Gson.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(!projectGson.toString().contains("2.10.1"), "the test class path carries another Gson: " + projectGson);
        URLClassLoader project = new URLClassLoader(new java.net.URL[] {projectGson.toUri().toURL()}, null);
        NotebookLoader loader = new NotebookLoader(project, List.of());
        loader.addToClasspath(GSON_2_10_1.toString());
        Class<?> gson = loader.findClass("com.google.gson.Gson");
        assertEquals(GSON_2_10_1.toUri().toURL(), gson.getProtectionDomain().getCodeSource().getLocation());
    }

    @Test
    void projectTypesAndTheJdkAreSharedAndCompileOnlyEntriesAreSkipped() throws Exception {
        ClassLoader app = NotebookLoaderTest.class.getClassLoader();
        Path ownClasses = Path.of(Notebook.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        NotebookLoader loader = new NotebookLoader(app, List.of(ownClasses));
        // Even with its own copy of eg3d classes added, the loader hands out the kernel's: hooks compiled
        // against eg3d types must see the very classes cells create.
        loader.addToClasspath(ownClasses.toString());
        assertSame(Notebook.class, loader.findClass("eg3d.kernel.Notebook"));
        assertSame(String.class, loader.findClass("java.lang.String"));
        assertEquals(0, ((URLClassLoader) loader.classLoader()).getURLs().length, "the compile-only entry was not added");
    }
}
