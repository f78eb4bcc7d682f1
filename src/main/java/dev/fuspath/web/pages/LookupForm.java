package dev.fuspath.web.pages;

import dev.fuspath.planner.Planner;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the lookup form holds, as typed: the query of {@code /plan}, and of {@code /api/v1/plan} with the same names.
 * Values are kept as given (only stripped) so a refused lookup shows the form as it was sent.
 */
public record LookupForm(String chip, String fus, String stack, String target, String release, String iface) {

    /** Query parameter names in form order, with the longest value each takes (as the JSON API). */
    static final Map<String, Integer> LIMITS = limits();

    private static Map<String, Integer> limits() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("chip", 40);
        m.put("fus", 20);
        m.put("stack", 100);
        m.put("target", 100);
        m.put("release", 20);
        m.put("interface", 10);
        return java.util.Collections.unmodifiableMap(m);
    }

    public LookupForm {
        chip = clean(chip);
        fus = clean(fus);
        stack = clean(stack);
        target = clean(target);
        release = clean(release);
        iface = clean(iface);
    }

    private static String clean(String value) {
        return value == null ? "" : value.strip();
    }

    String value(String name) {
        return switch (name) {
            case "chip" -> chip;
            case "fus" -> fus;
            case "stack" -> stack;
            case "target" -> target;
            case "release" -> release;
            case "interface" -> iface;
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** The form with one field changed. */
    LookupForm with(String name, String value) {
        return new LookupForm(name.equals("chip") ? value : chip, name.equals("fus") ? value : fus,
                name.equals("stack") ? value : stack, name.equals("target") ? value : target,
                name.equals("release") ? value : release, name.equals("interface") ? value : iface);
    }

    /** One message per field longer than it may be; empty when all fit. */
    List<String> tooLong() {
        List<String> problems = new ArrayList<>();
        LIMITS.forEach((name, max) -> {
            if (value(name).length() > max) {
                problems.add(name + " must be at most " + max + " characters (it has " + value(name).length() + ")");
            }
        });
        return problems;
    }

    /** The form cut to the lengths it takes, to be shown again without echoing a flood. */
    LookupForm clipped() {
        LookupForm f = this;
        for (Map.Entry<String, Integer> e : LIMITS.entrySet()) {
            String v = value(e.getKey());
            if (v.length() > e.getValue()) {
                f = f.with(e.getKey(), v.substring(0, e.getValue()));
            }
        }
        return f;
    }

    boolean blank() {
        return LIMITS.keySet().stream().filter(n -> !n.equals("interface")).allMatch(n -> value(n).isEmpty());
    }

    public boolean usb() {
        return dev.fuspath.programmer.InterfaceKind.ofOption(iface).orElse(null) == dev.fuspath.programmer.InterfaceKind.USB;
    }

    Planner.Request request() {
        return new Planner.Request(chip, fus, stack.isEmpty() ? null : stack, target.isEmpty() ? null : target,
                release.isEmpty() ? null : release, iface.isEmpty() ? null : iface, false, false);
    }

    /** The query string of the non-empty fields, e.g. {@code chip=STM32WB55RG&fus=0.5.3}. */
    public String query() {
        StringBuilder q = new StringBuilder();
        for (String name : LIMITS.keySet()) {
            String v = value(name);
            if (!v.isEmpty()) {
                q.append(q.isEmpty() ? "" : "&").append(name).append('=')
                        .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        }
        return q.toString();
    }
}
