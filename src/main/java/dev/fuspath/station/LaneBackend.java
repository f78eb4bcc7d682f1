package dev.fuspath.station;

import dev.fuspath.executor.Backend;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A lane's programmer: every call goes to the lane's probe. Over SWD, {@code sn=SERIAL} is added after
 * {@code port=swd} of the connection (public station scripts write {@code --connect port=SWD sn=...}); over USB,
 * {@code port=usb1} becomes the lane's port. The plans' commands are otherwise run as the planner wrote them.
 */
public final class LaneBackend implements Backend {

    private final Backend backend;
    private final ProbeListing.Probe probe;

    public LaneBackend(Backend backend, ProbeListing.Probe probe) {
        this.backend = backend;
        this.probe = probe;
    }

    @Override
    public Invocation run(List<String> arguments) {
        return backend.run(rewrite(arguments, probe));
    }

    static List<String> rewrite(List<String> arguments, ProbeListing.Probe probe) {
        List<String> out = new ArrayList<>(arguments.size() + 1);
        boolean hasSn = arguments.stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).startsWith("sn="));
        for (String a : arguments) {
            String low = a.toLowerCase(Locale.ROOT);
            if (low.startsWith("port=usb") && probe.kind() == ProbeListing.Kind.DFU) {
                out.add("port=" + probe.id());
                continue;
            }
            out.add(a);
            if (low.equals("port=swd") && probe.kind() == ProbeListing.Kind.STLINK && !hasSn) {
                out.add("sn=" + probe.id());
            }
        }
        return List.copyOf(out);
    }
}
