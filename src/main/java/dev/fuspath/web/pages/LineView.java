package dev.fuspath.web.pages;

import dev.fuspath.records.LineActivity;
import dev.fuspath.records.RecordSummary;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The /line page: the summary of the window (the last 24 hours, from the start of an hour), each station's activity,
 * and the boards per hour as a bar chart, all ready to print (the template does no arithmetic).
 */
public record LineView(String since, String updated, long attempts, long boards, long passedBoards, String yield,
                       String median, List<Count> byOutcome, List<Count> failures, List<Count> fus,
                       List<Count> stacks, List<StationRow> stations, Plot plot) {

    /** Hours in the window, the current one included. */
    public static final int HOURS = 24;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    public record Count(String name, long count) {
    }

    public record Breakdown(String title, List<Count> counts) {
    }

    /** The summary's four breakdowns, in the order the page shows them. */
    public List<Breakdown> breakdowns() {
        return List.of(new Breakdown("Attempts by outcome", byOutcome), new Breakdown("Failures by cause", failures),
                new Breakdown("FUS on arrival", fus), new Breakdown("Stack on arrival", stacks));
    }

    public record StationRow(String name, String lastRecord, String ago, long attempts, long boards,
                             long passedBoards, String yield, long attemptsEver) {
    }

    /**
     * The chart's geometry, in SVG user units: one bar per hour (boards), its passed part drawn over it, a label
     * every third hour, and gridlines at round counts.
     */
    public record Plot(int width, int height, int top, int bottom, String description, List<Bar> bars,
                       List<Gridline> gridlines) {
    }

    public record Bar(int x, int width, int y, int height, int passedY, int passedHeight, String label,
                      String title) {
    }

    public record Gridline(int y, long value) {
    }

    /** The window of the page at a time: from the start of the hour 23 hours before. */
    public static Instant since(Instant now) {
        return Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), 3600) * 3600).minus(Duration.ofHours(HOURS - 1));
    }

    static LineView of(RecordSummary s, LineActivity a, Instant now) {
        List<StationRow> stations = new ArrayList<>();
        for (LineActivity.Station st : a.stations()) {
            stations.add(new StationRow(st.name(), TIME.format(st.lastStartedAt()), ago(st.lastReceivedAt(), now),
                    st.attempts(), st.boards(), st.passedBoards(), st.yield().map(LineView::percent).orElse("–"),
                    st.attemptsEver()));
        }
        return new LineView(TIME.format(a.since()), TIME.format(now), s.attempts(), s.boards(), s.passedBoards(),
                s.boards() == 0 ? "–" : percent(s.yield()),
                s.medianSeconds().map(m -> String.format(Locale.ROOT, "%.1f s", m)).orElse("–"),
                counts(s.byOutcome()), counts(s.failuresByCause()), counts(s.fusOnArrival()),
                counts(s.stackOnArrival()), stations, plot(a.hours()));
    }

    private static Plot plot(List<LineActivity.Hour> hours) {
        List<LineActivity.Hour> shown = hours.size() > HOURS ? hours.subList(hours.size() - HOURS, hours.size()) : hours;
        // (hours end at the current one, so these are the window's last 24)
        int width = 720;
        int height = 220;
        int top = 10;
        int bottom = 190; // the bars' base line; the labels go below
        long max = Math.max(1, shown.stream().mapToLong(LineActivity.Hour::boards).max().orElse(0));
        long step = niceStep(max);
        long scaleMax = ((max + step - 1) / step) * step;
        int slot = shown.isEmpty() ? width : width / Math.max(HOURS, shown.size());
        List<Bar> bars = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < shown.size(); i++) {
            LineActivity.Hour h = shown.get(i);
            total += h.boards();
            int barHeight = (int) Math.round((double) h.boards() * (bottom - top) / scaleMax);
            int passedHeight = (int) Math.round((double) h.passedBoards() * (bottom - top) / scaleMax);
            bars.add(new Bar(i * slot + 2, slot - 4, bottom - barHeight, barHeight, bottom - passedHeight,
                    passedHeight, i % 3 == 0 ? HOUR.format(h.start()) : "",
                    HOUR.format(h.start()) + ":00 UTC: " + h.boards() + " boards, " + h.passedBoards() + " passed"));
        }
        List<Gridline> grid = new ArrayList<>();
        for (long v = step; v <= scaleMax; v += step) {
            grid.add(new Gridline(bottom - (int) Math.round((double) v * (bottom - top) / scaleMax), v));
        }
        String description = "Boards per hour over the last " + shown.size() + " hours: " + total
                + " board-hours in all, at most " + (shown.isEmpty() ? 0 : max) + " in an hour.";
        return new Plot(width, height, top, bottom, description, bars, grid);
    }

    /** 1, 2 or 5 times a power of ten, so that about four gridlines cover max. */
    private static long niceStep(long max) {
        long step = 1;
        while (true) {
            for (long m : new long[] {1, 2, 5}) {
                if (max <= m * step * 4) {
                    return m * step;
                }
            }
            step *= 10;
        }
    }

    private static List<Count> counts(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> new Count(e.getKey(), e.getValue())).toList();
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f %%", ratio * 100);
    }

    private static String ago(Instant then, Instant now) {
        long s = Math.max(0, Duration.between(then, now).getSeconds());
        return s < 90 ? s + " s ago" : s < 5400 ? (s / 60) + " min ago" : s < 172_800 ? (s / 3600) + " h ago"
                : (s / 86_400) + " days ago";
    }
}
