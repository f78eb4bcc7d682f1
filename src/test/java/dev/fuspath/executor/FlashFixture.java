package dev.fuspath.executor;

import dev.fuspath.catalog.Catalog;
import dev.fuspath.catalog.CatalogFiles;
import dev.fuspath.catalog.Sha256;
import dev.fuspath.planner.ChipRules;
import dev.fuspath.planner.Plan;
import dev.fuspath.planner.PlanStep;
import dev.fuspath.planner.Planner;
import dev.fuspath.planner.Procedures;
import dev.fuspath.rules.Rules;
import dev.fuspath.testing.UpstreamBundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The catalog, planner and upstream files a flash test needs, loaded once (the station tests use them too). */
public final class FlashFixture {

    public static final Catalog CATALOG;
    public static final Planner PLANNER;

    static {
        try {
            CATALOG = CatalogFiles.readClasspath(FlashFixture.class.getClassLoader());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PLANNER = new Planner(CATALOG, Rules.bundled(), ChipRules.bundled(), Procedures.bundled());
    }

    private static Map<String, byte[]> bySha;

    private FlashFixture() {
    }

    /** Every distinct upstream image by SHA-256 (skips the test without the bundle). */
    public static synchronized Map<String, byte[]> upstream() {
        UpstreamBundle.assumePresent();
        if (bySha == null) {
            Map<String, byte[]> m = new HashMap<>();
            UpstreamBundle.distinctBinaries().forEach(f -> m.put(Sha256.of(f.bytes()), f.bytes()));
            bySha = m;
        }
        return bySha;
    }

    /** Files for any plan, by name, from the upstream images. */
    public static PlanFiles upstreamFiles() {
        Map<String, byte[]> all = upstream();
        return plan -> {
            Map<String, byte[]> m = new HashMap<>();
            for (PlanStep s : plan.steps()) {
                if (s.file() != null && all.containsKey(s.sha256())) {
                    m.put(s.file(), all.get(s.sha256()));
                }
            }
            return m;
        };
    }

    static FlashRequest request(String chip, String target, String release, String iface) {
        return new FlashRequest(chip, target, release, iface, false, null, null);
    }

    /** A flasher on {@code backend} with its journal at {@code dir}/journal.jsonl; events collected in {@code events}. */
    static Flasher flasher(Backend backend, Journal journal, Path dir, List<FlashEvent> events, boolean yes) {
        return Flasher.builder().exitCodes(dev.fuspath.cli.ExitCodes::of).catalog(CATALOG).backend(backend).files(upstreamFiles()).staging(dir.resolve("files"))
                .journal(journal).listener(events::add).yes(yes).retries(3, Duration.ZERO).build();
    }

    static List<FlashEvent> events() {
        return new ArrayList<>();
    }

    static Plan plan(String chip, String fus, String stack, String target, String release, String iface)
            throws Exception {
        return PLANNER.plan(new Planner.Request(chip, fus, stack, target, release, iface, false, false));
    }
}
