package eg3d.kernel;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.Model;
import org.apache.maven.model.Repository;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/**
 * Resolves Maven coordinates to jars with Maven Resolver, the way {@code mvn} would: the local
 * repository first ({@code ~/.m2/repository} or {@code -Dmaven.repo.local}), then Central and any
 * repository a notebook added. A release already in the local repository needs no network.
 */
final class MavenDependencies {
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    private final RepositorySystem system = new RepositorySystemSupplier().get();
    private final Map<String, RemoteRepository> repositories = new LinkedHashMap<>();
    private final Path localRepository;

    MavenDependencies() {
        String local = System.getProperty("maven.repo.local");
        this.localRepository = local != null ? Path.of(local)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
        // The id matches the one mvn records in the local repository, so its downloads count as Central's.
        addRepository("central", "https://repo.maven.apache.org/maven2/");
    }

    void addRepository(String id, String url) {
        repositories.put(id, new RemoteRepository.Builder(id, "default", url).build());
    }

    /** The jars of these coordinates ({@code group:artifact[:extension[:classifier]]:version}) and their runtime dependencies. */
    List<Path> resolve(List<String> coordinates) {
        List<org.eclipse.aether.graph.Dependency> roots = new ArrayList<>();
        for (String c : coordinates) {
            try {
                roots.add(new org.eclipse.aether.graph.Dependency(new DefaultArtifact(c), JavaScopes.RUNTIME));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("%maven " + c + ": not a coordinate; write group:artifact:version, "
                        + "e.g. com.google.code.gson:gson:2.10.1", e);
            }
        }
        return resolveRoots(roots);
    }

    /** {@code %%loadFromPOM}: the repositories and compile/runtime dependencies of a POM, or of a fragment of one. */
    List<Path> resolvePom(String xml) {
        Model model = readPom(xml);
        for (Repository r : model.getRepositories()) addRepository(r.getId(), r.getUrl());
        Properties props = model.getProperties();
        List<org.eclipse.aether.graph.Dependency> roots = new ArrayList<>();
        for (Dependency d : model.getDependencies()) {
            String scope = d.getScope() == null ? JavaScopes.COMPILE : d.getScope();
            if (!scope.equals(JavaScopes.COMPILE) && !scope.equals(JavaScopes.RUNTIME)) continue;
            String version = interpolate(d.getVersion(), props, d.getArtifactId());
            roots.add(new org.eclipse.aether.graph.Dependency(new DefaultArtifact(
                    interpolate(d.getGroupId(), props, d.getArtifactId()), d.getArtifactId(),
                    d.getClassifier(), d.getType() == null ? "jar" : d.getType(), version), JavaScopes.RUNTIME));
        }
        return resolveRoots(roots);
    }

    private static Model readPom(String xml) {
        String body = xml.strip();
        if (!body.contains("<project")) {
            if (body.startsWith("<dependency>")) body = "<dependencies>" + body + "</dependencies>";
            body = "<project><modelVersion>4.0.0</modelVersion><groupId>notebook</groupId>"
                    + "<artifactId>notebook</artifactId><version>0</version>" + body + "</project>";
        }
        try {
            return new MavenXpp3Reader().read(new StringReader(body), false);
        } catch (Exception e) {
            throw new IllegalArgumentException("%%loadFromPOM: the cell is not a POM or a <dependencies>/<repositories> "
                    + "fragment: " + e.getMessage(), e);
        }
    }

    private static String interpolate(String value, Properties props, String where) {
        if (value == null) throw new IllegalArgumentException("%%loadFromPOM: dependency " + where + " has no version");
        Matcher m = PROPERTY.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = props.getProperty(m.group(1));
            if (v == null) throw new IllegalArgumentException("%%loadFromPOM: dependency " + where + " uses ${"
                    + m.group(1) + "}, which the cell's <properties> do not define");
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }

    private List<Path> resolveRoots(List<org.eclipse.aether.graph.Dependency> roots) {
        if (roots.isEmpty()) return List.of();
        try (RepositorySystemSession.CloseableSession session = new SessionBuilderSupplier(system).get()
                .withLocalRepositoryBaseDirectories(localRepository)
                .setSystemProperties(System.getProperties())
                .setOffline(Boolean.parseBoolean(System.getenv().getOrDefault("EG3D_MAVEN_OFFLINE", "false")))
                .build()) {
            CollectRequest collect = new CollectRequest(roots, List.of(), new ArrayList<>(repositories.values()));
            DependencyRequest request = new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
            List<Path> jars = new ArrayList<>();
            for (ArtifactResult r : system.resolveDependencies(session, request).getArtifactResults()) {
                Path p = r.getArtifact().getPath();
                if (p != null && Files.isRegularFile(p)) jars.add(p);
            }
            return jars;
        } catch (DependencyResolutionException e) {
            throw new IllegalStateException("Maven could not resolve " + roots + " from " + localRepository + " or "
                    + repositories.keySet() + ": " + e.getMessage()
                    + ". Check the coordinates, or add the repository with %mavenRepo ID URL.", e);
        }
    }
}
