package dev.fuspath.planner;

import dev.fuspath.rules.RuleFiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fuspath.rules.Family;
import dev.fuspath.rules.Rules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The parts in {@code rules/chips.json}, found by base part number or full ordering code, in any case. */
public final class ChipRules {

    /** Base part (STM32WB55RG, STM32WB5MMG), then what ordering codes add: package, temperature, packing. */
    private static final Pattern ORDERING_CODE =
            Pattern.compile("(STM32WB(?:[0-9]{2}[A-Z]|[0-9]MM)[A-Z])(?:[A-Z][0-9](?:[A-Z]{1,3})?)?");

    private final List<Chip> chips;

    ChipRules(List<Chip> chips) {
        this.chips = List.copyOf(chips);
    }

    public static ChipRules bundled() {
        return Holder.BUNDLED;
    }

    public List<Chip> chips() {
        return chips;
    }

    /** The chip of a part number or ordering code; empty when unknown or malformed. */
    public Optional<Chip> find(String partOrOrderingCode) {
        if (partOrOrderingCode == null) {
            return Optional.empty();
        }
        Matcher m = ORDERING_CODE.matcher(partOrOrderingCode.strip().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        String base = m.group(1);
        return chips.stream().filter(c -> c.part().equals(base)).findFirst();
    }

    /**
     * The chip of a part number or ordering code, or why there is none: 400 when the text is no STM32WB part
     * number, 404 (listing the supported parts) when it is one fuspath does not know.
     */
    public Chip resolve(String text) throws PlanException {
        if (text == null || text.isBlank()) {
            throw new PlanException(PlanException.Reason.INVALID_INPUT, "chip is required: a part number such as STM32WB55RG or an ordering code"
                    + " such as STM32WB55RGV6TR");
        }
        if (!wellFormed(text)) {
            throw new PlanException(PlanException.Reason.INVALID_INPUT, "chip must be an STM32WB part number such as STM32WB55RG or an ordering"
                    + " code such as STM32WB55CEU6, not '" + PlanInputs.abbreviate(text.strip()) + "'");
        }
        List<String> parts = chips.stream().map(Chip::part).toList();
        return find(text).orElseThrow(() -> new PlanException(PlanException.Reason.UNKNOWN_CHIP, "unknown chip " + text.strip()
                + "; supported: " + parts, parts));
    }

    public static boolean wellFormed(String partOrOrderingCode) {
        return partOrOrderingCode != null
                && ORDERING_CODE.matcher(partOrOrderingCode.strip().toUpperCase(Locale.ROOT)).matches();
    }

    private static final class Holder {
        static final ChipRules BUNDLED = load();

        private static ChipRules load() {
                JsonNode root = RuleFiles.bundled().read("chips.json");
                List<Chip> chips = new ArrayList<>();
                for (JsonNode c : root.path("chips")) {
                    Family family = Rules.bundled().family(c.path("family").asText()).orElseThrow(() ->
                            RuleFiles.entryError("chips.json", c.path("part").asText(), "unknown family " + c.path("family")));
                    String flash = c.path("flash").asText();
                    if (!family.flashSizes().containsKey(flash)) {
                        throw RuleFiles.entryError("chips.json", c.path("part").asText(), "flash " + flash + ", which "
                                + family.name() + " does not have");
                    }
                    chips.add(new Chip(c.path("part").asText(), family.name(), flash, family.pageSize(),
                            c.path("deviceId").asText()));
                }
                return new ChipRules(chips);
        }
    }
}
