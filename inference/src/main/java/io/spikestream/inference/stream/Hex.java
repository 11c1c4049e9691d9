package io.spikestream.inference.stream;

import java.util.HexFormat;

/** Short hex previews of payloads for error messages. */
final class Hex {

    private Hex() {}

    /**
     * The first bytes in hex with the total length, e.g. {@code 0x00112233... (120 bytes)}.
     *
     * @param bytes the payload
     * @return the preview
     */
    static String prefix(byte[] bytes) {
        int n = Math.min(bytes.length, 8);
        return "0x" + HexFormat.of().withUpperCase().formatHex(bytes, 0, n) + (bytes.length > n ? "..." : "")
                + " (" + bytes.length + " bytes)";
    }
}
