package dev.fuspath.records;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which station a bearer token belongs to. The service keeps only each token's SHA-256 (configured as
 * {@code fuspath.records.tokens.STATION=SHA256}), never the token; a presented token is hashed and compared with every
 * configured hash in constant time, so neither the answer's timing nor the log tells anything of a token.
 */
public final class StationTokens {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern STATION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final Map<String, byte[]> hashes;

    /** station name to the lower-case hex SHA-256 of its token; an invalid entry is an IllegalArgumentException. */
    public StationTokens(Map<String, String> stationToSha256) {
        Map<String, byte[]> map = new LinkedHashMap<>();
        stationToSha256.forEach((station, hex) -> {
            String h = hex.trim().toLowerCase(Locale.ROOT);
            if (!STATION.matcher(station).matches()) {
                throw new IllegalArgumentException("fuspath.records.tokens." + station + ": not a station name");
            }
            if (!SHA256.matcher(h).matches()) {
                throw new IllegalArgumentException("fuspath.records.tokens." + station
                        + ": must be the SHA-256 of the station's token, 64 hexadecimal digits (sha256sum)");
            }
            map.put(station, HexFormat.of().parseHex(h));
        });
        this.hashes = Map.copyOf(map);
    }

    public boolean isEmpty() {
        return hashes.isEmpty();
    }

    /** The station the token belongs to, if any. Every configured hash is compared, whatever matches first. */
    public Optional<String> station(String token) {
        if (token == null || token.isEmpty() || token.length() > 512) {
            return Optional.empty();
        }
        byte[] presented = sha256(token);
        String found = null;
        for (Map.Entry<String, byte[]> e : hashes.entrySet()) {
            if (MessageDigest.isEqual(presented, e.getValue()) && found == null) {
                found = e.getKey();
            }
        }
        return Optional.ofNullable(found);
    }

    public static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256Hex(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }
}
