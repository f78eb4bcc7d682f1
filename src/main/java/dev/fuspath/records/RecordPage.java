package dev.fuspath.records;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/** One page of stored records (their JSON as uploaded, canonical) and the cursor of the next page, if any. */
public record RecordPage(List<JsonNode> records, Optional<RecordQuery.Cursor> next) {
}
