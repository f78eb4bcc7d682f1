package dev.fuspath.station;

import dev.fuspath.executor.FlashFixture;
import dev.fuspath.catalog.Catalog;
import dev.fuspath.executor.Backend;
import dev.fuspath.executor.OfflinePlans;
import dev.fuspath.executor.PlanFiles;
import dev.fuspath.planner.ChipRules;
import dev.fuspath.planner.Planner;
import dev.fuspath.simulator.RackSpec;
import dev.fuspath.simulator.SimulatedRack;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A station config on a simulated rack, for the station tests. */
final class RackFixture {

    /** The flash tests' catalog, planner and upstream images: one copy per test JVM. */
    static final Catalog CATALOG = FlashFixture.CATALOG;
    static final Planner PLANNER = FlashFixture.PLANNER;

    private RackFixture() {
    }

    static PlanFiles upstreamFiles() {
        return FlashFixture.upstreamFiles();
    }

    static SimulatedRack rack(Path dir, String spec) throws IOException {
        return SimulatedRack.create(dir.resolve("rack"), RackSpec.parse(spec));
    }

    static Station.Config config(Path dir, Backend backend, Station.Operator remover, AppImage app, boolean once,
                                 StationListener listener) {
        return config(dir, backend, remover, app, once, listener, "swd");
    }

    static Station.Config config(Path dir, Backend backend, Station.Operator remover, AppImage app, boolean once,
                                 StationListener listener, String iface) {
        return new Station.Config(CATALOG, ChipRules.bundled(), new OfflinePlans(PLANNER), upstreamFiles(), backend,
                dir.resolve("state"), "BLE_Stack_full", null, iface, app, List.of(), "line-1", "op-7", once, true,
                null, Duration.ofMillis(5), Duration.ZERO, Duration.ofMillis(300), 0, remover, listener, null,
                dev.fuspath.cli.ExitCodes::of);
    }
}
