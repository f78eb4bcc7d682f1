package dev.fuspath.executor;

import dev.fuspath.planner.Plan;
import java.util.Map;

/** The bytes of every file a plan names, found somewhere (a folder, a server): file name to bytes. */
@FunctionalInterface
public interface PlanFiles {
    Map<String, byte[]> fetch(Plan plan) throws FlashException;
}
