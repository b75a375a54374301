package io.kadmesh.cli.config;

import java.time.Duration;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a duration option as the config files write durations: {@code 60s}, {@code 2m}, {@code 500ms}. */
public class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        try {
            Duration duration = io.quarkus.runtime.configuration.DurationConverter.parseDuration(value);
            if (duration == null || duration.isNegative()) {
                throw new TypeConversionException("'" + value + "' is not a duration such as 60s or 500ms");
            }
            return duration;
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "' is not a duration such as 60s or 500ms");
        }
    }
}
