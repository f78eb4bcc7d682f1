package dev.fuspath.bench;

import dev.fuspath.catalog.Catalog;
import dev.fuspath.catalog.CatalogFiles;
import dev.fuspath.planner.ChipRules;
import dev.fuspath.planner.Plan;
import dev.fuspath.planner.PlanException;
import dev.fuspath.planner.Planner;
import dev.fuspath.planner.Procedures;
import dev.fuspath.rules.Rules;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time of one {@code Planner.plan} on the bundled catalog, as the service computes it per request (plan id, i.e. the
 * SHA-256 of its canonical JSON, included; HTTP and JSON rendering of the answer excluded). Run with
 * {@code bench/plan-jmh.sh}; the defaults here are what that script passes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@Threads(1)
public class PlanBenchmark {

    /** The README's story: a part on FUS 0.5.3 with no stack, to BLE_Stack_full of v1.23.0 over SWD (7 steps). */
    private static final Planner.Request STORY = new Planner.Request("STM32WB55RG", "0.5.3", null, "BLE_Stack_full",
            "v1.23.0", "swd", false, false);

    /** A part that already runs what v1.23.0 gives: FUS 2.1.0 and BLE_Stack_full 1.23.0 (zero steps). */
    private static final Planner.Request UP_TO_DATE = new Planner.Request("STM32WB55RG", "2.1.0",
            "BLE_Stack_full 1.23.0", "BLE_Stack_full", "v1.23.0", "swd", false, false);

    private Planner planner;

    @Setup
    public void setUp() throws IOException, PlanException {
        Catalog catalog = CatalogFiles.readClasspath(PlanBenchmark.class.getClassLoader());
        planner = new Planner(catalog, Rules.bundled(), ChipRules.bundled(), Procedures.bundled());
        // measure what the names say, or nothing
        expectSteps(planner.plan(STORY), 7, "story");
        expectSteps(planner.plan(UP_TO_DATE), 0, "upToDate");
    }

    private static void expectSteps(Plan plan, int steps, String name) {
        if (plan.steps().size() != steps) {
            throw new IllegalStateException(name + ": expected " + steps + " steps, the planner gave "
                    + plan.steps().size() + ": " + plan);
        }
    }

    @Benchmark
    public Plan story() throws PlanException {
        return planner.plan(STORY);
    }

    @Benchmark
    public Plan upToDate() throws PlanException {
        return planner.plan(UP_TO_DATE);
    }
}
