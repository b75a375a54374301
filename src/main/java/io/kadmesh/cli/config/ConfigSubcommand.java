package io.kadmesh.cli.config;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every {@code kadmesh config} subcommand shares: a {@link ConfigFailure} or an I/O error becomes
 * its message on standard error and exit code 1; a usage error stays picocli's (exit code 2).
 */
abstract class ConfigSubcommand implements Callable<Integer> {

    /** Exit code of a command that ran and found something wrong. */
    static final int FAILED = 1;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        try {
            return execute();
        } catch (ConfigFailure | IOException e) {
            err().println("kadmesh config " + spec.name() + ": " + e.getMessage());
            err().flush();
            return FAILED;
        }
    }

    /** Does the work; answers the exit code. */
    abstract int execute() throws ConfigFailure, IOException;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
