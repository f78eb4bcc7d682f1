package dev.fuspath.diagnose;

import dev.fuspath.planner.Chip;
import dev.fuspath.planner.ChipRules;
import dev.fuspath.programmer.ProgrammerSession;
import dev.fuspath.rules.Family;
import dev.fuspath.rules.Rules;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The part the log was taken on, as far as the log (device ID, flash size) and the user's chip hint tell it, and the
 * parts of rules/chips.json that fit.
 */
final class Device {

    final String deviceId;
    final String flash;
    final Long flashBytes;
    final Chip hint;
    /** The supported parts that fit what is known, in rules/chips.json order. */
    final List<Chip> candidates;

    Device(ProgrammerSession session, Chip hint, ChipRules chips, Rules rules) {
        this.hint = hint;
        this.deviceId = session.deviceId() != null ? session.deviceId() : hint == null ? null : hint.deviceId();
        String logFlash = session.flashSize() != null && session.flashSize().bytes() > 0
                ? session.flashSize().label() : null;
        this.flash = logFlash != null ? logFlash : hint == null ? null : hint.flash();
        Long bytes = logFlash != null ? Long.valueOf(session.flashSize().bytes()) : null;
        if (bytes == null && hint != null) {
            bytes = rules.family(hint.family()).map(f -> f.flashSizes().get(hint.flash())).orElse(null);
        }
        this.flashBytes = bytes;
        this.candidates = hint != null ? List.of(hint) : chips.chips().stream()
                .filter(c -> deviceId != null && c.deviceId().equalsIgnoreCase(deviceId))
                .filter(c -> flash == null || c.flash().equals(flash))
                .toList();
    }

    /** Whether the device ID is one rules/chips.json has at all. */
    static boolean knownDeviceId(String deviceId, ChipRules chips) {
        return chips.chips().stream().anyMatch(c -> c.deviceId().equalsIgnoreCase(deviceId));
    }

    Set<String> families() {
        Set<String> out = new LinkedHashSet<>();
        candidates.forEach(c -> out.add(c.family()));
        return out;
    }

    /** The first part that fits, preferring a family (the one the file is for) when given. */
    Optional<Chip> representative(String preferredFamily) {
        return candidates.stream().filter(c -> c.family().equals(preferredFamily)).findFirst()
                .or(() -> candidates.stream().findFirst());
    }

    /** The flash page size when every part that fits has the same. */
    Optional<Integer> pageSize(Rules rules) {
        Set<Integer> sizes = new LinkedHashSet<>();
        for (String f : families()) {
            rules.family(f).map(Family::pageSize).ifPresent(sizes::add);
        }
        return sizes.size() == 1 ? Optional.of(sizes.iterator().next()) : Optional.empty();
    }
}
