package io.kadmesh.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link KadmeshMain}: which command lines boot Quarkus (and so bind a port), and which do not. */
class KadmeshMainTest {

    @Test
    void shouldServeWithNoSubcommandOrWithServe() {
        assertTrue(KadmeshMain.servesTheNode());
        assertTrue(KadmeshMain.servesTheNode("serve"));
    }

    @Test
    void shouldNotServeForHelpOrVersion() {
        assertFalse(KadmeshMain.servesTheNode("--help"));
        assertFalse(KadmeshMain.servesTheNode("-h"));
        assertFalse(KadmeshMain.servesTheNode("--version"));
        assertFalse(KadmeshMain.servesTheNode("serve", "--help"));
        assertFalse(KadmeshMain.servesTheNode("serve", "-V"));
    }

    @Test
    void shouldNotServeForToolsOrMistakes() {
        assertFalse(KadmeshMain.servesTheNode("local-network"));
        assertFalse(KadmeshMain.servesTheNode("local-network", "--nodes", "0"));
        assertFalse(KadmeshMain.servesTheNode("local-network", "--help"));
        assertFalse(KadmeshMain.servesTheNode("bogus"));
        assertFalse(KadmeshMain.servesTheNode("serve", "--bogus"));
        assertFalse(KadmeshMain.servesTheNode("--nodes", "4"));
    }
}
