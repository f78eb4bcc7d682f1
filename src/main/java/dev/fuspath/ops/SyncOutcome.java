package dev.fuspath.ops;

/** What one sync of a running service came to, fired by {@code ServiceSync} for the metrics. */
public record SyncOutcome(Kind kind, long millis) {

    /** The closed set of sync outcomes, the {@code outcome} tag of {@code fuspath_sync_total}. */
    public enum Kind {
        /** the source had new release tags (or commits): the service now serves the new catalog */
        UPDATED,
        /** the source's release tags are those of the served catalog: nothing was read or written */
        UNCHANGED,
        /** the sync failed: the service still serves the catalog it had */
        FAILED;

        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
