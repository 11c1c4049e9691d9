package io.spikestream.sink.live;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The camera id in {@code /cameras/<id>/overlay}: exactly one path segment, percent-decoded as UTF-8 (as
 * {@code encodeURIComponent} writes it; {@code +} stays {@code +}). The id is only ever looked up among the
 * cameras the sink wrote, never made into a file path.
 */
final class CameraPath {

    static final String PREFIX = "/cameras/";
    static final String OVERLAY_SUFFIX = "/overlay";

    private CameraPath() {
    }

    /** The camera id of an overlay path (raw, still encoded); empty for any other path or a bad encoding. */
    static Optional<String> overlayCamera(String rawPath) {
        if (!rawPath.startsWith(PREFIX) || !rawPath.endsWith(OVERLAY_SUFFIX)
                || rawPath.length() < PREFIX.length() + OVERLAY_SUFFIX.length()) {
            return Optional.empty();
        }
        String segment = rawPath.substring(PREFIX.length(), rawPath.length() - OVERLAY_SUFFIX.length());
        return segment.indexOf('/') >= 0 ? Optional.empty() : decode(segment);
    }

    /** The percent-decoded UTF-8 text of {@code segment}; empty when an escape or the UTF-8 is malformed. */
    static Optional<String> decode(String segment) {
        byte[] raw = segment.getBytes(StandardCharsets.UTF_8);
        ByteBuffer bytes = ByteBuffer.allocate(raw.length);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] != '%') {
                bytes.put(raw[i]);
            } else if (i + 2 < raw.length && isHex(raw[i + 1]) && isHex(raw[i + 2])) {
                bytes.put((byte) (HexFormat.fromHexDigit(raw[i + 1]) << 4 | HexFormat.fromHexDigit(raw[i + 2])));
                i += 2;
            } else {
                return Optional.empty();
            }
        }
        bytes.flip();
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static boolean isHex(byte b) {
        return HexFormat.isHexDigit(b);
    }
}
