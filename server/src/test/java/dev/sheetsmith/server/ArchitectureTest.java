package dev.sheetsmith.server;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The dependency rules of DESIGN.md: domain <- ports <- application <- adapters/plugins/engines <- server. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.sheetsmith");

    @Test
    void theDomainImportsOnlyJava() {
        classes().that().resideInAPackage("dev.sheetsmith.domain..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "dev.sheetsmith.domain..").check(CLASSES);
    }

    @Test
    void theSpiImportsOnlyJava() {
        classes().that().resideInAPackage("dev.sheetsmith.spi..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "dev.sheetsmith.spi..").check(CLASSES);
    }

    @Test
    void portsDependOnlyOnTheDomainTheSpiAndJava() {
        // the SPI for SpiCells, the one mapping between the domain's cells and a plugin's
        classes().that().resideInAPackage("dev.sheetsmith.ports..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "dev.sheetsmith.domain..", "dev.sheetsmith.spi..", "dev.sheetsmith.ports..")
                .check(CLASSES);
    }

    @Test
    void theApplicationDependsOnNoAdapterPluginOrFramework() {
        classes().that().resideInAPackage("dev.sheetsmith.application..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "javax.crypto..", "dev.sheetsmith.domain..", "dev.sheetsmith.ports..",
                        "dev.sheetsmith.spi..", "dev.sheetsmith.application..")
                .check(CLASSES);
    }

    @Test
    void adaptersDoNotImportEachOther() {
        noClasses().that().resideInAPackage("dev.sheetsmith.adapters.http..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.sheetsmith.adapters.storage..", "dev.sheetsmith.plugins..",
                        "dev.sheetsmith.engine..").check(CLASSES);
        noClasses().that().resideInAPackage("dev.sheetsmith.adapters.storage..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.sheetsmith.adapters.http..", "dev.sheetsmith.plugins..",
                        "dev.sheetsmith.engine..").check(CLASSES);
        noClasses().that().resideInAPackage("dev.sheetsmith.adapters.libreoffice..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.sheetsmith.adapters.http..", "dev.sheetsmith.adapters.storage..",
                        "dev.sheetsmith.plugins..", "dev.sheetsmith.engine..", "dev.sheetsmith.ports.in..",
                        "dev.sheetsmith.application..").check(CLASSES);
        noClasses().that().resideInAnyPackage("dev.sheetsmith.adapters.http..", "dev.sheetsmith.adapters.storage..")
                .should().dependOnClassesThat().resideInAPackage("dev.sheetsmith.adapters.libreoffice..").check(CLASSES);
    }

    @Test
    void adaptersAndPluginsDependOnPortsNotOnServices() {
        noClasses().that().resideInAnyPackage("dev.sheetsmith.adapters..", "dev.sheetsmith.plugins..",
                        "dev.sheetsmith.engine..").should()
                .dependOnClassesThat().resideInAnyPackage("dev.sheetsmith.application..", "dev.sheetsmith.server..")
                .check(CLASSES);
    }

    @Test
    void pluginsSeeOnlyTheSpiAndTheDomain() {
        noClasses().that().resideInAPackage("dev.sheetsmith.plugins..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.sheetsmith.ports.in..", "dev.sheetsmith.ports.out..",
                        "dev.sheetsmith.adapters..").check(CLASSES);
    }

    /**
     * The xlsx engine is an adapter of ports.out (WorkbookReader, WorkbookEditor) that only the
     * server wires. The one other thing that may use it is the xlsx format plugin, and only through
     * the engine's root package (XlsxFiles: read a whole file, write a new one); no other plugin
     * sees an engine.
     */
    @Test
    void theXlsxEngineIsWiredByTheServerAndReachedByItsPluginOnlyThroughItsFileApi() {
        noClasses().that().resideOutsideOfPackages("dev.sheetsmith.engine..", "dev.sheetsmith.server..",
                        "dev.sheetsmith.plugins.xlsx..").should().dependOnClassesThat()
                .resideInAPackage("dev.sheetsmith.engine..").check(CLASSES);
        noClasses().that().resideInAPackage("dev.sheetsmith.plugins.xlsx..").should().dependOnClassesThat(
                        resideInAPackage("dev.sheetsmith.engine..").and(resideOutsideOfPackage("dev.sheetsmith.engine.xlsx")))
                .check(CLASSES);
        noClasses().that().resideInAPackage("dev.sheetsmith.engine..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.sheetsmith.plugins..", "dev.sheetsmith.adapters..", "dev.sheetsmith.ports.in..")
                .check(CLASSES);
    }

    /** Inside the engine: poi helpers below everything; describe below read; read and edit apart. */
    @Test
    void theXlsxEnginesPackagesPointAtTheirSharedPoiHelpers() {
        String root = "dev.sheetsmith.engine.xlsx";
        noClasses().that().resideInAPackage(root + ".poi..").should().dependOnClassesThat()
                .resideInAnyPackage(root, root + ".read..", root + ".edit..", root + ".describe..").check(CLASSES);
        noClasses().that().resideInAPackage(root + ".describe..").should().dependOnClassesThat()
                .resideInAnyPackage(root, root + ".read..", root + ".edit..").check(CLASSES);
        noClasses().that().resideInAPackage(root + ".read..").should().dependOnClassesThat()
                .resideInAnyPackage(root, root + ".edit..").check(CLASSES);
        noClasses().that().resideInAPackage(root + ".edit..").should().dependOnClassesThat()
                .resideInAnyPackage(root, root + ".read..").check(CLASSES);
        // the Excel functions added to POI's evaluator use POI alone
        noClasses().that().resideInAPackage(root + ".functions..").should().dependOnClassesThat()
                .resideInAnyPackage(root, root + ".poi..", root + ".read..", root + ".edit..", root + ".describe..")
                .check(CLASSES);
    }

    /**
     * A format plugin compiles against the SPI and sees only it at run time (PluginJars shares no
     * other package), so the csv and ods plugins and the example use nothing else of ours: what
     * they compile against is what they can load. The xlsx plugin's engine speaks the domain.
     */
    @Test
    void formatPluginsDependOnlyOnTheSpi() throws IOException {
        String[] server = {"dev.sheetsmith.domain..", "dev.sheetsmith.ports..", "dev.sheetsmith.application..",
            "dev.sheetsmith.adapters..", "dev.sheetsmith.server..", "dev.sheetsmith.plugins.xlsx.."};
        noClasses().that().resideInAnyPackage("dev.sheetsmith.plugins.csv..", "dev.sheetsmith.plugins.ods..")
                .should().dependOnClassesThat().resideInAnyPackage(server).check(CLASSES);
        noClasses().that().resideInAPackage("com.example.sheetsmith..").should().dependOnClassesThat()
                .resideInAnyPackage(server).check(example());
        noClasses().that().haveSimpleName("XlsxFormat").should().dependOnClassesThat()
                .resideInAnyPackage("dev.sheetsmith.domain..", "dev.sheetsmith.ports..").check(CLASSES);
    }

    /** The example plugin's own jar, as a third party ships it. */
    private static JavaClasses example() throws IOException {
        try (JarFile jar = new JarFile(FormatsIT.EXAMPLE_JAR.toFile())) {
            return new ClassFileImporter().importJar(jar);
        }
    }

    @Test
    void onlyTheServerWires() {
        noClasses().that().resideOutsideOfPackage("dev.sheetsmith.server..").should().dependOnClassesThat()
                .resideInAPackage("dev.sheetsmith.server..").check(CLASSES);
    }
}
