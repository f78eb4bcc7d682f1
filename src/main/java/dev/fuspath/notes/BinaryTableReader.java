package dev.fuspath.notes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/** Turns one HTML table of a release section into a {@link NotesTable}. */
final class BinaryTableReader {
    private static final int MAX_ROWS = 2_000;
    private static final int MAX_COLUMNS = 64;
    private static final int MAX_ROWSPAN = 500;
    /** Longer cell texts are cut: no real cell comes near, and it bounds the cost of the regular expressions. */
    private static final int MAX_CELL_CHARS = 1_000;
    private static final Pattern BIN_FILE = Pattern.compile("(?i)[^\\s()\\[\\]<>\"',;]{1,200}\\.bin\\b");
    private static final Pattern FUS_FILE = Pattern.compile("(?i)(^|_)fus(_|\\.)");
    /** Label of a lone "Install address" column: the first notes only covered the 1 MB STM32WB55xG. */
    static final String SINGLE_COLUMN_LABEL = "1M";

    private enum Role { FILE, FLASH, DEVICE, ADDRESS, COMPATIBILITY, VERSION, DATE, UNKNOWN }

    private record Column(Role role, String label) {
    }

    private record Cell(String text) {
        static final Cell EMPTY = new Cell("");
    }

    private record GridRow(List<Cell> cells, boolean header) {
        Cell at(int column) {
            return column < cells.size() ? cells.get(column) : Cell.EMPTY;
        }

        boolean isBlank() {
            return cells.stream().allMatch(cell -> cell.text().isEmpty());
        }

        String text() {
            return String.join(" | ", cells.stream().map(Cell::text).toList());
        }
    }

    private final String where;
    private final List<String> warnings;
    private int zeroPlaceholders;
    private int emptyAddressCells;

    private BinaryTableReader(String where, List<String> warnings) {
        this.where = where;
        this.warnings = warnings;
    }

    /** Reads the table; empty (with a warning) when it is not a table of binaries with install addresses. */
    static Optional<NotesTable> read(Element table, String caption, String where, List<String> warnings) {
        return new BinaryTableReader(where, warnings).read(table, caption);
    }

    private Optional<NotesTable> read(Element table, String caption) {
        List<GridRow> grid = grid(table);
        int headerRows = headerRowCount(grid);
        List<GridRow> body = grid.subList(headerRows, grid.size());
        int width = grid.stream().mapToInt(row -> row.cells().size()).max().orElse(0);
        int fileColumn = fileColumn(body, width);
        if (fileColumn < 0) {
            warn("ignored, it names no .bin file");
            return Optional.empty();
        }
        List<String> headers = new ArrayList<>();
        for (int column = 0; column < width; column++) {
            headers.add(headerText(grid.subList(0, headerRows), column));
        }
        List<Column> columns = columns(headers, fileColumn);
        if (columns.stream().noneMatch(c -> c.role() == Role.FLASH || c.role() == Role.ADDRESS)) {
            warn("ignored, no install address column in header " + headers);
            return Optional.empty();
        }
        boolean perDeviceRows = columns.stream().anyMatch(c -> c.role() == Role.DEVICE);
        List<NotesRow> rows = rows(body, columns, fileColumn, perDeviceRows);
        List<String> flashLabels = perDeviceRows ? labelsInRowOrder(rows) : columnLabels(columns);
        if (!perDeviceRows && columns.stream().anyMatch(c -> c.role() == Role.ADDRESS && SINGLE_COLUMN_LABEL.equals(c.label()))
                && rows.stream().anyMatch(row -> !row.file().toLowerCase(Locale.ROOT).startsWith("stm32wb5"))) {
            warn("single install-address column labelled " + SINGLE_COLUMN_LABEL + " but not all files are stm32wb5x");
        }
        if (zeroPlaceholders > 0) {
            warn(zeroPlaceholders + " cell(s) '0x00' read as not available");
        }
        if (emptyAddressCells > 0) {
            warn(emptyAddressCells + " empty address cell(s)");
        }
        TableKind kind = kind(rows, headers.get(fileColumn), caption);
        return Optional.of(new NotesTable(kind, caption, flashLabels, rows));
    }

    // ---- grid: rows x columns with rowspan/colspan expanded

    private static List<GridRow> grid(Element table) {
        List<GridRow> grid = new ArrayList<>();
        Map<Integer, int[]> rowsLeftByColumn = new HashMap<>();
        Map<Integer, Cell> spannedCellByColumn = new HashMap<>();
        for (Element tr : tableRows(table)) {
            List<Element> cellElements = tr.children().stream()
                    .filter(c -> c.normalName().equals("td") || c.normalName().equals("th")).toList();
            boolean header = tr.parent() != null && tr.parent().normalName().equals("thead")
                    || !cellElements.isEmpty() && cellElements.stream().allMatch(c -> c.normalName().equals("th"));
            List<Cell> line = new ArrayList<>();
            Iterator<Element> next = cellElements.iterator();
            int column = 0;
            while (column < MAX_COLUMNS && (next.hasNext() || hasSpanAtOrAfter(rowsLeftByColumn, column))) {
                if (rowsLeftByColumn.containsKey(column)) {
                    line.add(spannedCellByColumn.get(column));
                    if (--rowsLeftByColumn.get(column)[0] == 0) {
                        rowsLeftByColumn.remove(column);
                    }
                    column++;
                    continue;
                }
                if (!next.hasNext()) {
                    line.add(Cell.EMPTY);
                    column++;
                    continue;
                }
                Element element = next.next();
                String text = Cells.clean(element.text());
                Cell cell = new Cell(text.length() > MAX_CELL_CHARS ? text.substring(0, MAX_CELL_CHARS) : text);
                int rowspan = span(element, "rowspan", MAX_ROWSPAN);
                int colspan = span(element, "colspan", MAX_COLUMNS);
                for (int i = 0; i < colspan && column < MAX_COLUMNS; i++, column++) {
                    line.add(cell);
                    if (rowspan > 1) {
                        rowsLeftByColumn.put(column, new int[] {rowspan - 1});
                        spannedCellByColumn.put(column, cell);
                    }
                }
            }
            grid.add(new GridRow(line, header));
            if (grid.size() >= MAX_ROWS) {
                break;
            }
        }
        return grid;
    }

    private static List<Element> tableRows(Element table) {
        List<Element> rows = new ArrayList<>();
        for (Element child : table.children()) {
            switch (child.normalName()) {
                case "tr" -> rows.add(child);
                case "thead", "tbody", "tfoot" -> child.children().stream()
                        .filter(row -> row.normalName().equals("tr")).forEach(rows::add);
                default -> { }
            }
        }
        return rows;
    }

    private static boolean hasSpanAtOrAfter(Map<Integer, int[]> rowsLeftByColumn, int column) {
        return rowsLeftByColumn.keySet().stream().anyMatch(c -> c >= column);
    }

    private static int span(Element cell, String attribute, int max) {
        try {
            int span = Integer.parseInt(cell.attr(attribute).trim());
            return Math.max(1, Math.min(span, max));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static int headerRowCount(List<GridRow> grid) {
        int count = 0;
        while (count < grid.size() && grid.get(count).header()) {
            count++;
        }
        if (count == 0 && !grid.isEmpty() && !BIN_FILE.matcher(grid.get(0).text()).find()) {
            return 1;
        }
        return count;
    }

    private static String headerText(List<GridRow> headerRows, int column) {
        Set<String> parts = new LinkedHashSet<>();
        for (GridRow row : headerRows) {
            String text = row.at(column).text();
            if (!text.isEmpty()) {
                parts.add(text);
            }
        }
        return String.join(" ", parts);
    }

    // ---- columns

    /** The column whose cells most often name a .bin file, or -1. */
    private static int fileColumn(List<GridRow> body, int width) {
        int best = -1;
        long bestCount = 0;
        for (int column = 0; column < width; column++) {
            int c = column;
            long count = body.stream().filter(row -> BIN_FILE.matcher(row.at(c).text()).find()).count();
            if (count > bestCount) {
                best = column;
                bestCount = count;
            }
        }
        return best;
    }

    private List<Column> columns(List<String> headers, int fileColumn) {
        List<Column> columns = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (int column = 0; column < headers.size(); column++) {
            String header = headers.get(column);
            String lower = header.toLowerCase(Locale.ROOT);
            String label = Cells.flashLabel(header);
            Role role;
            if (column == fileColumn) {
                role = Role.FILE;
            } else if (lower.contains("compat")) {
                role = Role.COMPATIBILITY;
            } else if (lower.matches(".*\\bversions?\\b.*|ver\\.?")) {
                role = Role.VERSION;
            } else if (lower.matches(".*\\bdates?\\b.*")) {
                role = Role.DATE;
            } else if (lower.contains("device") || lower.matches("parts?( numbers?)?")) {
                role = Role.DEVICE;
            } else if (label != null) {
                role = Role.FLASH;
            } else if (lower.contains("address")) {
                role = Role.ADDRESS;
            } else {
                role = Role.UNKNOWN;
                unknown.add(header);
            }
            columns.add(new Column(role, role == Role.FLASH ? label : null));
        }
        if (!unknown.isEmpty()) {
            warn("column(s) not understood and ignored: " + unknown);
        }
        List<Integer> addressColumns = new ArrayList<>();
        for (int column = 0; column < columns.size(); column++) {
            if (columns.get(column).role() == Role.ADDRESS) {
                addressColumns.add(column);
            }
        }
        boolean perDeviceRows = columns.stream().anyMatch(c -> c.role() == Role.DEVICE);
        if (!perDeviceRows && addressColumns.size() == 1) {
            columns.set(addressColumns.get(0), new Column(Role.ADDRESS, SINGLE_COLUMN_LABEL));
        } else if (!perDeviceRows && addressColumns.size() > 1) {
            warn("several address columns without a flash size, labelled by their header text");
            for (int column : addressColumns) {
                columns.set(column, new Column(Role.ADDRESS, headers.get(column)));
            }
        }
        Set<String> seenLabels = new HashSet<>();
        for (Column column : columns) {
            if (column.label() != null && !seenLabels.add(column.label())) {
                warn("two address columns for " + column.label() + "; the second one's addresses go to remarks");
            }
        }
        return columns;
    }

    private static List<String> columnLabels(List<Column> columns) {
        Set<String> labels = new LinkedHashSet<>();
        columns.stream().filter(c -> c.label() != null).forEach(c -> labels.add(c.label()));
        return List.copyOf(labels);
    }

    private static List<String> labelsInRowOrder(List<NotesRow> rows) {
        Set<String> labels = new LinkedHashSet<>();
        for (NotesRow row : rows) {
            labels.addAll(row.addresses().keySet());
            labels.addAll(row.notAvailable());
        }
        return List.copyOf(labels);
    }

    // ---- rows

    private List<NotesRow> rows(List<GridRow> body, List<Column> columns, int fileColumn, boolean perDeviceRows) {
        boolean severalLabels = perDeviceRows || columns.stream().filter(c -> c.label() != null).count() > 1;
        Map<String, RowBuilder> rows = new LinkedHashMap<>();
        Set<String> files = new HashSet<>();
        for (GridRow gridRow : body) {
            String fileText = gridRow.at(fileColumn).text();
            Matcher file = BIN_FILE.matcher(fileText);
            if (!file.find()) {
                if (!gridRow.isBlank()) {
                    warn("row skipped, no .bin file name: " + abbreviate(gridRow.text()));
                }
                continue;
            }
            RowBuilder row = new RowBuilder(file.group(), severalLabels);
            row.addRemark(null, fileText.substring(0, file.start()) + " " + fileText.substring(file.end()));
            String deviceLabel = null;
            for (int column = 0; column < columns.size(); column++) {
                String text = gridRow.at(column).text();
                switch (columns.get(column).role()) {
                    case VERSION -> row.setVersion(text);
                    case COMPATIBILITY -> row.setCompatibility(text);
                    case DEVICE -> deviceLabel = deviceLabel(text);
                    default -> { }
                }
            }
            for (int column = 0; column < columns.size(); column++) {
                Column role = columns.get(column);
                String text = gridRow.at(column).text();
                if (role.role() == Role.FLASH || role.role() == Role.ADDRESS && !perDeviceRows) {
                    addAddress(row, role.label(), text);
                } else if (role.role() == Role.ADDRESS) {
                    addAddress(row, deviceLabel == null ? "?" : deviceLabel, text);
                }
            }
            if (row.rawVersion != null && row.version == null && !row.rawVersion.isEmpty()) {
                warn(row.file + ": no version number in '" + row.rawVersion + "'");
            }
            String key = perDeviceRows ? row.file + '\u0000' + row.version + '\u0000' + row.rawCompatibility
                    : Integer.toString(rows.size());
            RowBuilder existing = rows.get(key);
            if (existing != null) {
                existing.merge(row);
                continue;
            }
            if (!files.add(row.file) && !perDeviceRows) {
                warn(row.file + " is listed more than once");
            }
            rows.put(key, row);
        }
        return rows.values().stream().map(RowBuilder::toRow).toList();
    }

    private String deviceLabel(String deviceText) {
        String label = Cells.flashLabel(deviceText);
        if (label == null) {
            warn("device '" + deviceText + "' has no flash size, used as label");
            return deviceText.isEmpty() ? "?" : deviceText;
        }
        return label;
    }

    private void addAddress(RowBuilder row, String label, String text) {
        Cells.AddressCell cell = Cells.address(text);
        if (cell.zeroPlaceholder()) {
            zeroPlaceholders++;
        }
        if (cell == Cells.AddressCell.EMPTY) {
            emptyAddressCells++;
            return;
        }
        if (cell.address() == null && !cell.notAvailable()) {
            warn(row.file + ": no flash address in " + label + " cell '" + abbreviate(text) + "'");
        }
        row.addAddress(label, cell);
    }

    /** Accumulates one output row; per-device tables merge several HTML rows into one. */
    private final class RowBuilder {
        final String file;
        final boolean labelRemarks;
        final Map<String, String> addresses = new LinkedHashMap<>();
        final List<String> notAvailable = new ArrayList<>();
        final List<String> remarks = new ArrayList<>();
        String version;
        String rawVersion;
        boolean fusV2Only;
        String rawCompatibility;

        RowBuilder(String file, boolean labelRemarks) {
            this.file = file;
            this.labelRemarks = labelRemarks;
        }

        void setVersion(String text) {
            if (rawVersion == null) {
                rawVersion = text;
                version = Cells.version(text);
            }
        }

        void setCompatibility(String text) {
            if (rawCompatibility == null) {
                rawCompatibility = text;
                fusV2Only = Cells.isFusV2Only(text);
            }
        }

        void addAddress(String label, Cells.AddressCell cell) {
            if (cell.address() != null) {
                if (addresses.containsKey(label)) {
                    addRemark(label, "also " + cell.address());
                } else {
                    addresses.put(label, cell.address());
                }
            } else if (cell.notAvailable() && !notAvailable.contains(label) && !addresses.containsKey(label)) {
                notAvailable.add(label);
            }
            addRemark(label, cell.remark());
        }

        void addRemark(String label, String text) {
            String remark = Cells.remarkOrNull(text);
            if (remark == null) {
                return;
            }
            String labelled = label != null && labelRemarks ? label + ": " + remark : remark;
            if (!remarks.contains(labelled)) {
                remarks.add(labelled);
            }
        }

        void merge(RowBuilder other) {
            other.addresses.forEach((label, address) ->
                    addAddress(label, new Cells.AddressCell(address, false, false, null)));
            other.notAvailable.forEach(label ->
                    addAddress(label, new Cells.AddressCell(null, true, false, null)));
            other.remarks.forEach(remark -> {
                if (!remarks.contains(remark)) {
                    remarks.add(remark);
                }
            });
        }

        NotesRow toRow() {
            String remark = remarks.isEmpty() ? null : String.join("; ", remarks);
            return new NotesRow(file, addresses, notAvailable, remark, version,
                    rawVersion == null || rawVersion.isEmpty() ? null : rawVersion, fusV2Only, rawCompatibility);
        }
    }

    // ---- kind

    private TableKind kind(List<NotesRow> rows, String fileHeader, String caption) {
        long fus = rows.stream().filter(row -> FUS_FILE.matcher(row.file()).find()).count();
        long safeboot = rows.stream().filter(row -> row.file().toLowerCase(Locale.ROOT).contains("safeboot")).count();
        if (!rows.isEmpty() && fus == rows.size()) {
            return TableKind.FUS;
        }
        if (!rows.isEmpty() && safeboot == rows.size()) {
            return TableKind.SAFEBOOT;
        }
        if (!rows.isEmpty() && fus == 0 && safeboot == 0) {
            return TableKind.STACK;
        }
        String text = (fileHeader + " " + (caption == null ? "" : caption)).toLowerCase(Locale.ROOT);
        TableKind kind = text.contains("safeboot") ? TableKind.SAFEBOOT
                : text.contains("upgrade services") || text.matches(".*\\bfus\\b.*") ? TableKind.FUS
                : text.contains("wireless") || text.contains("coprocessor") || text.contains("stack") ? TableKind.STACK
                : TableKind.OTHER;
        if (!rows.isEmpty()) {
            warn("mixes FUS, Safeboot and stack files; kind " + kind + " taken from header and caption");
        }
        return kind;
    }

    private void warn(String message) {
        warnings.add(where + ": " + message);
    }

    private static String abbreviate(String text) {
        return text.length() <= 100 ? text : text.substring(0, 97) + "...";
    }
}
