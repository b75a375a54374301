package io.kadmesh.cli;

import java.util.Optional;

import picocli.CommandLine.IVersionProvider;

/**
 * The version the build stamped into the application jar's manifest ({@code Implementation-Version}),
 * read without Quarkus: {@code --version} boots nothing.
 */
public class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Optional.ofNullable(VersionProvider.class.getPackage().getImplementationVersion())
                .orElse("unknown (not run from the packaged jar)");
        return new String[] { "kadmesh " + version };
    }
}
