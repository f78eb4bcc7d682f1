package dev.fuspath.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules each package-info.java states, held over the compiled classes (target/classes): every class
 * name a class file refers to (its constant pool: classes, field and method descriptors, signatures) is checked. A
 * plain reader of the class-file format, so no library is needed for it.
 */
class PackageDependenciesTest {

    private static final Path CLASSES = Path.of("target/classes");

    /** The domain: nothing of HTTP, the CLI, or the adapters. */
    private static final List<String> DOMAIN = List.of("planner", "executor", "catalog", "diagnose", "programmer",
            "simulator", "records", "sync");

    private static final List<String> TRANSPORT = List.of("dev/fuspath/web/", "dev/fuspath/cli/", "jakarta/ws/rs/",
            "io/vertx/", "picocli/", "org/jboss/resteasy/");

    @Test
    void domainPackagesKnowNothingOfHttpOrTheCli() throws IOException {
        List<String> violations = new ArrayList<>();
        for (String pkg : DOMAIN) {
            violations.addAll(violations(pkg, TRANSPORT));
        }
        assertEquals(List.of(), violations);
    }

    /** web answers browsers through web.BrowserPages and web.LineViewers, which web.pages implements. */
    @Test
    void webPagesDependOnWebNotTheOtherWayRound() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, Set<String>> c : classes("web").entrySet()) {
            if (c.getKey().startsWith("dev/fuspath/web/pages/")) {
                continue;
            }
            c.getValue().stream().filter(r -> r.startsWith("dev/fuspath/web/pages/"))
                    .forEach(r -> violations.add(c.getKey() + " -> " + r));
        }
        assertEquals(List.of(), violations);
    }

    /** The registry and the typed configuration both adapters use: no adapter, no Quarkus runtime (the light path loads it). */
    @Test
    void theApplicationPackageKnowsNoAdapter() throws IOException {
        List<String> forbidden = new ArrayList<>(TRANSPORT);
        forbidden.addAll(List.of("dev/fuspath/launch/", "io/quarkus/"));
        assertEquals(List.of(), violations("app", forbidden));
        assertTrue(classes("app").size() >= 2, "no app classes under " + CLASSES.toAbsolutePath());
    }

    /** The command line and the service reach the catalog through the application package, not through each other. */
    @Test
    void theCommandLineDoesNotTakeTheCatalogFromTheWebAdapter() throws IOException {
        assertEquals(List.of(), violations("cli", List.of("dev/fuspath/web/CatalogHolder", "dev/fuspath/web/pages/")));
        assertEquals(List.of(), violations("launch", List.of("dev/fuspath/web/")));
    }

    @Test
    void executorDoesNotKnowTheSimulator() throws IOException {
        assertEquals(List.of(), violations("executor", List.of("dev/fuspath/simulator/")));
    }

    @Test
    void theReaderSeesWhatIsThere() throws IOException {
        // guards the test itself: the web adapter does refer to JAX-RS, and the planner to the catalog
        assertTrue(classes("web").values().stream().flatMap(Set::stream).anyMatch(r -> r.startsWith("jakarta/ws/rs/")));
        assertTrue(classes("planner").values().stream().flatMap(Set::stream)
                .anyMatch(r -> r.startsWith("dev/fuspath/catalog/")));
        assertTrue(classes("planner").size() > 5, "no planner classes under " + CLASSES.toAbsolutePath());
    }

    private static List<String> violations(String pkg, List<String> forbidden) throws IOException {
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, Set<String>> c : classes(pkg).entrySet()) {
            for (String ref : c.getValue()) {
                if (forbidden.stream().anyMatch(ref::startsWith)) {
                    violations.add(c.getKey() + " -> " + ref);
                }
            }
        }
        return violations;
    }

    /** Each class of the package (and its subpackages) with the class names it refers to. */
    private static Map<String, Set<String>> classes(String pkg) throws IOException {
        Path dir = CLASSES.resolve("dev/fuspath").resolve(pkg);
        Map<String, Set<String>> all = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = CLASSES.relativize(f).toString().replace('\\', '/');
                try (InputStream in = Files.newInputStream(f)) {
                    all.put(name, references(in));
                }
            }
        }
        return all;
    }

    /** Class names in the constant pool: CONSTANT_Class entries, and every L...; of descriptors and signatures. */
    static Set<String> references(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        List<Integer> classIndexes = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7 -> classIndexes.add(in.readUnsignedShort());
                case 8, 16, 19, 20 -> in.readUnsignedShort();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++;
                }
                case 9, 10, 11, 12, 17, 18 -> in.readInt();
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                default -> throw new IOException("constant pool tag " + tag);
            }
        }
        Set<String> refs = new TreeSet<>();
        for (int index : classIndexes) {
            String n = utf8[index];
            if (n != null) {
                refs.add(n.startsWith("[") ? n.replaceAll("^\\[+L?|;$", "") : n);
            }
        }
        for (String s : utf8) {
            if (s == null) {
                continue;
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("L([\\w/$]+)[;<]").matcher(s);
            while (m.find()) {
                refs.add(m.group(1));
            }
        }
        return refs;
    }
}
