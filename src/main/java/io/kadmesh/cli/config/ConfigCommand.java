package io.kadmesh.cli.config;

import picocli.CommandLine.Command;

/**
 * {@code kadmesh config}: changes the live settings of a Git config repository, one validated commit
 * per change (see {@code config-repo/README.md}), and checks what the nodes made of them. Runs without
 * Quarkus.
 */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Change, roll back, inspect and verify the live settings kept in a Git config repository (see config-repo/README.md).", subcommands = {
        SetCommand.class, ProfileCommand.class, MetricsCommand.class, RollbackCommand.class, LogCommand.class,
        ValidateCommand.class, VerifyCommand.class })
public class ConfigCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "config needs a subcommand: set, profile, metrics, rollback, log, validate or verify");
    }
}
