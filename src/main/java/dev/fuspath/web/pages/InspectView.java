package dev.fuspath.web.pages;

import dev.fuspath.catalog.Catalog;
import dev.fuspath.catalog.FileNameClaims;
import dev.fuspath.inspect.Finding;
import dev.fuspath.inspect.InspectReport;
import dev.fuspath.rules.Rules;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The inspect page: the form, and after an upload what the file is, where upstream shipped it, and what its name
 * claims beside what its content is. {@code report} is null before an upload and when the upload was refused
 * ({@code problem} says why).
 */
public record InspectView(InspectReport report, String size, List<Comparison> comparisons, List<Finding> nameFindings,
                          List<Finding> otherFindings, List<Place> places, String problem) {

    /** One claim of the file name beside the content; {@code differs} when inspect found them to disagree. */
    public record Comparison(String what, String name, String content, boolean differs) {
    }

    /** A release that shipped these bytes, linking to the binary's row on its release page. */
    public record Place(String tag, String family, String file, String href) {
    }

    static final InspectView EMPTY = new InspectView(null, null, List.of(), List.of(), List.of(), List.of(), null);

    static InspectView refused(String problem) {
        return new InspectView(null, null, List.of(), List.of(), List.of(), List.of(), problem);
    }

    static InspectView of(InspectReport report) {
        List<Finding> byName = report.findings().stream().filter(f -> f.code().startsWith("name-")
                || f.code().equals("renamed") || f.code().equals("for-fus")).toList();
        List<Finding> others = report.findings().stream().filter(f -> !byName.contains(f)).toList();
        List<Place> places = report.identity().occurrences().stream()
                .map(o -> new Place(o.tag(), o.family(), o.file(),
                        "/releases/" + o.tag() + "#" + ReleaseView.anchor(o.family(), o.file())))
                .toList();
        return new InspectView(report, Pages.bytes(report.size()), comparisons(report), byName, others, places, null);
    }

    private static List<Comparison> comparisons(InspectReport report) {
        if (report.filename() == null) {
            return List.of();
        }
        FileNameClaims name = FileNameClaims.parse(report.filename(), Rules.bundled());
        if (name.kind() == null) {
            return List.of();
        }
        Set<String> codes = new LinkedHashSet<>();
        report.findings().forEach(f -> codes.add(f.code()));
        Set<String> families = new LinkedHashSet<>();
        report.identity().occurrences().stream().map(Catalog.Occurrence::family).forEach(families::add);
        List<Comparison> rows = new ArrayList<>();
        rows.add(new Comparison("family", name.family() != null ? name.family().name() : name.prefix(),
                families.isEmpty() ? null : String.join(", ", families), codes.contains("name-family-mismatch")));
        rows.add(new Comparison("kind", name.kind().label(), report.kind(), codes.contains("name-kind-mismatch")));
        if (name.stack() != null || report.stack() != null) {
            rows.add(new Comparison("stack", name.stack(), report.stack(), codes.contains("name-stack-mismatch")));
        }
        rows.add(new Comparison("version", name.version() == null ? null : name.version().toString(), report.version(),
                codes.contains("name-version-mismatch")));
        return List.copyOf(rows);
    }
}
