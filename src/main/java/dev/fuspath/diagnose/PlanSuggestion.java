package dev.fuspath.diagnose;

import dev.fuspath.catalog.Kind;
import dev.fuspath.diagnose.Binaries.Shipped;
import dev.fuspath.diagnose.Diagnosis.CorrectedPlan;
import dev.fuspath.diagnose.ImageChecks.Checked;
import dev.fuspath.diagnose.ImageChecks.Known;
import dev.fuspath.planner.Chip;
import dev.fuspath.planner.Plan;
import dev.fuspath.planner.PlanException;
import dev.fuspath.planner.Planner;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The plan that would have worked: for the part the log shows (or the chip hint), from the FUS it runs, to the stack
 * (or FUS) the user tried to install, in the release that image came from.
 */
final class PlanSuggestion {

    private final Planner planner;

    PlanSuggestion(Planner planner) {
        this.planner = planner;
    }

    /** Null when the log shows no identified install to correct. */
    CorrectedPlan suggest(List<Checked> checked, Device device, Optional<Known> fusNow, List<String> interfaces) {
        Optional<Checked> stack = last(checked, Kind.STACK);
        Optional<Checked> target = stack.or(() -> last(checked, Kind.FUS));
        if (target.isEmpty()) {
            return null;
        }
        Shipped image = target.get().identity().get(0);
        String family = image.record().family();
        if (fusNow.isEmpty()) {
            return new CorrectedPlan(null, null, "the log does not show which FUS the part runs: give it (the FUS"
                    + " version 'Read FUS infos' shows) and diagnose again");
        }
        Optional<Chip> chip = device.representative(family).filter(c -> c.family().equals(family));
        if (chip.isEmpty() || (device.hint == null && (device.deviceId == null || device.flash == null))) {
            return new CorrectedPlan(null, null, "the log does not show the device ID and flash size of a "
                    + family + " part: give the chip (its part number) and diagnose again");
        }
        String stackName = stack.map(c -> c.identity().get(0).record().stack()).orElse(null);
        List<String> assumed = new ArrayList<>();
        assumed.add(chip.get().part() + (device.hint != null ? " (your chip)"
                : ": a " + family + " part with device ID " + device.deviceId + " and " + device.flash + " flash"
                + others(chip.get(), device, family)));
        assumed.add("FUS " + fusNow.get().version() + " (" + fusNow.get().source() + ")");
        assumed.add("no wireless stack installed now (the log does not say which one is; a plan from an installed"
                + " stack adds its delete)");
        List<Shipped> same = target.get().identity().stream()
                .filter(s -> s.record().family().equals(family)).toList();
        List<String> tags = same.stream().map(Shipped::tag).distinct().toList();
        String file = image.record().file();
        String by = target.get().op().size() == null ? "by name" : "by name and size";
        boolean named = ImageChecks.releaseInPath(target.get().op().file()).filter(image.tag()::equals).isPresent();
        if (named) {
            assumed.add("release " + image.tag() + ", the release the path of " + file + " in the log names");
        } else if (tags.size() == 1) {
            assumed.add("release " + image.tag() + ", the only release whose " + file + " is the file the log shows ("
                    + by + ")");
        } else if (same.stream().map(s -> s.record().sha256()).distinct().count() == 1) {
            assumed.add("the log does not tell which release " + file + " came from: the same file (" + by + ", same"
                    + " content) shipped in " + String.join(", ", tags) + "; this plan follows the newest of those, "
                    + image.tag() + " (plan with --release for another)");
        } else {
            assumed.add("the log does not tell which release " + file + " came from");
            return new CorrectedPlan(String.join("; ", assumed), null, "the log does not tell which release "
                    + file + " came from: its path names none, and " + String.join(", ", tags)
                    + " shipped different files under that name"
                    + (target.get().op().size() == null ? " (the log does not print its size)" : "")
                    + "; fuspath does not assume the newest. Plan for the release you took it from: fuspath plan"
                    + " --chip " + chip.get().part() + " --fus " + fusNow.get().version() + " --release <tag>"
                    + (stackName == null ? " --fus-only" : " --target " + stackName));
        }
        String why = null;
        for (String iface : interfaces) {
            try {
                Plan plan = planner.plan(new Planner.Request(chip.get().part(), fusNow.get().version().toString(),
                        null, stackName, image.tag(), iface, stackName == null, false));
                assumed.add("over " + iface.toUpperCase() + (iface.equals(interfaces.get(0)) ? ", as in the log"
                        : ", which that release's procedure covers"));
                return new CorrectedPlan(String.join("; ", assumed), plan, null);
            } catch (PlanException e) {
                why = why == null ? e.getMessage() : why;
            }
        }
        return new CorrectedPlan(String.join("; ", assumed), null, why);
    }

    private static Optional<Checked> last(List<Checked> checked, Kind kind) {
        Checked found = null;
        for (Checked c : checked) {
            if (!c.identity().isEmpty() && c.identity().get(0).record().kind() == kind) {
                found = c;
            }
        }
        return Optional.ofNullable(found);
    }

    private static String others(Chip chosen, Device device, String family) {
        List<String> others = device.candidates.stream().filter(c -> c != chosen && c.family().equals(family))
                .map(Chip::part).toList();
        return others.isEmpty() ? "" : " (" + String.join(", ", others) + " are the same for this plan)";
    }
}
