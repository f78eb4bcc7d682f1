package dev.fuspath.programmer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link ProgrammerOutputParser} understood of one text: one or several STM32_Programmer_CLI runs.
 * When a log holds several runs, the scalar fields (device, interface, version...) keep the last value seen;
 * the lists keep everything in order. When {@code recognized} is false every other field is empty/null.
 *
 * @param recognized     true if the text looks like STM32CubeProgrammer output
 * @param lineCount      number of lines read (\n, \r\n and lone \r all end a line)
 * @param toolVersion    "2.14.0" from "STM32CubeProgrammer v2.14.0"
 * @param interfaceKind  SWD/JTAG (ST-LINK), USB (DFU), UART, or UNKNOWN
 * @param probeSerial    "ST-LINK SN" if any
 * @param usbSerial      "SN" of a USB DFU device if any
 * @param connectMode    "Under Reset", "Normal", "Hot Plug"...
 * @param deviceId       normalised "0x495" (from "0x495" or "0x0495")
 * @param deviceName     "STM32WB5x", "STM32WB55xx"
 * @param flashSize      parsed "Flash size" or null
 * @param banner         every recognised banner "Key : value" line, last value per key
 * @param reads          every -r32 data line
 * @param fusVersions    every FUS version read (0x20030030 / 0x20010010), in order
 * @param operations     operations in order
 * @param errors         every error line
 * @param warnings       every warning line
 * @param fusObservations every FUS state/status line, in order
 * @param applicationDfu true when the USB DFU banner says "IAP": an application's own DFU, not ST's ROM bootloader
 *                       (FUS commands are not supported there, and reads return the application's RAM)
 * @param optionBytes    option bytes listed by "-ob displ" (the "NAME : 0xVALUE" lines after "OPTION BYTES BANK"),
 *                       name upper-cased -> value; the shape of that listing is assumed (rules/programmer-output.json)
 */
public record ProgrammerSession(boolean recognized, int lineCount, String toolVersion, InterfaceKind interfaceKind,
                                String probeSerial, String usbSerial, String connectMode, String deviceId,
                                String deviceName, FlashSize flashSize, Map<String, BannerField> banner,
                                List<MemoryRead> reads, List<FusVersion> fusVersions, List<Operation> operations,
                                List<ProgrammerError> errors, List<ProgrammerError> warnings,
                                List<FusObservation> fusObservations, boolean applicationDfu,
                                Map<String, Long> optionBytes) {

    /** A session without option bytes (the form before option bytes were read by the parser). */
    public ProgrammerSession(boolean recognized, int lineCount, String toolVersion, InterfaceKind interfaceKind,
                             String probeSerial, String usbSerial, String connectMode, String deviceId,
                             String deviceName, FlashSize flashSize, Map<String, BannerField> banner,
                             List<MemoryRead> reads, List<FusVersion> fusVersions, List<Operation> operations,
                             List<ProgrammerError> errors, List<ProgrammerError> warnings,
                             List<FusObservation> fusObservations, boolean applicationDfu) {
        this(recognized, lineCount, toolVersion, interfaceKind, probeSerial, usbSerial, connectMode, deviceId,
                deviceName, flashSize, banner, reads, fusVersions, operations, errors, warnings, fusObservations,
                applicationDfu, Map.of());
    }

    public ProgrammerSession {
        optionBytes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(optionBytes));
        banner = Map.copyOf(banner);
        reads = List.copyOf(reads);
        fusVersions = List.copyOf(fusVersions);
        operations = List.copyOf(operations);
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
        fusObservations = List.copyOf(fusObservations);
    }

    static ProgrammerSession unrecognized(int lineCount) {
        return new ProgrammerSession(false, lineCount, null, InterfaceKind.UNKNOWN, null, null, null, null, null, null,
                Map.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), false);
    }

    /** The last FUS version read that is not blank (a blank word means "not readable there"), if any. */
    public Optional<FusVersion> fusVersion() {
        for (int i = fusVersions.size() - 1; i >= 0; i--) {
            if (!fusVersions.get(i).blank()) {
                return Optional.of(fusVersions.get(i));
            }
        }
        return Optional.empty();
    }

    /** address -> words of the last read at each address. */
    public Map<Long, List<Long>> readsByAddress() {
        Map<Long, List<Long>> m = new LinkedHashMap<>();
        for (MemoryRead r : reads) {
            m.put(r.address(), r.words());
        }
        return m;
    }

    public List<Operation> operations(Operation.Kind kind) {
        return operations.stream().filter(o -> o.kind() == kind).toList();
    }

    public Optional<ProgrammerError> firstError() {
        return errors.isEmpty() ? Optional.empty() : Optional.of(errors.get(0));
    }

    public boolean hasErrorCode(String code) {
        return errors.stream().anyMatch(e -> e.code().equals(code));
    }

    /** True if recognised, no error line, and no operation failed. */
    public boolean clean() {
        return recognized && errors.isEmpty() && operations.stream().noneMatch(Operation::failed);
    }
}
