package dev.fuspath.executor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the user asked {@code fuspath flash} for; journaled so that {@code --resume} can finish the same job.
 *
 * @param chip         part number, or null to take it from the device when that is unambiguous
 * @param target       wanted stack (name or upstream file name); null for FUS only
 * @param release      release tag; null for the newest
 * @param iface        swd or usb
 * @param antiRollback activate anti-rollback after the install
 * @param planFile     the plan file or URL given with --plan, if any
 * @param server       the fuspath server plans and files came from, if any
 * @param deleteStack  delete the installed stack before the install even where FUS 2.x would upgrade it in place
 *                     (null: not asked)
 * @param firmwareDirs the folders the files came from (--firmware-dir, absolute), in the order they were tried;
 *                     null when none was given. With {@code server}, the run's file sources: --resume uses them again
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FlashRequest(String chip, String target, String release, @JsonProperty("interface") String iface,
                           boolean antiRollback, String planFile, String server, Boolean deleteStack,
                           java.util.List<String> firmwareDirs) {

    public FlashRequest {
        firmwareDirs = firmwareDirs == null || firmwareDirs.isEmpty() ? null : java.util.List.copyOf(firmwareDirs);
    }

    public FlashRequest(String chip, String target, String release, String iface, boolean antiRollback,
                        String planFile, String server, Boolean deleteStack) {
        this(chip, target, release, iface, antiRollback, planFile, server, deleteStack, null);
    }

    public FlashRequest(String chip, String target, String release, String iface, boolean antiRollback,
                        String planFile, String server) {
        this(chip, target, release, iface, antiRollback, planFile, server, null, null);
    }

    public FlashRequest withChip(String part) {
        return new FlashRequest(part, target, release, iface, antiRollback, planFile, server, deleteStack,
                firmwareDirs);
    }

    /** The same request, its files (and plans) taken from these sources. */
    public FlashRequest withSources(String newServer, java.util.List<String> dirs) {
        return new FlashRequest(chip, target, release, iface, antiRollback, planFile, newServer, deleteStack, dirs);
    }

    public boolean deleteAsked() {
        return Boolean.TRUE.equals(deleteStack);
    }
}
