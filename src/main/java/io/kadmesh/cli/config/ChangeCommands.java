package io.kadmesh.cli.config;

import io.kadmesh.config.live.LiveSettings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Checks of the arguments that every committing command shares; a failure is a usage error (exit 2). */
final class ChangeCommands {

    private ChangeCommands() {
    }

    /** The reason given with {@code -m}, refused when blank. */
    static String requireReason(CommandSpec spec, ChangeOptions change) {
        if (change.reason == null || change.reason.isBlank()) {
            throw new ParameterException(spec.commandLine(), "-m needs a reason: it becomes the commit message's body");
        }
        return change.reason.strip();
    }

    /** Refuses a key that is not one of {@link LiveSettings#KEYS}, naming it and the keys there are. */
    static void requireLiveKey(CommandSpec spec, String key) {
        if (!LiveSettings.KEYS.contains(key)) {
            throw new ParameterException(spec.commandLine(),
                    "unknown key '" + key + "'; the live keys are " + String.join(", ", LiveSettings.KEYS));
        }
    }
}
