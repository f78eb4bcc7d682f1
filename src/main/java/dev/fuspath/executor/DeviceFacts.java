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
 * @param fus         FUS version at 0x20030030; null when FUS does not run (the word reads 0)
 * @param stack       wireless stack version at 0x20030038; null when FUS does not run, "0.0.0" never: no stack is
 *                    {@code stackInstalled == false}
 * @param sfsaPage    the SFSA option byte: the first page of the secure area
 * @param optionBytes every "NAME : 0xVALUE" option byte listed, upper-case names
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceFacts(String deviceId, Long flashBytes, FirmwareVersion fus, FirmwareVersion stack,
                          Boolean stackInstalled, Integer sfsaPage, Map<String, Long> optionBytes) {

    public DeviceFacts {
        optionBytes = optionBytes == null ? Map.of() : Map.copyOf(optionBytes);
    }

    public boolean fusRunning() {
        return fus != null;
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
        b.append(", FUS ").append(fus == null ? "not running" : fus.toString());
        if (fus != null) {
            b.append(", stack ").append(Boolean.TRUE.equals(stackInstalled) && stack != null ? stack : "none");
        }
        if (sfsaPage != null) {
            b.append(String.format(", SFSA 0x%X (0x%08X)", sfsaPage, sfsaAddress()));
        }
        return b.toString();
    }
}
