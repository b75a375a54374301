package io.kadmesh.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.kadmesh.config.live.ConfigLayout;
import io.kadmesh.config.live.DirectoryFiles;
import io.kadmesh.config.live.LiveSettings;

/** The {@code config-repo/} template: every file validates, and its README documents every live key. */
class ConfigTemplateTest {

    private final DirectoryFiles template = new DirectoryFiles(ConfigRepoFixture.TEMPLATE);

    @Test
    void shouldValidateEveryFileOfTheTemplate() throws Exception {
        List<String> problems = ConfigLayout.problems(template, LiveSettings.builtIn());

        assertEquals(List.of(), problems);
        assertEquals(List.of("minimal.properties", "pre-crisis.properties"), template.list(ConfigLayout.PROFILES));
        assertEquals(List.of("example-node.properties"), template.list(ConfigLayout.NODES));
    }

    @Test
    void shouldSetEveryKeyInTheDefaultsWithTheNodesBuiltInValues() throws Exception {
        String defaults = template.read(ConfigLayout.DEFAULTS).orElseThrow();

        for (String key : LiveSettings.KEYS) {
            assertTrue(PropertiesText.valueOf(defaults, key).isPresent(), key + " missing from node.properties");
        }
        assertEquals(LiveSettings.builtIn(), ConfigLayout.settings(template, LiveSettings.builtIn(), Optional.empty()));
    }

    @Test
    void shouldMapThePreCrisisIntervals() throws Exception {
        String profile = template.read(ConfigLayout.profileFile("pre-crisis")).orElseThrow();
        String chooser = "kadmesh.profile=pre-crisis\n";
        LiveSettings settings = ConfigLayout.settings(new OverlayFiles(template, "nodes/chooser.properties", chooser),
                LiveSettings.builtIn(), Optional.of("chooser"));

        assertEquals(Duration.ofSeconds(60), settings.pingInterval());
        assertEquals(Duration.ofMinutes(10), settings.refreshInterval());
        assertEquals(Duration.ofSeconds(60), settings.staleCleanupInterval());
        assertEquals(2, settings.findNodeRateLimit());
        assertTrue(profile.contains("15s") && profile.contains("30s"), "says what has no counterpart");
    }

    @Test
    void shouldDocumentEveryLiveKeyInTheReadme() throws Exception {
        String readme = Files.readString(ConfigRepoFixture.TEMPLATE.resolve("README.md"));

        for (String key : LiveSettings.KEYS) {
            assertTrue(readme.contains("`" + key + "`"), key + " is not documented in config-repo/README.md");
        }
        assertTrue(readme.contains("git revert"), "plain git revert is documented");
    }
}
