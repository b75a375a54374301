package io.kadmesh.cli.config;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code kadmesh config}: changes the live settings of a Git config repository, one validated commit
 * per change (see {@code config-repo/README.md}), and checks what the nodes made of them. Runs without
 * Quarkus.
 */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Change, roll back, inspect and verify the live settings kept in a Git config repository (see config-repo/README.md).", subcommands = {
        SetCommand.class, ProfileCommand.class, MetricsCommand.class, RollbackCommand.class, LogCommand.class,
        ValidateCommand.class, VerifyCommand.class })
public class ConfigCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "config needs a subcommand: set, profile, metrics, rollback, log, validate or verify");
    }
}
