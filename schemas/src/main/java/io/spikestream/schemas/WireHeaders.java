package io.spikestream.schemas;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/** Recognises the two wire formats by their first bytes, to explain mismatches in errors. */
final class WireHeaders {

    static final byte CONFLUENT_MAGIC = 0x00;
    static final int CONFLUENT_HEADER_LENGTH = 5;
    static final byte SINGLE_OBJECT_MAGIC_0 = (byte) 0xC3;
    static final byte SINGLE_OBJECT_MAGIC_1 = 0x01;
    static final int SINGLE_OBJECT_HEADER_LENGTH = 10;

    private WireHeaders() {}

    static boolean isSingleObject(byte[] payload) {
        return payload.length >= 2
                && payload[0] == SINGLE_OBJECT_MAGIC_0
                && payload[1] == SINGLE_OBJECT_MAGIC_1;
    }

    static boolean isConfluent(byte[] payload) {
        return payload.length >= CONFLUENT_HEADER_LENGTH && payload[0] == CONFLUENT_MAGIC;
    }

    /** A short description of what the payload looks like, for error messages. */
    static String describe(byte[] payload) {
        if (isSingleObject(payload)) {
            return "it looks like Avro single-object encoding (0xC3 0x01): the producer had no "
                    + SchemasConfig.SCHEMA_REGISTRY_URL_CONFIG;
        }
        if (isConfluent(payload)) {
            return "it looks like the Confluent wire format (schema id "
                    + ByteBuffer.wrap(payload, 1, 4).getInt()
                    + "): set "
                    + SchemasConfig.SCHEMA_REGISTRY_URL_CONFIG;
        }
        return "first bytes " + hexPrefix(payload);
    }

    static String hexPrefix(byte[] payload) {
        int n = Math.min(payload.length, 8);
        return "0x"
                + HexFormat.of().withUpperCase().formatHex(payload, 0, n)
                + (payload.length > n ? "..." : "")
                + " ("
                + payload.length
                + " bytes)";
    }
}
