package io.spikestream.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikestream.schemas.avro.Frame;
import io.spikestream.schemas.avro.ImageEncoding;

import org.apache.avro.data.TimeConversions;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;

/**
 * Runs with Avro's defaults only, as production does without
 * -Dorg.apache.avro.SERIALIZABLE_PACKAGES.
 */
class TrustedAvroPackagesTest {

    private ClassSecurityPredicate saved;

    @BeforeEach
    void useAvroDefaultsOnly() {
        saved = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.DEFAULT_TRUSTED_CLASSES);
    }

    @AfterEach
    void restore() {
        ClassSecurityValidator.setGlobal(saved);
    }

    @Test
    void shouldForbidGeneratedClassesWhenNotInstalled() throws Exception {
        byte[] bytes = Frame.getEncoder().encode(SampleRecords.frame()).array();

        assertThrows(SecurityException.class, () -> decodeWithFreshModel(bytes));
    }

    @Test
    void shouldDecodeGeneratedClassesWhenInstalled() throws Exception {
        byte[] bytes = Frame.getEncoder().encode(SampleRecords.frame()).array();

        TrustedAvroPackages.install();

        assertEquals(SampleRecords.frame(), decodeWithFreshModel(bytes));
        assertTrue(ClassSecurityValidator.getGlobal().isTrusted(String.class));
    }

    /** A new model has an empty class cache, so it asks the validator again. */
    private static Frame decodeWithFreshModel(byte[] bytes) throws IOException {
        SpecificData model = new SpecificData();
        model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        return new BinaryMessageDecoder<Frame>(model, Frame.getClassSchema()).decode(bytes);
    }

    @Test
    void shouldTrustOnlyTheGeneratedPackageWhenPredicateAsked() {
        assertTrue(TrustedAvroPackages.PREDICATE.isTrusted(Frame.class));
        assertTrue(TrustedAvroPackages.PREDICATE.isTrusted(ImageEncoding.class));
        assertFalse(TrustedAvroPackages.PREDICATE.isTrusted(Topics.class));
        assertFalse(TrustedAvroPackages.PREDICATE.isTrusted(java.net.URL.class));
    }
}
