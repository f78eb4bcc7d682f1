package dev.fuspath.executor;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fuspath.image.FirmwareVersion;
import java.util.Map;

/**
 * What the device said about itself in one read: the connection banner, FUS's device information table and the
 * option bytes. A field is null when the device did not say (FUS not running, option bytes not listed).
 *
 * @param deviceId    "0x495" or "0x494"
 * @param flashBytes  flash size from the banner
 * @param cpu2        what CPU2 runs, as the table's layout tells: "FUS" or "stack"; null when the table reads blank
 * @param fus         FUS version; null when the table reads blank
 * @param stack       wireless stack version; null when there is none ({@code stackInstalled == false}) or the table
 *                    reads blank
 * @param sfsaPage    the SFSA option byte: the first page of the secure area
 * @param optionBytes every "NAME : 0xVALUE" option byte listed, upper-case names
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceFacts(String deviceId, Long flashBytes, String cpu2, FirmwareVersion fus, FirmwareVersion stack,
                          Boolean stackInstalled, Integer sfsaPage, Map<String, Long> optionBytes) {

    public DeviceFacts {
        optionBytes = optionBytes == null ? Map.of() : Map.copyOf(optionBytes);
    }

    public boolean fusRunning() {
        return "FUS".equals(cpu2);
    }

    public boolean stackRunning() {
        return "stack".equals(cpu2);
    }

    /** "1M", "512K", ... as chips.json and the catalog write flash sizes. */
    public String flashLabel() {
        if (flashBytes == null) {
            return null;
        }
        return flashBytes % (1024 * 1024) == 0 ? flashBytes / (1024 * 1024) + "M" : flashBytes / 1024 + "K";
    }

    public int pageSize() {
        return "0x494".equals(deviceId) ? 2048 : 4096;
    }

    public Long sfsaAddress() {
        return sfsaPage == null ? null : 0x08000000L + (long) sfsaPage * pageSize();
    }

    /** For people: "0x495, 1M flash, FUS 1.2.0, stack 1.13.0, SFSA 0xCB (0x080CB000)". */
    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append("device ").append(deviceId == null ? "?" : deviceId);
        b.append(", ").append(flashLabel() == null ? "?" : flashLabel()).append(" flash");
        b.append(", FUS ").append(fus == null ? "unknown (the table reads blank)" : fus.toString());
        if (fus != null) {
            b.append(", stack ").append(Boolean.TRUE.equals(stackInstalled) && stack != null ? stack : "none");
            b.append(stackRunning() ? " (running)" : "");
        }
        if (sfsaPage != null) {
            b.append(String.format(", SFSA 0x%X (0x%08X)", sfsaPage, sfsaAddress()));
        }
        return b.toString();
    }
}
