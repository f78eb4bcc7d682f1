package dev.fuspath.cli;

import dev.fuspath.catalog.Catalog;
import dev.fuspath.catalog.CatalogIndex;
import dev.fuspath.rules.Rules;
import dev.fuspath.sync.CatalogSync;
import dev.fuspath.sync.PreviousCatalog;
import dev.fuspath.sync.SyncException;
import dev.fuspath.sync.UpstreamMirror;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "sync", mixinStandardHelpOptions = true, description = {
        "Build the catalog from the STM32CubeWB git history (a URL, a local repository or a bundle file).",
        "The default source is " + UpstreamMirror.DEFAULT_SOURCE + ".",
        "A release the catalog holds that the source no longer has (its tag is gone, or points at a commit"
                + " without coprocessor binaries) is kept as it was, with a release-vanished anomaly, unless"
                + " --allow-removals.",
        "Exit status: 0 synced, 2 bad command line, 3 sync failed and wrote nothing, 14 synced, but a release"
                + " vanished from the source and was kept."})
public class SyncCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--source", paramLabel = "GIT", description = "Git URL, repository path or bundle file. Default: ST's STM32CubeWB repository on GitHub.",
            defaultValue = UpstreamMirror.DEFAULT_SOURCE)
    String source;

    @Option(names = "--out", paramLabel = "DIR", description = "Catalog folder to write (default: ${DEFAULT-VALUE}).",
            defaultValue = "catalog")
    Path out;

    @Option(names = "--mirror", paramLabel = "DIR", description = "Bare git mirror to fetch into (default: one per source under ~/.cache/fuspath/mirrors).")
    Path mirror;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Network timeout of the fetch (default: ${DEFAULT-VALUE}).",
            defaultValue = "120")
    int timeoutSeconds;

    @Option(names = "--full", description = "Re-read every tag, ignoring the catalog already in --out.")
    boolean full;

    @Option(names = "--allow-removals", description = "Drop a release the source no longer has, instead of keeping it and exiting 14.")
    boolean allowRemovals;

    @Option(names = "--progress", negatable = true, description = "Show progress on standard error (objects received, resolving deltas, tags read). Default: when standard error is a terminal.")
    Boolean progress;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        var outStream = spec.commandLine().getOut();
        PreviousCatalog previous = PreviousCatalog.none();
        if (!full) {
            try {
                previous = PreviousCatalog.in(out);
            } catch (IOException e) {
                err.println("fuspath sync: the catalog in " + out + " cannot be read (" + e.getMessage()
                        + "); every tag is read again");
            }
        }
        Path mirrorDir = mirror != null ? mirror : CatalogSync.defaultMirror(source);
        try {
            CatalogSync.Result result = new CatalogSync(Rules.bundled(), timeoutSeconds, allowRemovals)
                    .progress(Terminal.showProgress(progress) ? new org.eclipse.jgit.lib.TextProgressMonitor(err) : null)
                    .sync(source, mirrorDir, previous, out);
            err.flush();
            CatalogIndex index = result.index();
            if (result.unchanged()) {
                outStream.printf("%s is up to date: the source has the same %d releases (%d binaries, %d anomalies); checked in %.1f s%n",
                        out, index.releases().size(), index.binaryCount(), index.anomalyCount(), result.millis() / 1000.0);
            } else {
                Catalog c = result.catalog();
                outStream.printf("synced %d releases into %s (%d read, %d unchanged) in %.1f s: %d binaries, %d distinct, %d anomalies%n",
                        c.releases().size(), out, result.tagsRead(), result.tagsReused(), result.millis() / 1000.0,
                        c.binaryCount(), c.distinctBinaryCount(), c.anomalies().size());
            }
            for (CatalogSync.Removal removal : result.removals()) {
                err.println("fuspath sync: warning: " + removal.describe());
            }
            if (result.removals().stream().anyMatch(CatalogSync.Removal::kept)) {
                err.println("fuspath sync: pass --allow-removals to drop a release the source no longer has");
                return ExitCodes.SYNC_RELEASE_VANISHED;
            }
            return 0;
        } catch (SyncException e) {
            err.println("fuspath sync: " + e.getMessage());
            err.println("nothing was changed in " + out);
            return ExitCodes.SYNC_FAILED;
        }
    }
}
