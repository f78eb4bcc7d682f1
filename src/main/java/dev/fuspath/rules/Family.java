package dev.fuspath.rules;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A coprocessor family folder (STM32WB5x, STM32WB3x, STM32WB1x) and its flash facts.
 *
 * @param flashSizes flash size label ({@code 1M}, {@code 512K}, ...) to bytes, in release-notes column order
 */
public record Family(String name, String filePrefix, int pageSize, Map<String, Long> flashSizes) {

    public Family {
        flashSizes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(flashSizes));
    }

    public long roundUpToPages(long bytes) {
        return (bytes + pageSize - 1) / pageSize * pageSize;
    }
}
