package io.spikestream.schemas;

import io.spikestream.schemas.avro.Frame;

import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Adds the generated record package to Avro's global {@link ClassSecurityValidator}.
 *
 * <p>Avro 1.12.2 refuses to instantiate any class that is not trusted when it decodes specific
 * records ({@code SecurityException: Forbidden io.spikestream.schemas.avro.Frame!}). Trust normally
 * comes from {@code -Dorg.apache.avro.SERIALIZABLE_PACKAGES}; this class makes the serdes work
 * without that flag. The serdes of this package install it from their static initialisers; code
 * that calls the generated {@code getDecoder()} directly should call {@link #install()} first.
 */
public final class TrustedAvroPackages {

    /** Package of the classes generated from {@code src/main/avro}. */
    public static final String GENERATED_PACKAGE = "io.spikestream.schemas.avro";

    /** Trusts exactly the classes of {@link #GENERATED_PACKAGE} (not its sub-packages). */
    public static final ClassSecurityPredicate PREDICATE =
            type -> GENERATED_PACKAGE.equals(type.getPackageName());

    private TrustedAvroPackages() {}

    /**
     * Composes {@link #PREDICATE} into the global validator unless it already trusts the generated
     * classes. Idempotent and thread-safe; earlier trust settings stay in force.
     */
    public static synchronized void install() {
        ClassSecurityPredicate global = ClassSecurityValidator.getGlobal();
        if (!global.isTrusted(Frame.class)) {
            ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(global, PREDICATE));
        }
    }
}
