package dev.fuspath.notes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Reads the binary tables of one release section of an STM32CubeWB coprocessor-binaries {@code Release_Notes.html}.
 *
 * <p>A section starts at a heading such as "V1.24.0 / 23-October-2025" (a pandoc collapse {@code <label>} in all
 * known notes; headings h1-h6, summary, p, b and strong are accepted too) below the "Update History" heading,
 * and ends at the next heading of the same kind.
 */
public final class ReleaseNotesParser {
    private static final Pattern HEADING = Pattern.compile(
            "(?i)^(?:version\\s*|rev(?:ision)?\\.?\\s*)?v?\\s?(\\d+\\.\\d+(?:\\.\\d+){0,2})\\s*(?:[/|:,\u2013\u2014-]\\s*|\\s+)(.*\\d{4}.*)$");
    private static final Pattern REQUESTED_VERSION = Pattern.compile("[vV]?\\s*(\\d+(?:\\.\\d+)+)");
    private static final Pattern HISTORY_TITLE = Pattern.compile("(?i)\\b(update|revision|release) history\\b");
    private static final Set<String> HEADING_TAGS =
            Set.of("label", "summary", "h1", "h2", "h3", "h4", "h5", "h6", "p", "b", "strong", "dt", "button");
    private static final Set<String> BLOCK_HEADING_TAGS = Set.of("label", "summary", "h1", "h2", "h3", "h4", "h5", "h6");
    private static final int MAX_HEADING_CHARS = 120;

    private ReleaseNotesParser() {
    }

    /** Parse the section of release {@code releaseVersion} ("1.13.1" for tag v1.13.1) from one family's notes. */
    public static NotesSection parse(String html, String releaseVersion) throws NotesFormatException {
        String wanted = requestedVersion(releaseVersion);
        if (html == null || html.isBlank()) {
            throw new NotesFormatException("release " + wanted + ": the notes are empty");
        }
        try {
            return parseDocument(Jsoup.parse(html), wanted);
        } catch (RuntimeException | StackOverflowError e) {
            throw new NotesFormatException("release " + wanted + ": notes not understood (" + e + ")", e);
        }
    }

    /** Versions of all release sections, newest first as in the notes; empty when there are none or on bad input. */
    public static List<String> sectionVersions(String html) {
        try {
            return html == null ? List.of() : sections(Jsoup.parse(html)).stream().map(Section::version).toList();
        } catch (RuntimeException | StackOverflowError e) {
            return List.of();
        }
    }

    /** Same as {@link #parse(String, String)} on an already parsed document, for reading many sections of one file. */
    static NotesSection parseDocument(Document document, String releaseVersion) throws NotesFormatException {
        String wanted = requestedVersion(releaseVersion);
        try {
            List<Section> sections = sections(document);
            if (sections.isEmpty()) {
                throw new NotesFormatException("release " + wanted
                        + ": no release section heading like 'V1.2.3 / 05-April-2019' found in the notes");
            }
            List<String> warnings = new ArrayList<>();
            Section section = pick(sections, wanted, warnings);
            List<NotesTable> tables = readTables(section, warnings);
            if (tables.stream().allMatch(table -> table.rows().isEmpty())) {
                throw new NotesFormatException("release " + wanted + ": section '" + section.heading()
                        + "' has no binary table that could be read (" + section.tables().size()
                        + " table(s) seen" + (warnings.isEmpty() ? "" : "; " + String.join("; ", warnings)) + ")");
            }
            String date = Cells.isoDate(section.dateText());
            if (date == null) {
                warnings.add("heading '" + section.heading() + "': date not understood");
            }
            return new NotesSection(wanted, date, section.heading(), tables, warnings);
        } catch (RuntimeException | StackOverflowError e) {
            throw new NotesFormatException("release " + wanted + ": notes not understood (" + e + ")", e);
        }
    }

    private static String requestedVersion(String releaseVersion) throws NotesFormatException {
        Matcher matcher = REQUESTED_VERSION.matcher(releaseVersion == null ? "" : releaseVersion.trim());
        if (!matcher.matches()) {
            throw new NotesFormatException("'" + releaseVersion + "' is not a release version like 1.13.1");
        }
        return matcher.group(1);
    }

    private record Section(String version, String heading, String dateText, List<Element> tables) {
    }

    private static Section pick(List<Section> sections, String wanted, List<String> warnings)
            throws NotesFormatException {
        List<Section> headed = sections.stream().filter(s -> s.version().equals(wanted)).toList();
        if (!headed.isEmpty()) {
            if (headed.size() > 1) {
                warnings.add(headed.size() + " sections are headed V" + wanted + "; the first one is read");
            }
            return headed.get(0);
        }
        // Known typo: the STM32WB3x notes of v1.9.0 head the 1.9.0 section "V1.8.0 / 21-September-2020".
        Map<String, Integer> headingCount = new HashMap<>();
        sections.forEach(s -> headingCount.merge(s.version(), 1, Integer::sum));
        for (Section section : sections) {
            if (headingCount.get(section.version()) > 1 && wanted.equals(mostCommonStackVersion(section))) {
                warnings.add("no section headed V" + wanted + "; section '" + section.heading()
                        + "' is read instead: its heading repeats another one and its stacks are version " + wanted);
                return section;
            }
        }
        throw new NotesFormatException("release " + wanted + ": no section headed V" + wanted
                + " in the notes (sections: " + String.join(", ", sections.stream().map(Section::version).toList()) + ")");
    }

    private static String mostCommonStackVersion(Section section) {
        Map<String, Integer> counts = new HashMap<>();
        for (NotesTable table : readTables(section, new ArrayList<>())) {
            if (table.kind() == TableKind.STACK) {
                table.rows().stream().filter(row -> row.version() != null)
                        .forEach(row -> counts.merge(row.version(), 1, Integer::sum));
            }
        }
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }

    private static List<NotesTable> readTables(Section section, List<String> warnings) {
        List<NotesTable> tables = new ArrayList<>();
        int number = 0;
        for (Element table : section.tables()) {
            number++;
            BinaryTableReader.read(table, caption(table), "table " + number, warnings).ifPresent(tables::add);
        }
        return tables;
    }

    private static String caption(Element table) {
        Element previous = table.previousElementSibling();
        if (previous == null || !Set.of("p", "div", "h2", "h3", "h4", "h5", "h6").contains(previous.normalName())) {
            return null;
        }
        String text = Cells.clean(previous.text());
        return text.isEmpty() || text.length() > 500 ? null : text;
    }

    /**
     * Release sections in document order, each with the top-level tables between its heading and the next one;
     * only headings after the "Update History" title count, unless there are none there.
     */
    private static List<Section> sections(Document document) {
        Element history = document.getAllElements().stream()
                .filter(e -> e.normalName().matches("h[1-6]"))
                .filter(e -> HISTORY_TITLE.matcher(Objects.requireNonNullElse(shortText(e, MAX_HEADING_CHARS), "")).find())
                .findFirst().orElse(null);
        List<Section> sections = sectionsAfter(document, history);
        return sections.isEmpty() && history != null ? sectionsAfter(document, null) : sections;
    }

    private static List<Section> sectionsAfter(Document document, Element history) {
        List<Section> sections = new ArrayList<>();
        NodeTraversor.traverse(new NodeVisitor() {
            boolean started = history == null;
            Element skipped;
            Element heading;
            Section current;

            @Override
            public void head(Node node, int depth) {
                if (!(node instanceof Element element) || skipped != null) {
                    return;
                }
                if (!started) {
                    started = element == history;
                    return;
                }
                Matcher matcher = headingMatcher(element);
                if (matcher != null) {
                    current = new Section(matcher.group(1), matcher.group(0), matcher.group(2), new ArrayList<>());
                    sections.add(current);
                    heading = element;
                    skipped = element;
                } else if (current != null && endsSection(element, heading)) {
                    current = null;
                } else if (element.normalName().equals("table")) {
                    if (current != null) {
                        current.tables().add(element);
                    }
                    skipped = element;
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node == skipped) {
                    skipped = null;
                }
            }
        }, document);
        return Collections.unmodifiableList(sections);
    }

    private static Matcher headingMatcher(Element element) {
        if (!HEADING_TAGS.contains(element.normalName())) {
            return null;
        }
        String text = shortText(element, MAX_HEADING_CHARS);
        if (text == null) {
            return null;
        }
        Matcher matcher = HEADING.matcher(text);
        return matcher.matches() ? matcher : null;
    }

    /** The element's cleaned text, or null when longer than {@code max}; long elements are not read to the end. */
    private static String shortText(Element element, int max) {
        StringBuilder text = new StringBuilder();
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (node instanceof TextNode textNode) {
                    text.append(textNode.getWholeText());
                } else if (node instanceof Element child && (child.isBlock() || child.normalName().equals("br"))) {
                    text.append(' ');
                }
                return text.length() > 4 * max ? FilterResult.STOP : FilterResult.CONTINUE;
            }
        }, element);
        String cleaned = Cells.clean(text.toString());
        return cleaned.length() > max ? null : cleaned;
    }

    private static boolean endsSection(Element element, Element heading) {
        String tag = element.normalName();
        String headingTag = heading.normalName();
        if (tag.equals("h1") || tag.equals(headingTag) && BLOCK_HEADING_TAGS.contains(tag)) {
            return true;
        }
        return tag.matches("h[1-6]") && headingTag.matches("h[1-6]") && tag.compareTo(headingTag) < 0;
    }
}
