package io.kadmesh.cli;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The entry point of the jar. Only {@code kadmesh} and {@code kadmesh serve} boot Quarkus, and so
 * start the HTTP server and the node; every other command line ({@code --help}, {@code --version},
 * {@code local-network}, a mistake) runs as plain picocli, without Quarkus, and binds no port.
 */
@QuarkusMain
public class KadmeshMain implements QuarkusApplication {

    private static final String SERVE = "serve";

    @Inject
    Instance<ServeCommand> serve;

    /** Boots Quarkus for {@code serve}, or runs the command line without it; exits with its code. */
    public static void main(String... args) {
        if (servesTheNode(args)) {
            Quarkus.run(KadmeshMain.class, args);
        } else {
            System.exit(new CommandLine(new KadmeshCommand()).execute(args));
        }
    }

    /**
     * Whether {@code args} ask to run the node: no subcommand or {@code serve}, valid, and asking for
     * neither help nor the version. The two command lines that only serve, none and {@code serve}, are
     * answered without picocli, so that a node's start loads none of its classes.
     */
    static boolean servesTheNode(String... args) {
        if (args.length == 0 || args.length == 1 && SERVE.equals(args[0])) {
            return true;
        }
        ParseResult parsed;
        try {
            parsed = new CommandLine(new KadmeshCommand()).parseArgs(args);
        } catch (ParameterException e) {
            return false;
        }
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (level.isUsageHelpRequested() || level.isVersionHelpRequested()) {
                return false;
            }
            if (level != parsed && !SERVE.equals(level.commandSpec().name())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Runs {@link ServeCommand}, a CDI bean, inside the booted Quarkus. {@link #main} parsed the
     * arguments already and found nothing to do but serve, so they are not parsed a second time: the
     * HTTP port already listens, and every millisecond here delays the node's start.
     */
    @Override
    public int run(String... args) {
        serve.get().run();
        return 0;
    }
}
