package dev.fuspath.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fuspath.catalog.Catalog;
import dev.fuspath.catalog.CatalogFiles;
import dev.fuspath.inspect.Finding;
import dev.fuspath.inspect.InspectReport;
import dev.fuspath.inspect.Inspector;
import dev.fuspath.rules.Rules;
import dev.fuspath.app.CatalogHolder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "inspect", mixinStandardHelpOptions = true, description = {
        "Say what coprocessor .bin files really are, whether upstream shipped them, and how their names disagree"
                + " with their content.",
        "Exit status: 0 no error finding, 1 an error finding, 4 a file cannot be read."})
public class InspectCommand implements Callable<Integer> {

    static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to inspect.")
    List<Path> files;

    @Option(names = "--json", description = "Print the reports as a JSON array, as the API gives them.")
    boolean json;

    @Option(names = "--catalog", paramLabel = "DIR", description = "Catalog folder to compare against (default: the bundled one).")
    Path catalogDir;

    private final CatalogHolder holder;

    public InspectCommand(CatalogHolder holder) {
        this.holder = holder;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Inspector inspector;
        if (catalogDir != null) {
            try {
                Catalog catalog = CatalogFiles.read(catalogDir);
                inspector = new Inspector(catalog, Rules.bundled());
            } catch (IOException e) {
                err.println("fuspath inspect: cannot read the catalog in " + catalogDir + ": " + e.getMessage());
                return ExitCodes.IO_ERROR;
            }
        } else {
            inspector = holder.inspector();
        }
        List<InspectReport> reports = new ArrayList<>();
        boolean unreadable = false;
        for (Path file : files) {
            try {
                InputFiles.requireRegularFile(file);
                long size = Files.size(file);
                if (size > MAX_FILE_BYTES) {
                    throw new IOException(size + " bytes, more than the " + MAX_FILE_BYTES
                            + " any coprocessor image could have");
                }
                reports.add(inspector.inspect(file.getFileName().toString(), Files.readAllBytes(file)));
            } catch (IOException e) {
                err.println("fuspath inspect: " + file + ": " + e.getMessage());
                unreadable = true;
            }
        }
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(reports));
        } else {
            reports.forEach(r -> InspectTable.print(r, out));
        }
        out.flush();
        if (unreadable) {
            return ExitCodes.IO_ERROR;
        }
        return reports.stream().anyMatch(InspectReport::hasErrors) ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    /** The human-readable form: the facts, then one line per finding. */
    static final class InspectTable {
        private InspectTable() {
        }

        static void print(InspectReport r, PrintWriter out) {
            out.println(r.filename());
            row(out, "size", r.size() + " bytes");
            row(out, "sha256", r.sha256());
            row(out, "kind", r.kind() + (r.stack() == null ? "" : " (" + r.stack() + ")"));
            row(out, "version", r.version() == null ? "unknown" : r.version()
                    + (r.footer().version() == null && r.version() != null ? " (by identity; the footer has none)" : ""));
            row(out, "footer", r.footer().status() + (r.footer().magic() == null ? ""
                    : ", magic " + r.footer().magic() + ", " + r.footer().format() + " format, "
                    + r.footer().flashPages() + " flash pages"));
            row(out, "upstream", r.identity().known()
                    ? "shipped in " + r.identity().occurrences().size() + " release files" : "never shipped");
            if (r.findings().isEmpty()) {
                out.println("  no findings");
            }
            for (Finding f : r.findings()) {
                out.printf("  %-7s %-24s %s%n", f.severity(), f.code(), f.message());
            }
            out.println();
        }

        private static void row(PrintWriter out, String key, String value) {
            out.printf("  %-9s %s%n", key, value);
        }
    }
}
