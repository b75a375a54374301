package io.kadmesh;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * No import cycles among the production classes: none between packages anywhere under
 * {@code io.kadmesh} (a parent package and its subpackages count as separate packages), and none
 * between the top-level classes of the DHT core. Beside the import rules the build enforces.
 */
class PackageCyclesTest {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.kadmesh");

    @Test
    void mustHaveNoCycleBetweenPackages() {
        slices().matching("io.kadmesh.(**)").namingSlices("package io.kadmesh.$1").should().beFreeOfCycles()
                .check(PRODUCTION);
    }

    @Test
    void mustHaveNoCycleBetweenClassesOfTheDhtCore() {
        slices().assignedFrom(new TopLevelClassesOf("io.kadmesh.dht")).should().beFreeOfCycles().check(PRODUCTION);
    }

    /** Puts each top-level class of a package tree, with its nested classes, in a slice of its own. */
    private record TopLevelClassesOf(String root) implements SliceAssignment {

        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getName();
            if (!name.startsWith(root + ".")) {
                return SliceIdentifier.ignore();
            }
            int nested = name.indexOf('$');
            return SliceIdentifier.of(nested < 0 ? name : name.substring(0, nested));
        }

        @Override
        public String getDescription() {
            return "top-level classes of " + root;
        }
    }
}
