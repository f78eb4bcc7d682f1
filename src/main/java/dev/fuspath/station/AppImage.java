package dev.fuspath.station;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The product's own CPU1 image ({@code --app FILE[@ADDRESS]}, address 0x08000000 by default), written after the
 * coprocessor firmware with {@code -d FILE ADDRESS -v}. It must end at or below the secure area that the board will
 * have once the plan ran: the install address of the plan's stack (where the SFSA moves to), else the SFSA the board
 * reports. An image that would reach it is refused before anything is written, since CPU1 code in the stack's
 * flash kills the stack.
 */
public record AppImage(Path file, long address, long size, String sha256) {

    public static final long FLASH_BASE = 0x08000000L;
    public static final long MAX_SIZE = 2L * 1024 * 1024;

    /** Reads {@code FILE[@0xADDRESS]}; IllegalArgumentException with the reason when it cannot be used. */
    public static AppImage parse(String spec) {
        String s = spec.strip();
        long address = FLASH_BASE;
        int at = s.lastIndexOf('@');
        if (at > 0 && s.substring(at + 1).toLowerCase(Locale.ROOT).startsWith("0x")) {
            try {
                address = Long.parseLong(s.substring(at + 3), 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--app: '" + s.substring(at + 1) + "' is not an address such as"
                        + " 0x08000000");
            }
            s = s.substring(0, at);
        }
        if (address < FLASH_BASE || address >= FLASH_BASE + 0x100000L || address % 4 != 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "--app: 0x%08X is not a word-aligned"
                    + " address in the flash (0x08000000 to 0x080FFFFF)", address));
        }
        Path file = Path.of(s);
        try {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("--app: " + file + (Files.isDirectory(file) ? " is a folder"
                        : " is not a file"));
            }
            long size = Files.size(file);
            if (size == 0 || size > MAX_SIZE) {
                throw new IllegalArgumentException("--app: " + file + " has " + size + " bytes; an application image"
                        + " has 1 to " + MAX_SIZE);
            }
            byte[] bytes = Files.readAllBytes(file);
            return new AppImage(file.toAbsolutePath(), address, bytes.length,
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        } catch (IOException e) {
            throw new IllegalArgumentException("--app: cannot read " + file + ": " + e.getMessage());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public long end() {
        return address + size;
    }

    /** Why the image does not fit below {@code limit} (the secure area's start), or empty when it fits. */
    public Optional<String> overlap(long limit, String what) {
        if (end() <= limit) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "the application image %s (%d bytes at 0x%08X, up to 0x%08X)"
                + " would reach %s at 0x%08X by %d bytes; nothing was written", file.getFileName(), size, address,
                end(), what, limit, end() - limit));
    }

    public List<String> command(List<String> connection) {
        List<String> c = new java.util.ArrayList<>(connection);
        c.addAll(List.of("-d", file.toString(), String.format(Locale.ROOT, "0x%08X", address), "-v"));
        return List.copyOf(c);
    }
}
