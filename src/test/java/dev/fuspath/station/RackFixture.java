package dev.fuspath.station;

import dev.fuspath.catalog.Catalog;
import dev.fuspath.catalog.CatalogFiles;
import dev.fuspath.catalog.Sha256;
import dev.fuspath.executor.Backend;
import dev.fuspath.executor.OfflinePlans;
import dev.fuspath.executor.PlanFiles;
import dev.fuspath.planner.ChipRules;
import dev.fuspath.planner.PlanStep;
import dev.fuspath.planner.Planner;
import dev.fuspath.planner.Procedures;
import dev.fuspath.rules.Rules;
import dev.fuspath.simulator.RackSpec;
import dev.fuspath.simulator.SimulatedRack;
import dev.fuspath.testing.UpstreamBundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The catalog, planner, upstream files and a station config on a simulated rack, for the station tests. */
final class RackFixture {

    static final Catalog CATALOG;
    static final Planner PLANNER;

    static {
        try {
            CATALOG = CatalogFiles.readClasspath(RackFixture.class.getClassLoader());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PLANNER = new Planner(CATALOG, Rules.bundled(), ChipRules.bundled(), Procedures.bundled());
    }

    private static Map<String, byte[]> bySha;

    private RackFixture() {
    }

    static synchronized PlanFiles upstreamFiles() {
        UpstreamBundle.assumePresent();
        if (bySha == null) {
            Map<String, byte[]> m = new HashMap<>();
            UpstreamBundle.distinctBinaries().forEach(f -> m.put(Sha256.of(f.bytes()), f.bytes()));
            bySha = m;
        }
        Map<String, byte[]> all = bySha;
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

    static SimulatedRack rack(Path dir, String spec) throws IOException {
        return SimulatedRack.create(dir.resolve("rack"), RackSpec.parse(spec));
    }

    static Station.Config config(Path dir, Backend backend, Station.Operator remover, AppImage app, boolean once,
                                 StationListener listener) {
        return new Station.Config(CATALOG, ChipRules.bundled(), new OfflinePlans(PLANNER), upstreamFiles(), backend,
                dir.resolve("state"), "BLE_Stack_full", null, "swd", app, List.of(), "line-1", "op-7", once, true,
                null, Duration.ofMillis(5), Duration.ZERO, Duration.ofMillis(300), 0, remover, listener, null);
    }
}
