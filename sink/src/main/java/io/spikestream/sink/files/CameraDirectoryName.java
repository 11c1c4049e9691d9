package io.spikestream.sink.files;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maps a camera id (any string from a Kafka record) to a safe, readable, collision-free directory name.
 *
 * <p>An id made only of {@code [a-z0-9._-]}, at most {@value #MAX_READABLE} characters, not starting with
 * {@code '.'} or {@code '-'}, not ending with {@code '.'} and not a Windows device name (CON, NUL, COM1, ...)
 * is used as it is. Any other id becomes {@code <readable>~<16 hex>}: the readable part keeps the safe
 * characters (others, including separators, control characters and non-ASCII, become {@code '_'}; leading
 * dots and dashes become {@code '_'}; cut to {@value #MAX_READABLE} characters; {@code camera} when empty), and the suffix is the first
 * 64 bits of SHA-256 of the id's UTF-8 bytes. Because {@code '~'} and upper case never occur in an unchanged
 * id, an unchanged id cannot equal a changed one, even on case-insensitive file systems; two changed ids
 * collide only if their hashes do. Names are at most 81 characters and never contain a separator.
 */
public final class CameraDirectoryName {

    /** Longest readable part kept from an id. */
    public static final int MAX_READABLE = 64;

    private static final Pattern KEPT_AS_IS = Pattern.compile("[a-z0-9_][a-z0-9._-]*");
    private static final Pattern UNSAFE_CHAR = Pattern.compile("[^A-Za-z0-9._-]");
    private static final Pattern LEADING = Pattern.compile("^[.-]+");
    private static final Set<String> WINDOWS_DEVICES = Set.of("con", "prn", "aux", "nul",
            "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
            "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");

    private CameraDirectoryName() {
    }

    /** The directory name of {@code cameraId}; deterministic, never empty. */
    public static String of(String cameraId) {
        if (keptAsIs(cameraId)) {
            return cameraId;
        }
        return readablePart(cameraId) + "~" + hash(cameraId);
    }

    private static boolean keptAsIs(String id) {
        return id.length() <= MAX_READABLE
                && KEPT_AS_IS.matcher(id).matches()
                && !id.endsWith(".")
                && !isWindowsDevice(id);
    }

    private static boolean isWindowsDevice(String id) {
        int dot = id.indexOf('.');
        String stem = (dot < 0 ? id : id.substring(0, dot)).toLowerCase(Locale.ROOT);
        return WINDOWS_DEVICES.contains(stem);
    }

    private static String readablePart(String id) {
        String safe = UNSAFE_CHAR.matcher(id).replaceAll("_");
        safe = LEADING.matcher(safe).replaceAll(m -> "_".repeat(m.group().length()));
        if (safe.isEmpty()) {
            return "camera";
        }
        return safe.length() > MAX_READABLE ? safe.substring(0, MAX_READABLE) : safe;
    }

    private static String hash(String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
