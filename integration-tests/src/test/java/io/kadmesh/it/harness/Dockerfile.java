package io.kadmesh.it.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A Dockerfile read as its instructions, without a Docker engine: comments dropped, continuation lines
 * joined, exec-form arguments ({@code ["a", "b"]}) parsed as JSON, {@code key=value} pairs of {@code ARG},
 * {@code ENV} and {@code LABEL} unquoted.
 */
public final class Dockerfile {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PAIR = Pattern.compile("([^\\s=]+)=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S*)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?");

    /** One instruction: its keyword, upper case, and the rest of its (joined) line. */
    public record Instruction(String keyword, String arguments) {
    }

    private final List<Instruction> instructions;

    private Dockerfile(List<Instruction> instructions) {
        this.instructions = instructions;
    }

    /** The instructions of {@code text}. */
    public static Dockerfile parse(String text) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.startsWith("#") || line.isEmpty()) {
                continue;
            }
            boolean continues = line.endsWith("\\");
            pending.append(continues ? line.substring(0, line.length() - 1) : line).append(' ');
            if (!continues) {
                instructions.add(instruction(pending.toString().strip()));
                pending.setLength(0);
            }
        }
        if (!pending.isEmpty()) {
            instructions.add(instruction(pending.toString().strip()));
        }
        return new Dockerfile(instructions);
    }

    private static Instruction instruction(String line) {
        String[] parts = line.split("\\s+", 2);
        return new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1].strip() : "");
    }

    /** The instructions with {@code keyword}, in order. */
    public List<Instruction> all(String keyword) {
        return instructions.stream().filter(instruction -> instruction.keyword().equals(keyword)).toList();
    }

    /** The arguments of the last instruction with {@code keyword}, or null. */
    public String last(String keyword) {
        List<Instruction> found = all(keyword);
        return found.isEmpty() ? null : found.get(found.size() - 1).arguments();
    }

    /** Exec-form arguments ({@code ["/opt/app/bin/run", "serve"]}); null for the shell form. */
    public static List<String> execForm(String arguments) {
        if (arguments == null || !arguments.startsWith("[")) {
            return null;
        }
        try {
            return JSON.readValue(arguments, new TypeReference<List<String>>() {
            });
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The {@code key=value} pairs of every instruction with {@code keyword}, unquoted, later ones winning. */
    public Map<String, String> pairs(String keyword) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (Instruction instruction : all(keyword)) {
            Matcher pair = PAIR.matcher(instruction.arguments());
            while (pair.find()) {
                pairs.put(pair.group(1), unquote(pair.group(2)));
            }
        }
        return pairs;
    }

    /** {@code value} with {@code $NAME} and {@code ${NAME}} replaced by the {@code ARG} defaults. */
    public String substitute(String value) {
        Map<String, String> args = pairs("ARG");
        return VARIABLE.matcher(value).replaceAll(variable -> Matcher.quoteReplacement(
                args.getOrDefault(variable.group(1), variable.group())));
    }

    private static String unquote(String value) {
        return value.startsWith("\"") && value.endsWith("\"") && value.length() >= 2
                ? value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1")
                : value;
    }
}
