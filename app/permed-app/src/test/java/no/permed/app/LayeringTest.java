package no.permed.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The dependency rules of docs/architecture.md, checked on the compiled main classes of every
 * module. The enforcer checks the same at the Maven level; this checks packages, which Maven cannot.
 */
class LayeringTest {
    /** Capability packages. Add each new capability here (its module's base package). */
    static final List<String> CAPABILITIES = List.of(
            "no.permed.security",
            "no.permed.genome",
            "no.permed.frequency",
            "no.permed.pgx",
            "no.permed.interpretation",
            "no.permed.prs",
            "no.permed.consent",
            "no.permed.access",
            "no.permed.research");

    private static JavaClasses permed;

    @BeforeAll
    static void importClasses() {
        permed = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("no.permed");
    }

    @Test
    void importedAllLayers() {
        org.assertj.core.api.Assertions.assertThat(permed.containPackage("no.permed.kernel")).isTrue();
        org.assertj.core.api.Assertions.assertThat(permed.containPackage("no.permed.spi")).isTrue();
        org.assertj.core.api.Assertions.assertThat(permed.containPackage("no.permed.db")).isTrue();
        org.assertj.core.api.Assertions.assertThat(permed.containPackage("no.permed.security")).isTrue();
        org.assertj.core.api.Assertions.assertThat(permed.containPackage("no.permed.server")).isTrue();
    }

    @Test
    void kernelDependsOnTheJdkOnly() {
        classes().that().resideInAPackage("no.permed.kernel..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "no.permed.kernel..")
                .check(permed);
    }

    @Test
    void spiDependsOnKernelAndJdkOnly() {
        classes().that().resideInAPackage("no.permed.spi..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "no.permed.kernel..", "no.permed.spi..")
                .check(permed);
    }

    @Test
    void librariesDependOnNoCapabilityOrEdge() {
        noClasses().that().resideInAnyPackage("no.permed.kernel..", "no.permed.spi..", "no.permed.db..")
                .should().dependOnClassesThat().resideInAnyPackage(capabilityAndEdgePackages())
                .check(permed);
    }

    @ParameterizedTest
    @MethodSource("capabilities")
    void capabilitiesNeverDependOnEachOtherOrOnTheEdges(String capability) {
        List<String> forbidden = new java.util.ArrayList<>();
        CAPABILITIES.stream().filter(other -> !other.equals(capability)).map(other -> other + "..").forEach(forbidden::add);
        forbidden.addAll(List.of("no.permed.server..", "no.permed.app..", "io.javalin..", "picocli..", "ca.uhn.fhir.."));
        noClasses().that().resideInAPackage(capability + "..")
                .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
                .allowEmptyShould(true)
                .check(permed);
    }

    @Test
    void serverDoesNotSeeTheApplicationShellOrTheCommandLine() {
        noClasses().that().resideInAPackage("no.permed.server..")
                .should().dependOnClassesThat().resideInAnyPackage("no.permed.app..", "picocli..")
                .check(permed);
    }

    @Test
    void theServerFrameworkSeesOnlyKernelAndSpi() {
        List<String> forbidden = new java.util.ArrayList<>();
        CAPABILITIES.forEach(capability -> forbidden.add(capability + ".."));
        noClasses().that().resideInAnyPackage("no.permed.server", "no.permed.server.route..", "no.permed.server.internal..")
                .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
                .check(permed);
    }

    @Test
    void mainCodeNeverUsesTestFixtures() {
        noClasses().that().resideOutsideOfPackage("no.permed.testing..")
                .should().dependOnClassesThat().resideInAPackage("no.permed.testing..")
                .check(permed);
    }

    static List<String> capabilities() {
        return CAPABILITIES;
    }

    private static String[] capabilityAndEdgePackages() {
        List<String> packages = new java.util.ArrayList<>();
        CAPABILITIES.forEach(capability -> packages.add(capability + ".."));
        packages.addAll(List.of("no.permed.server..", "no.permed.app.."));
        return packages.toArray(String[]::new);
    }
}
