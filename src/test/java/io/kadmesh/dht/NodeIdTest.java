package io.kadmesh.dht;

import static io.kadmesh.testing.TinyIds.id;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class NodeIdTest {

    private final SplittableRandom random = new SplittableRandom(3);

    @Test
    void mustMeasureDistanceAsXorOfTheIds() {
        assertEquals(BigInteger.valueOf(0b0110).shiftLeft(156), id("0011").distanceTo(id("0101")).toBigInteger());
        assertEquals(159, id("1").distanceTo(id("0")).log2());
        assertEquals(-1, id("1010").distanceTo(id("1010")).log2());
    }

    @Test
    void mustCompareDistancesLikeTheXorNumbers() {
        for (int i = 0; i < 2_000; i++) {
            NodeId target = NodeId.random(random);
            NodeId a = NodeId.random(random);
            NodeId b = NodeId.random(random);
            int expected = target.distanceTo(a).compareTo(target.distanceTo(b));
            assertEquals(Integer.signum(expected), Integer.signum(target.compareDistance(a, b)));
        }
    }

    @Test
    void mustCountSharedLeadingBits() {
        assertEquals(0, id("1").sharedPrefixLength(id("0")));
        assertEquals(3, id("0110").sharedPrefixLength(id("0111")));
        assertEquals(NodeId.BITS, id("0110").sharedPrefixLength(id("0110")));
    }

    @Test
    void mustDrawRefreshTargetsInsideTheBucket() {
        NodeId self = NodeId.random(random);
        for (int prefix = 0; prefix < NodeId.BITS; prefix++) {
            assertEquals(prefix, self.sharedPrefixLength(self.randomWithSharedPrefix(prefix, random)));
        }
        assertThrows(IllegalArgumentException.class, () -> self.randomWithSharedPrefix(NodeId.BITS, random));
    }

    @Test
    void mustRoundTripHexAndRejectMalformedIds() {
        NodeId id = NodeId.random(random);
        assertEquals(id, NodeId.fromHex(id.toHex()));
        assertEquals(id, NodeId.fromHex(id.toHex().toUpperCase()));
        assertThrows(IllegalArgumentException.class, () -> NodeId.fromHex("abc"));
        assertThrows(IllegalArgumentException.class, () -> NodeId.fromHex("z".repeat(40)));
        assertThrows(IllegalArgumentException.class, () -> NodeId.fromHex(null));
        assertThrows(IllegalArgumentException.class, () -> NodeId.of(new byte[19]));
        assertTrue(NodeId.isHex(id.toHex()));
        assertFalse(NodeId.isHex("g".repeat(40)));
    }

    @Test
    void mustHashKeysWithSha1() {
        assertEquals("aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d",
                NodeId.sha1("hello".getBytes(StandardCharsets.UTF_8)).toHex());
    }

    @Test
    void mustKeepTheBytesTheirOrderAndTheirHash() {
        for (int i = 0; i < 2_000; i++) {
            byte[] bytes = new byte[NodeId.BYTES];
            random.nextBytes(bytes);
            byte[] other = bytes.clone();
            other[random.nextInt(NodeId.BYTES)] ^= (byte) (1 << random.nextInt(8));
            NodeId a = NodeId.of(bytes);
            NodeId b = NodeId.of(other);
            assertArrayEquals(bytes, a.toBytes());
            assertEquals(Arrays.hashCode(bytes), a.hashCode());
            assertEquals(Integer.signum(Arrays.compareUnsigned(bytes, other)), Integer.signum(a.compareTo(b)));
            StringBuilder appended = new StringBuilder("x");
            a.appendHex(appended);
            assertEquals("x" + HexFormat.of().formatHex(bytes), appended.toString(), "appended before toHex()");
            assertEquals(HexFormat.of().formatHex(bytes), a.toHex());
            StringBuilder again = new StringBuilder();
            a.appendHex(again);
            assertEquals(a.toHex(), again.toString(), "appended after toHex()");
            assertEquals(a, NodeId.fromHex(a.toHex()));
            assertNotEquals(a, b);
            int bit = 0;
            while (bit < NodeId.BITS && a.bit(bit) == b.bit(bit)) {
                bit++;
            }
            assertEquals(bit, a.sharedPrefixLength(b));
            assertEquals(new BigInteger(1, bytes).testBit(NodeId.BITS - 1 - bit) ? 1 : 0, a.bit(bit));
        }
    }

    @Test
    void mustParseHexOnlyFromFortyAsciiDigits() {
        char[] text = ("xx" + "0123456789abcdefABCDEF0123456789abcdefAB" + "yy").toCharArray();
        assertEquals(NodeId.fromHex("0123456789abcdefabcdef0123456789abcdefab"), NodeId.parseHex(text, 2, 40));
        assertNull(NodeId.parseHex(text, 2, 39));
        assertNull(NodeId.parseHex(text, 1, 40));
        assertNull(NodeId.parseHex("\uff10".repeat(40).toCharArray(), 0, 40));
        assertNull(NodeId.parseHex("g".repeat(40).toCharArray(), 0, 40));
    }
}
