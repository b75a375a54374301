package io.kadmesh.plugin.websocket;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class OriginCheckTest {

    @Test
    void nodesAndListedOriginsPassOthersDoNot() {
        OriginCheck check = new OriginCheck(Optional.of(List.of("http://good.example")));
        assertTrue(check.permits(null));
        assertTrue(check.permits("http://good.example"));
        assertFalse(check.permits("http://evil.example"));
    }

    @Test
    void withoutAListEveryOriginPasses() {
        assertTrue(new OriginCheck(Optional.empty()).permits("http://any.example"));
    }
}
