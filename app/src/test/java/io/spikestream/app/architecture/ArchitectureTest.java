package io.spikestream.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module and package boundaries, checked on the main classes of every module (app's test classpath sees
 * them all). The module graph, bottom up: vision and schemas use no other module; scenes uses vision;
 * inference uses vision and schemas; ingest uses vision, schemas and scenes; sink uses vision and schemas;
 * training uses vision, scenes and inference; app uses everything.
 */
@AnalyzeClasses(packages = "io.spikestream", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String VISION = "io.spikestream.vision..";
    private static final String INFERENCE = "io.spikestream.inference.";

    /** The shared vocabulary stays at the bottom: the JDK only, no Kafka, no DJL, no other module. */
    @ArchTest
    static final ArchRule visionUsesOnlyTheJdk = classes().that().resideInAPackage(VISION)
            .should().onlyDependOnClassesThat().resideInAnyPackage(VISION, "java..", "javax..");

    /** Each module uses only the modules below it; a dependency added to a pom does not widen this. */
    @ArchTest
    static final ArchRule modulesUseOnlyTheModulesBelowThem = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("vision").definedBy(VISION)
            .layer("schemas").definedBy("io.spikestream.schemas..")
            .layer("scenes").definedBy("io.spikestream.scenes..")
            .layer("inference").definedBy("io.spikestream.inference..")
            .layer("ingest").definedBy("io.spikestream.ingest..")
            .layer("sink").definedBy("io.spikestream.sink..")
            .layer("training").definedBy("io.spikestream.training..")
            .layer("monitor").definedBy("io.spikestream.monitor..")
            .layer("app").definedBy("io.spikestream.app..")
            .whereLayer("vision").mayNotAccessAnyLayer()
            .whereLayer("schemas").mayNotAccessAnyLayer()
            .whereLayer("scenes").mayOnlyAccessLayers("vision")
            .whereLayer("inference").mayOnlyAccessLayers("vision", "schemas")
            .whereLayer("ingest").mayOnlyAccessLayers("vision", "schemas", "scenes")
            .whereLayer("sink").mayOnlyAccessLayers("vision", "schemas")
            .whereLayer("training").mayOnlyAccessLayers("vision", "scenes", "inference")
            .whereLayer("monitor").mayNotAccessAnyLayer()
            .whereLayer("monitor").mayOnlyBeAccessedByLayers("app")
            .whereLayer("app").mayNotBeAccessedByAnyLayer();

    /** The Kafka Streams topology knows the model only through {@code vision.Segmenter}. */
    @ArchTest
    static final ArchRule streamKnowsNoModel = noClasses().that().resideInAPackage(INFERENCE + "stream..")
            .should().dependOnClassesThat().resideInAnyPackage(INFERENCE + "runtime..", INFERENCE + "model..",
                    INFERENCE + "service..", "ai.djl..");

    /** The runtime implements the Segmenter; it knows nothing of Kafka or of the stream that calls it. */
    @ArchTest
    static final ArchRule runtimeKnowsNoStream = noClasses().that().resideInAPackage(INFERENCE + "runtime..")
            .should().dependOnClassesThat().resideInAnyPackage(INFERENCE + "stream..", INFERENCE + "service..",
                    "org.apache.kafka..", "io.spikestream.schemas..");

    /** The network is below the runtime that runs it. */
    @ArchTest
    static final ArchRule modelKnowsNoRuntime = noClasses().that().resideInAPackage(INFERENCE + "model..")
            .should().dependOnClassesThat().resideInAnyPackage(INFERENCE + "runtime..", INFERENCE + "stream..",
                    INFERENCE + "service..");

    /** No two modules use each other, directly or around a circle. */
    @ArchTest
    static final ArchRule noModuleCycles = slices().matching("io.spikestream.(*)..").should().beFreeOfCycles();

    /** Nor do the packages inside inference (model, runtime, stream, service). */
    @ArchTest
    static final ArchRule noInferencePackageCycles = slices().matching("io.spikestream.inference.(*)..")
            .should().beFreeOfCycles();
}
