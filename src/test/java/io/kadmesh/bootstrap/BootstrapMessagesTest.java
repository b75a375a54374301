package io.kadmesh.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Bootstrap frames are read as strictly as the handshake's: nothing ambiguous is guessed at. */
class BootstrapMessagesTest {

    private static final String ID = "ab".repeat(20);
    private static final String REGISTER = "{\"type\":\"register\",\"nodeId\":\"" + ID
            + "\",\"address\":\"ws://127.0.0.1:7000/dht\",\"ready\":true,\"connections\":3,\"publicKey\":\"AAAA\","
            + "\"nonce\":\"" + "A".repeat(43) + "=\",\"signature\":\"AAAA\"}";

    @Test
    void mustReadAWellFormedRegistration() {
        BootstrapMessages.Register register = (BootstrapMessages.Register) BootstrapMessages.parseRequest(REGISTER);

        assertEquals(ID, register.status().contact().id().toHex());
        assertEquals(3, register.status().connections());
    }

    @Test
    void mustRefuseAFieldThatAppearsTwice() {
        String twice = REGISTER.replace("{\"type\"", "{\"nodeId\":\"" + "cd".repeat(20) + "\",\"type\"");

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> BootstrapMessages.parseRequest(twice));
        assertTrue(refused.getMessage().contains("Duplicate field 'nodeId'"), refused.getMessage());
    }

    @Test
    void mustRefuseContentAfterTheObject() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> BootstrapMessages.parseRequest(REGISTER + "{}"));
        assertTrue(refused.getMessage().startsWith("malformed JSON"), refused.getMessage());
    }

    @Test
    void mustRefuseDeepNesting() {
        String deep = REGISTER.replace("\"ready\":true", "\"extra\":" + "[".repeat(40) + "]".repeat(40)
                + ",\"ready\":true");

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> BootstrapMessages.parseRequest(deep));
        assertTrue(refused.getMessage().startsWith("malformed JSON"), refused.getMessage());
    }
}
